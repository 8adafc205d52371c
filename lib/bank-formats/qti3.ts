// Owns the QTI 3.0 export: a content package (zip) with imsmanifest.xml and one qti-assessment-item per question.
//
// Scoring reproduced exactly where QTI can: single and true/false (match correct), multiple response (a mapping with
// +1/C for right and −1/W for wrong choices, lower bound 0: Koza's rule), matching (a directedPair mapping worth 1/n
// per correct pair), numeric (qti-equal with an absolute tolerance; both signs when the size of a change is asked).
// Where it cannot, the export report says so: ordering (QTI scores the exact order only; Koza gives partial credit
// for pairs in order), short text (QTI compares case-insensitively; Koza also forgives accents, punctuation, plurals
// and small typos), numeric units (a float response carries no unit), and Markdown (written as plain paragraphs).
import { strToU8, zipSync } from "fflate";
import type { Question } from "@/lib/content/schema";
import { stripControlChars } from "./common";
import { exportFileName } from "./images";
import type { ExportImage, ExportItem, ExportReportRow } from "./types";

const NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0";
const SCHEMA = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0p1_v1p0.xsd";
const CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1";
const CP_SCHEMA = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd";

export function xmlEscape(text: string): string {
  return stripControlChars(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Markdown as plain XHTML paragraphs (QTI bodies are XHTML; rendering Markdown faithfully is out of scope), except that
 * an image the package carries becomes an <img> pointing at its file (items/ → ../images/).
 */
function paragraphs(text: string, images: ReadonlyMap<string, ExportImage> = new Map()): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(
      (p) =>
        `<p>${xmlEscape(p)
          .replace(/\n/g, "<br/>")
          .replace(/!\[([^\]]*)\]\(\/api\/images\/([A-Za-z0-9_-]{16,64})\)/g, (whole, alt: string, id: string) => {
            const image = images.get(id);
            return image ? `<img src="../${IMAGE_DIR}/${exportFileName(image)}" alt="${alt}"/>` : whole;
          })}</p>`,
    )
    .join("");
}

const IMAGE_DIR = "images";

/** QTI identifiers must start with a letter or underscore; Koza keys and ids may start with a digit. */
export function itemIdentifier(key: string): string {
  return `q-${key}`;
}

const float = (n: number) => `<qti-base-value base-type="float">${n}</qti-base-value>`;
const setScore = (expr: string) => `<qti-set-outcome-value identifier="SCORE">${expr}</qti-set-outcome-value>`;

function scoreIf(condition: string, points: number): string {
  return `<qti-response-condition><qti-response-if>${condition}${setScore(float(points))}</qti-response-if><qti-response-else>${setScore(float(0))}</qti-response-else></qti-response-condition>`;
}

const matchCorrect = `<qti-match><qti-variable identifier="RESPONSE"/><qti-correct identifier="RESPONSE"/></qti-match>`;

type Parts = { declaration: string; body: string; processing: string; lost: string[] };

function parts(q: Question): Parts {
  const points = q.points;
  switch (q.type) {
    case "single":
    case "truefalse": {
      const choices =
        q.type === "single"
          ? q.options.map((o) => ({ id: `o-${o.id}`, text: o.text, correct: o.correct }))
          : [
              { id: "o-true", text: "True", correct: q.answer },
              { id: "o-false", text: "False", correct: !q.answer },
            ];
      const right = choices.find((c) => c.correct)!;
      return {
        declaration: `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>${right.id}</qti-value></qti-correct-response></qti-response-declaration>`,
        body: `<qti-choice-interaction response-identifier="RESPONSE" shuffle="${q.type === "single"}" max-choices="1">${choices.map((c) => `<qti-simple-choice identifier="${c.id}">${xmlEscape(c.text)}</qti-simple-choice>`).join("")}</qti-choice-interaction>`,
        processing: scoreIf(matchCorrect, points),
        lost: q.type === "single" && q.options.some((o) => o.feedback) ? ["per-option feedback"] : [],
      };
    }
    case "multiple": {
      const c = q.options.filter((o) => o.correct).length;
      const w = q.options.length - c;
      const entries = q.options
        .map((o) => `<qti-map-entry map-key="o-${o.id}" mapped-value="${o.correct ? 1 / c : w > 0 ? -1 / w : 0}"/>`)
        .join("");
      return {
        declaration:
          `<qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier"><qti-correct-response>${q.options
            .filter((o) => o.correct)
            .map((o) => `<qti-value>o-${o.id}</qti-value>`)
            .join("")}</qti-correct-response>` +
          `<qti-mapping lower-bound="0" upper-bound="1" default-value="0">${entries}</qti-mapping></qti-response-declaration>`,
        body: `<qti-choice-interaction response-identifier="RESPONSE" shuffle="true" max-choices="0">${q.options.map((o) => `<qti-simple-choice identifier="o-${o.id}">${xmlEscape(o.text)}</qti-simple-choice>`).join("")}</qti-choice-interaction>`,
        processing: setScore(`<qti-product><qti-map-response identifier="RESPONSE"/>${float(points)}</qti-product>`),
        lost: q.options.some((o) => o.feedback) ? ["per-option feedback"] : [],
      };
    }
    case "numeric": {
      const equal = (v: number) =>
        `<qti-equal tolerance-mode="absolute" tolerance="${q.tolerance} ${q.tolerance}"><qti-variable identifier="RESPONSE"/>${float(v)}</qti-equal>`;
      const condition = q.acceptMagnitude && q.answer !== 0 ? `<qti-or>${equal(q.answer)}${equal(-q.answer)}</qti-or>` : equal(q.answer);
      const lost: string[] = [];
      if (q.unit !== "" || q.acceptedUnits.length > 0) lost.push("units and scale words (a QTI float response is a bare number)");
      lost.push("Koza's number reading (thousands separators, the Unicode minus)");
      return {
        declaration: `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="float"><qti-correct-response><qti-value>${q.answer}</qti-value></qti-correct-response></qti-response-declaration>`,
        body: `<p><qti-text-entry-interaction response-identifier="RESPONSE" expected-length="12"/>${q.unit ? ` ${xmlEscape(q.unit)}` : ""}</p>`,
        processing: `<qti-response-condition><qti-response-if><qti-is-null><qti-variable identifier="RESPONSE"/></qti-is-null>${setScore(float(0))}</qti-response-if><qti-response-else-if>${condition}${setScore(float(points))}</qti-response-else-if><qti-response-else>${setScore(float(0))}</qti-response-else></qti-response-condition>`,
        lost,
      };
    }
    case "short":
      return {
        declaration:
          `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string"><qti-correct-response><qti-value>${xmlEscape(q.accepted[0]!)}</qti-value></qti-correct-response>` +
          `<qti-mapping default-value="0" lower-bound="0" upper-bound="1">${q.accepted.map((a) => `<qti-map-entry map-key="${xmlEscape(a)}" mapped-value="1" case-sensitive="false"/>`).join("")}</qti-mapping></qti-response-declaration>`,
        body: `<p><qti-text-entry-interaction response-identifier="RESPONSE" expected-length="30"/></p>`,
        processing: setScore(`<qti-product><qti-map-response identifier="RESPONSE"/>${float(points)}</qti-product>`),
        lost: ["Koza's answer normalisation (accents, punctuation, plurals, small typos): QTI compares case-insensitively only"],
      };
    case "ordering":
      return {
        declaration: `<qti-response-declaration identifier="RESPONSE" cardinality="ordered" base-type="identifier"><qti-correct-response>${q.items.map((i) => `<qti-value>o-${i.id}</qti-value>`).join("")}</qti-correct-response></qti-response-declaration>`,
        body: `<qti-order-interaction response-identifier="RESPONSE" shuffle="true">${q.items.map((i) => `<qti-simple-choice identifier="o-${i.id}">${xmlEscape(i.text)}</qti-simple-choice>`).join("")}</qti-order-interaction>`,
        processing: scoreIf(matchCorrect, points),
        lost: ["partial credit for pairs in the right order (QTI response processing scores the exact order only)"],
      };
    case "matching": {
      const n = q.pairs.length;
      const rights = [
        ...q.pairs.map((p) => ({ id: `r-${p.id}`, text: p.right })),
        ...q.distractors.map((d, i) => ({ id: `r-d${i}`, text: d })),
      ];
      return {
        declaration:
          `<qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="directedPair"><qti-correct-response>${q.pairs.map((p) => `<qti-value>l-${p.id} r-${p.id}</qti-value>`).join("")}</qti-correct-response>` +
          `<qti-mapping default-value="0" lower-bound="0" upper-bound="1">${q.pairs.map((p) => `<qti-map-entry map-key="l-${p.id} r-${p.id}" mapped-value="${1 / n}"/>`).join("")}</qti-mapping></qti-response-declaration>`,
        body:
          `<qti-match-interaction response-identifier="RESPONSE" shuffle="true" max-associations="${n}">` +
          `<qti-simple-match-set>${q.pairs.map((p) => `<qti-simple-associable-choice identifier="l-${p.id}" match-max="1">${xmlEscape(p.left)}</qti-simple-associable-choice>`).join("")}</qti-simple-match-set>` +
          `<qti-simple-match-set>${rights.map((r) => `<qti-simple-associable-choice identifier="${r.id}" match-max="${n}">${xmlEscape(r.text)}</qti-simple-associable-choice>`).join("")}</qti-simple-match-set>` +
          `</qti-match-interaction>`,
        processing: setScore(`<qti-product><qti-map-response identifier="RESPONSE"/>${float(points)}</qti-product>`),
        lost: [],
      };
    }
  }
}

export function writeQtiItem(item: ExportItem): { xml: string; lost: string[] } {
  const q = item.question;
  const p = parts(q);
  const title = xmlEscape(item.name ?? q.key);
  const images = new Map((item.images ?? []).map((i) => [i.id, i]));
  const feedback = q.explanation
    ? `<qti-modal-feedback outcome-identifier="FEEDBACK" identifier="explanation" show-hide="show"><qti-content-body>${paragraphs(q.explanation, images)}</qti-content-body></qti-modal-feedback>`
    : "";
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<qti-assessment-item xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${NS} ${SCHEMA}" identifier="${itemIdentifier(q.key)}" title="${title}" adaptive="false" time-dependent="false" xml:lang="en">\n` +
    `${p.declaration}\n` +
    `<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float" normal-maximum="${q.points}"><qti-default-value><qti-value>0</qti-value></qti-default-value></qti-outcome-declaration>\n` +
    `<qti-outcome-declaration identifier="MAXSCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>${q.points}</qti-value></qti-default-value></qti-outcome-declaration>\n` +
    (feedback ? `<qti-outcome-declaration identifier="FEEDBACK" cardinality="single" base-type="identifier"/>\n` : "") +
    `<qti-item-body>${paragraphs(q.prompt, images)}${p.body}</qti-item-body>\n` +
    `<qti-response-processing>${p.processing}${feedback ? `<qti-set-outcome-value identifier="FEEDBACK"><qti-base-value base-type="identifier">explanation</qti-base-value></qti-set-outcome-value>` : ""}</qti-response-processing>\n` +
    `${feedback}\n</qti-assessment-item>\n`;
  const lost = [...p.lost];
  if (/[*_`#[\]]/.test(q.prompt + (q.explanation ?? ""))) lost.push("Markdown formatting (written as plain paragraphs)");
  if (q.citations && q.citations.length > 0) lost.push("citations");
  return { xml, lost };
}

export function writeQti3(bankName: string, items: ExportItem[]): { body: Uint8Array; report: ExportReportRow[] } {
  const files: Record<string, Uint8Array> = {};
  const report: ExportReportRow[] = [];
  const resources: string[] = [];
  for (const item of items) {
    const { xml, lost } = writeQtiItem(item);
    const href = `items/${itemIdentifier(item.question.key)}.xml`;
    files[href] = strToU8(xml);
    // The images travel as package files, listed with the item that shows them (one copy however many items do).
    const imageFiles = (item.images ?? []).map((i) => {
      const path = `${IMAGE_DIR}/${exportFileName(i)}`;
      files[path] = i.bytes;
      return `      <file href="${path}"/>\n`;
    });
    resources.push(
      `    <resource identifier="${itemIdentifier(item.question.key)}" type="imsqti_item_xmlv3p0" href="${href}">\n      <file href="${href}"/>\n${imageFiles.join("")}    </resource>\n`,
    );
    report.push({ key: item.question.key, lost });
  }
  const manifest =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<manifest xmlns="${CP_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${CP_NS} ${CP_SCHEMA}" identifier="koza-bank">\n` +
    `  <metadata>\n    <schema>QTI Package</schema>\n    <schemaversion>3.0.0</schemaversion>\n  </metadata>\n` +
    `  <!-- ${xmlEscape(bankName).replace(/--/g, "- -")} -->\n  <organizations/>\n  <resources>\n${resources.join("")}  </resources>\n</manifest>\n`;
  files["imsmanifest.xml"] = strToU8(manifest);
  // A fixed timestamp keeps the package byte-for-byte reproducible.
  return { body: zipSync(files, { level: 6, mtime: new Date("2020-01-01T00:00:00Z") }), report };
}
