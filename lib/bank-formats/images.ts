// Owns images in imported and exported question text: which bytes Koza accepts (raster types by magic bytes, never
// SVG), how an embedded Moodle file (`@@PLUGINFILE@@/x.png`) becomes a placeholder the import turns into an
// app-served URL, and that any other image (a link to another site) drops to its alt text: never fetched, never linked.
// Pure: the DAL stores the bytes and rewrites the placeholders.
import { createHash } from "node:crypto";

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export type ImageMime = "image/png" | "image/jpeg" | "image/gif" | "image/webp";
export const IMAGE_EXTENSION: Record<ImageMime, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
};

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The image type from the file's own first bytes (never its name or a declared type); null for anything else. */
export function sniffImage(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return "image/gif";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/** An image file carried by the import, accepted: stored once per bank (by its SHA-256) when the import is applied. */
export type ImportedImage = { sha256: string; mime: ImageMime; bytes: Uint8Array; name: string };

/** The placeholder an accepted image gets in imported Markdown until the import stores it (`koza-image:<sha256>`). */
export const IMAGE_PLACEHOLDER = /koza-image:([0-9a-f]{64})/g;
export const placeholderFor = (sha256: string) => `koza-image:${sha256}`;

/** A file embedded in the source (Moodle XML `<file name encoding="base64">`), by name, not yet checked. */
export type EmbeddedFile = { name: string; base64: string };

type Checked = { ok: true; image: ImportedImage } | { ok: false; reason: string };

function checkFile(file: EmbeddedFile): Checked {
  const clean = file.base64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return { ok: false, reason: `the embedded file "${file.name}" is not valid base64` };
  if (Math.floor((clean.length * 3) / 4) > MAX_IMAGE_BYTES + 3)
    return { ok: false, reason: `the image "${file.name}" is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB (Koza's limit per image)` };
  const bytes = new Uint8Array(Buffer.from(clean, "base64"));
  if (bytes.length > MAX_IMAGE_BYTES)
    return { ok: false, reason: `the image "${file.name}" is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB (Koza's limit per image)` };
  const mime = sniffImage(bytes);
  if (!mime)
    return {
      ok: false,
      reason: `"${file.name}" is not a PNG, JPEG, GIF or WebP image${/\.svgz?$/i.test(file.name) || /<svg\b/i.test(Buffer.from(bytes.subarray(0, 512)).toString("latin1")) ? " (SVG can carry scripts, so Koza refuses it)" : ""}`,
    };
  return { ok: true, image: { sha256: createHash("sha256").update(bytes).digest("hex"), mime, bytes, name: file.name } };
}

const MD_IMAGE = /!\[([^\]\n]*)\]\(\s*(<[^>\n]*>|[^)\s]*)(?:\s+"[^"\n]*")?\s*\)/g;

function fileNameOf(src: string): string {
  const last = src.split(/[?#]/)[0]!.split("/").pop() ?? "";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** A description for an image that has none: its file name without the extension. */
export const altFromFileName = (name: string) =>
  name
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[-_]+/g, " ")
    .trim() || "image";

export type ResolvedText = { text: string; images: ImportedImage[]; warnings: string[]; refused: string | null };

/**
 * Rewrites the images in one imported Markdown text: an embedded file it names (`@@PLUGINFILE@@/…`) becomes a
 * placeholder when its bytes are an accepted image (`refused` names the first that is not: the question is then
 * skipped, nothing of it written); an app image (`/api/images/…`) stays; anything else drops to its alt text.
 */
export function resolveImages(text: string, files: Map<string, EmbeddedFile>): ResolvedText {
  const images: ImportedImage[] = [];
  const warnings: string[] = [];
  let refused: string | null = null;
  const out = text.replace(MD_IMAGE, (whole, altRaw: string, srcRaw: string) => {
    const src = srcRaw.replace(/^<|>$/g, "").trim();
    const alt = altRaw.trim();
    if (/^@@PLUGINFILE@@\//.test(src)) {
      const name = fileNameOf(src);
      const file = files.get(name);
      if (!file) {
        warnings.push(`the image "${name}" is not in the file; its description was kept instead`);
        return alt || altFromFileName(name);
      }
      const checked = checkFile(file);
      if (!checked.ok) {
        refused ??= checked.reason;
        return alt;
      }
      images.push(checked.image);
      return `![${alt || altFromFileName(name)}](${placeholderFor(checked.image.sha256)})`;
    }
    if (/^\/api\/images\/[A-Za-z0-9_-]{16,64}$/.test(src)) return whole;
    warnings.push(
      `an image linked from ${/^https?:/i.test(src) ? "another site" : "outside the file"} (${src.slice(0, 80)}) was left out: Koza never hot-links or fetches images; its description was kept`,
    );
    return alt;
  });
  return { text: out, images, warnings, refused };
}

/** Every string of a question body, rewritten by `resolveImages`; images and warnings gathered. */
export function resolveImagesDeep<T>(
  value: T,
  files: Map<string, EmbeddedFile>,
): { value: T; images: ImportedImage[]; warnings: string[]; refused: string | null } {
  const images: ImportedImage[] = [];
  const warnings: string[] = [];
  let refused: string | null = null;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (!v.includes("![")) return v;
      const r = resolveImages(v, files);
      images.push(...r.images);
      warnings.push(...r.warnings);
      refused ??= r.refused;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value) as T;
  const unique = [...new Map(images.map((i) => [i.sha256, i])).values()];
  return { value: out, images: unique, warnings: [...new Set(warnings)], refused };
}

/** The file name an exported image gets (`<id>.<ext>`), the same in Moodle XML and QTI packages. */
export const exportFileName = (image: { id: string; mime: ImageMime }) => `${image.id}.${IMAGE_EXTENSION[image.mime]}`;

/** Markdown with its app-image URLs (`/api/images/<id>`) pointed at `target(fileName)`; returns the images it names. */
export function pointImagesAt<I extends { id: string; mime: ImageMime }>(
  text: string,
  images: ReadonlyMap<string, I>,
  target: (fileName: string) => string,
): { text: string; used: I[] } {
  const used: I[] = [];
  // The id ends where id characters end: not at a word boundary, since an id may end in "-" (then followed by ")").
  const out = text.replace(/\/api\/images\/([A-Za-z0-9_-]{16,64})(?![A-Za-z0-9_-])/g, (whole, id: string) => {
    const image = images.get(id);
    if (!image) return whole;
    if (!used.includes(image)) used.push(image);
    return target(exportFileName(image));
  });
  return { text: out, used };
}
