// The QTI 3.0 package has the structure of 1EdTech's examples: imsmanifest.xml listing one imsqti_item_xmlv3p0 resource
// per item, each a well-formed qti-assessment-item in the QTI 3 namespace with RESPONSE declared, SCORE as outcome,
// the interaction of its type and response processing; mappings reproduce Koza's partial credit.
import { unzipSync, strFromU8 } from "fflate";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { loadCourse } from "@/lib/content/loader";
import { exportBank } from "@/lib/bank-formats";

const course = loadCourse();
const items = course.banks.flatMap((b) => b.questions.map((question) => ({ question, topicTitle: b.topic })));
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
});
const INTERACTION = {
  single: "qti-choice-interaction",
  truefalse: "qti-choice-interaction",
  multiple: "qti-choice-interaction",
  numeric: "qti-text-entry-interaction",
  short: "qti-text-entry-interaction",
  ordering: "qti-order-interaction",
  matching: "qti-match-interaction",
} as const;

describe("QTI 3.0 export of the course's banks", () => {
  const result = exportBank("qti3", "Course content", items);
  const files = unzipSync(result.body as Uint8Array);

  it("is a zip with a manifest that lists every item file", () => {
    expect(result.contentType).toBe("application/zip");
    const manifestXml = strFromU8(files["imsmanifest.xml"]!);
    expect(XMLValidator.validate(manifestXml)).toBe(true);
    const manifest = parser.parse(manifestXml).manifest;
    expect(manifest["@_xmlns"]).toBe("http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1");
    expect(manifest.metadata.schemaversion).toBe("3.0.0");
    const resources = [manifest.resources.resource].flat();
    expect(resources).toHaveLength(items.length);
    for (const r of resources) {
      expect(r["@_type"]).toBe("imsqti_item_xmlv3p0");
      expect(files[r["@_href"]], r["@_href"]).toBeDefined();
      expect(r.file["@_href"]).toBe(r["@_href"]);
    }
    expect(Object.keys(files)).toHaveLength(items.length + 1);
  });

  it("writes each question as a qti-assessment-item with the interaction and processing of its type", () => {
    for (const { question: q } of items) {
      const xml = strFromU8(files[`items/q-${q.key}.xml`]!);
      expect(XMLValidator.validate(xml), q.key).toBe(true);
      const item = parser.parse(xml)["qti-assessment-item"];
      expect(item["@_xmlns"]).toBe("http://www.imsglobal.org/xsd/imsqtiasi_v3p0");
      expect(item["@_identifier"]).toBe(`q-${q.key}`);
      expect(item["@_time-dependent"]).toBe("false");
      expect(item["qti-response-declaration"]["@_identifier"]).toBe("RESPONSE");
      expect([item["qti-outcome-declaration"]].flat().map((o: Record<string, string>) => o["@_identifier"])).toContain("SCORE");
      expect(JSON.stringify(item["qti-item-body"])).toContain(INTERACTION[q.type]);
      expect(item["qti-response-processing"]).toBeDefined();
      if (q.type === "multiple") {
        const entries = [item["qti-response-declaration"]["qti-mapping"]["qti-map-entry"]].flat();
        const right = entries.filter((e: Record<string, string>) => Number(e["@_mapped-value"]) > 0);
        expect(right.reduce((s: number, e: Record<string, string>) => s + Number(e["@_mapped-value"]), 0)).toBeCloseTo(1, 9);
        expect(item["qti-response-declaration"]["qti-mapping"]["@_lower-bound"]).toBe("0");
      }
      if (q.type === "matching") expect(item["qti-response-declaration"]["@_base-type"]).toBe("directedPair");
      if (q.type === "ordering") expect(item["qti-response-declaration"]["@_cardinality"]).toBe("ordered");
    }
  });

  it("reports what QTI cannot reproduce", () => {
    const lost = new Map(result.report.map((r) => [r.key, r.lost.join(" ")]));
    for (const { question: q } of items) {
      if (q.type === "ordering") expect(lost.get(q.key)).toMatch(/partial credit/);
      if (q.type === "short") expect(lost.get(q.key)).toMatch(/normalisation/);
      if (q.type === "numeric" && q.unit) expect(lost.get(q.key)).toMatch(/units/);
    }
  });

  it("is byte-for-byte reproducible", () => {
    expect(exportBank("qti3", "Course content", items).body).toEqual(result.body);
  });
});
