// Bad files: refused whole with a clear BankFileError (never a partial result), or the one bad question skipped.
import { describe, expect, it } from "vitest";
import { BankFileError, parseBankFile } from "@/lib/bank-formats";
import { formatFraction, matchMoodleFraction } from "@/lib/bank-formats/common";
import { MAX_IMPORT_QUESTIONS } from "@/lib/quiz/limits";

const xml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${inner}`;

describe("Moodle XML safety", () => {
  it("refuses a billion-laughs payload before parsing", () => {
    const bomb = xml(
      `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<quiz><question type="shortanswer"><name><text>&lol2;</text></name></question></quiz>`,
    );
    expect(() => parseBankFile("moodle-xml", bomb)).toThrow(BankFileError);
    expect(() => parseBankFile("moodle-xml", bomb)).toThrow(/DOCTYPE or entities/);
  });

  it("refuses an external entity (XXE) and a bare ENTITY declaration", () => {
    const xxe = xml(
      `<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><quiz><question type="truefalse"><name><text>&xxe;</text></name></question></quiz>`,
    );
    expect(() => parseBankFile("moodle-xml", xxe)).toThrow(BankFileError);
    expect(() => parseBankFile("moodle-xml", xml(`<quiz><!ENTITY x "y"></quiz>`))).toThrow(BankFileError);
  });

  it("leaves undeclared entity references as text instead of expanding anything", () => {
    const file = xml(
      `<quiz><question type="truefalse"><name><text>Amp &amp; &unknown; &#65;</text></name><questiontext format="plain_text"><text>A &lt;b&gt; claim</text></questiontext>` +
        `<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>`,
    );
    const parsed = parseBankFile("moodle-xml", file);
    expect(parsed.questions[0]!.name).toBe("Amp & &unknown; A");
    expect(parsed.questions[0]!.question.prompt).toBe("A <b> claim");
  });

  it("refuses malformed XML and a document that is not a <quiz>", () => {
    expect(() => parseBankFile("moodle-xml", xml(`<quiz><question type="truefalse"></quiz>`))).toThrow(/not well-formed XML \(line \d+/);
    expect(() => parseBankFile("moodle-xml", xml(`<html><body/></html>`))).toThrow(/root element must be <quiz>/);
    expect(() => parseBankFile("moodle-xml", "just text")).toThrow(BankFileError);
  });

  it("refuses more questions than one import takes, whatever the format", () => {
    const q = `<question type="truefalse"><questiontext><text>x</text></questiontext><answer fraction="100"><text>true</text></answer></question>`;
    expect(() => parseBankFile("moodle-xml", xml(`<quiz>${q.repeat(MAX_IMPORT_QUESTIONS + 1)}</quiz>`))).toThrow(/at most 2000/);
  });
});

describe("GIFT limits and weights", () => {
  it("refuses a file of 10,000 questions as a whole, with the limit in the message", () => {
    const file = Array.from({ length: 10_000 }, (_, i) => `::q${i}::Question ${i}?{T}`).join("\n\n");
    expect(() => parseBankFile("gift", file)).toThrow(BankFileError);
    expect(() => parseBankFile("gift", file)).toThrow(/10000 questions; one import takes at most 2000/);
  });

  it("takes exactly the limit", () => {
    const file = Array.from({ length: MAX_IMPORT_QUESTIONS }, (_, i) => `::q${i}::Question ${i}?{T}`).join("\n\n");
    expect(parseBankFile("gift", file).questions).toHaveLength(MAX_IMPORT_QUESTIONS);
  });

  it.each(["33.3", "12", "101", "-45", "99.9"])("skips a question weighted %s%% (not in Moodle's list)", (w) => {
    const parsed = parseBankFile("gift", `::w::Pick.{~%${w}%a ~%50%b ~c}`);
    expect(parsed.questions).toEqual([]);
    expect(parsed.skipped[0]!.reason).toMatch(new RegExp(`invalid weight ${w.replace(".", "\\.")}%`));
  });

  it.each(["100", "50", "33.33333", "33.333", "14.28571", "-100", "5", "0"])("accepts Moodle's weight %s%%", (w) => {
    expect(matchMoodleFraction(Number(w) / 100)).not.toBeNull();
  });

  it("writes fractions with at least five decimals, from Moodle's list", () => {
    expect([1, 1 / 3, -1 / 7, 0.5, 0].map(formatFraction)).toEqual(["100.00000", "33.33333", "-14.28571", "50.00000", "0.00000"]);
  });

  it("never throws on garbage: every block is a question or a skipped row", () => {
    const parsed = parseBankFile("gift", "}}}{\n\n::only a name::\n\n~~~\n\n=->\n\n{#abc}\n\n{>x}\n\n{~only one}");
    expect(parsed.questions).toEqual([]);
    expect(parsed.skipped.length).toBe(7);
    for (const s of parsed.skipped) expect(s.reason.length).toBeGreaterThan(10);
  });
});

describe("images are never hot-linked", () => {
  it("drops an HTML image from GIFT and Moodle XML with a warning in the report", () => {
    const gift = parseBankFile("gift", `::Picture::[html]<p>What is shown?</p><img src\\="http\\://example.com/x.png">{T}`);
    expect(gift.questions[0]!.question.prompt).toBe("What is shown?");
    expect(gift.questions[0]!.warnings.join()).toMatch(/never hot-links/);
    const xml = parseBankFile(
      "moodle-xml",
      `<quiz><question type="truefalse"><questiontext format="html"><text><![CDATA[<p>What is shown?</p><img src="https://example.com/x.png">]]></text></questiontext>` +
        `<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>`,
    );
    expect(xml.questions[0]!.question.prompt).toBe("What is shown?");
    expect(xml.questions[0]!.warnings.join()).toMatch(/never hot-links/);
  });
});
