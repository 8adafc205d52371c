// Which image bytes an import accepts (sniffed, never SVG, at most 2 MB) and how image references in imported text
// are rewritten: embedded files become placeholders, app images stay, anything else drops to its description.
import { describe, expect, it } from "vitest";
import { MAX_IMAGE_BYTES, pointImagesAt, resolveImages, sniffImage, type EmbeddedFile } from "@/lib/bank-formats/images";
import { parseBankFile } from "@/lib/bank-formats";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4IScHRwzEcQCxYxBBO0tjggAAAABJRU5ErkJggg==";
const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);
const files = (...f: [string, string][]) => new Map<string, EmbeddedFile>(f.map(([name, base64]) => [name, { name, base64 }]));

describe("sniffImage", () => {
  it("knows PNG, JPEG, GIF and WebP by their first bytes, and nothing else", () => {
    expect(sniffImage(new Uint8Array(Buffer.from(PNG, "base64")))).toBe("image/png");
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffImage(new Uint8Array(Buffer.from("GIF89a...")))).toBe("image/gif");
    expect(sniffImage(new Uint8Array(Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 ", "latin1")))).toBe("image/webp");
    expect(sniffImage(new Uint8Array(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toBeNull();
    expect(sniffImage(new Uint8Array(Buffer.from("<?xml version='1.0'?><svg/>")))).toBeNull();
    expect(sniffImage(new Uint8Array(Buffer.from("<html><script>alert(1)</script>")))).toBeNull();
    expect(sniffImage(new Uint8Array(0))).toBeNull();
  });
});

describe("resolveImages", () => {
  it("turns an embedded PNG into a placeholder with its description (or its file name)", () => {
    const r = resolveImages(
      "A ![chart](@@PLUGINFILE@@/my%20chart.png) and ![](@@PLUGINFILE@@/my%20chart.png)",
      files(["my chart.png", PNG]),
    );
    expect(r.refused).toBeNull();
    expect(r.images).toHaveLength(2);
    expect(r.text).toBe(`A ![chart](koza-image:${r.images[0]!.sha256}) and ![my chart](koza-image:${r.images[0]!.sha256})`);
  });

  it("drops links to other sites and missing files to their description, with a warning", () => {
    const r = resolveImages(
      "![remote](https://x.example/a.png) ![gone](@@PLUGINFILE@@/gone.png) ![data](data:image/png;base64,AAAA)",
      files(),
    );
    expect(r.text).toBe("remote gone data");
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings[0]).toMatch(/another site .*never hot-links/);
    expect(r.warnings[1]).toMatch(/"gone.png" is not in the file/);
  });

  it("keeps an app image as it is", () => {
    const text = "![ok](/api/images/AbCdEfGhIjKlMnOpQrStUvWx)";
    expect(resolveImages(text, files()).text).toBe(text);
  });

  it("refuses SVG, non-images and files over the limit", () => {
    const svg = Buffer.from("<svg onload=alert(1)/>").toString("base64");
    expect(resolveImages("![s](@@PLUGINFILE@@/s.svg)", files(["s.svg", svg])).refused).toMatch(/SVG can carry scripts/);
    expect(resolveImages("![s](@@PLUGINFILE@@/s.png)", files(["s.png", svg])).refused).toMatch(/not a PNG, JPEG, GIF or WebP/);
    const big = Buffer.concat([Buffer.from(PNG, "base64"), Buffer.alloc(MAX_IMAGE_BYTES)]).toString("base64");
    expect(resolveImages("![b](@@PLUGINFILE@@/b.png)", files(["b.png", big])).refused).toMatch(/larger than 2 MB/);
    expect(resolveImages("![b](@@PLUGINFILE@@/b.png)", files(["b.png", "not base64!"])).refused).toMatch(/not valid base64/);
  });

  it("reads an HTML <img> in Moodle XML as a Markdown image first", () => {
    const xml = `<quiz><question type="truefalse"><questiontext format="html"><text><![CDATA[<p>Which?</p><img alt="A [chart]" src="@@PLUGINFILE@@/c.png">]]></text><file name="c.png" path="/" encoding="base64">${PNG}</file></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>`;
    const q = parseBankFile("moodle-xml", xml).questions[0]!;
    expect(q.question.prompt).toMatch(/^Which\?\n!\[A chart\]\(koza-image:[0-9a-f]{64}\)$/);
    expect(q.images[0]!.mime).toBe("image/png");
  });
});

describe("pointImagesAt", () => {
  it("points app images at exported files and lists them once", () => {
    const image = { id: "AbCdEfGhIjKlMnOpQrStUvWx", mime: "image/png" as const };
    const r = pointImagesAt(
      `![a](/api/images/${image.id}) ![b](/api/images/${image.id}) ![c](/api/images/Unknown0000000000000)`,
      new Map([[image.id, image]]),
      (f) => `@@PLUGINFILE@@/${f}`,
    );
    expect(r.text).toBe(`![a](@@PLUGINFILE@@/${image.id}.png) ![b](@@PLUGINFILE@@/${image.id}.png) ![c](/api/images/Unknown0000000000000)`);
    expect(r.used).toEqual([image]);
  });

  it("points an image whose id ends in '-' or '_' (ids are random url-safe characters)", () => {
    for (const id of ["dtiL8ay98PaKlFzpHk-pUKN-", "AbCdEfGhIjKlMnOpQrStUv__", "-AbCdEfGhIjKlMnOpQrStUv-"]) {
      const image = { id, mime: "image/png" as const };
      const r = pointImagesAt(`![x](/api/images/${id})`, new Map([[id, image]]), (f) => `@@PLUGINFILE@@/${f}`);
      expect(r.text).toBe(`![x](@@PLUGINFILE@@/${id}.png)`);
      expect(r.used).toEqual([image]);
    }
  });
});
