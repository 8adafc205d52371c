// Broken content fails loudly: the ContentError names the file, the question key and the field at fault.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ContentError, loadCourse } from "@/lib/content/loader";

type RawBank = { topic: string; questions: Array<Record<string, unknown> & { key: string }> };

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A private copy of the real content/ in the OS temp folder, so each test breaks exactly one thing. */
function copyOfContent(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "koza-content-"));
  dirs.push(dir);
  cpSync(path.join(process.cwd(), "content"), dir, { recursive: true });
  return dir;
}

function editBank(dir: string, topic: string, edit: (bank: RawBank) => void): void {
  const file = path.join(dir, "banks", `${topic}.yaml`);
  const bank = parse(readFileSync(file, "utf8")) as RawBank;
  edit(bank);
  writeFileSync(file, stringify(bank));
}

function contentError(dir: string): ContentError {
  try {
    loadCourse(dir);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error("expected loadCourse to throw a ContentError");
}

describe("loadCourse on broken content", () => {
  it("loads an unbroken copy (the fixtures start valid)", () => {
    expect(loadCourse(copyOfContent()).banks.length).toBeGreaterThan(0);
  });

  const badYaml = "topic: plaza-accord\nquestions:\n  - key: pa-broken\n    prompt: [unclosed\n";

  it("names the file of a YAML syntax error", () => {
    const dir = copyOfContent();
    writeFileSync(path.join(dir, "banks", "plaza-accord.yaml"), badYaml);
    expect(contentError(dir).message).toMatch(/banks\/plaza-accord\.yaml:[^:]*: YAML syntax error/);
  });

  it("names the line of a YAML syntax error", () => {
    const dir = copyOfContent();
    writeFileSync(path.join(dir, "banks", "plaza-accord.yaml"), badYaml);
    expect(contentError(dir).message).toMatch(/banks\/plaza-accord\.yaml:\d+: YAML syntax error/);
  });

  it("names the file, line, question key and field of a schema error", () => {
    const dir = copyOfContent();
    editBank(dir, "plaza-accord", (bank) => {
      bank.questions[1].difficulty = "impossible";
    });
    const { message } = contentError(dir);
    const key = (parse(readFileSync(path.join(dir, "banks", "plaza-accord.yaml"), "utf8")) as RawBank).questions[1].key;
    expect(message).toMatch(new RegExp(`banks/plaza-accord\\.yaml:\\d+: question "${key}": field "questions\\.1\\.difficulty"`));
  });

  it("refuses a content question without a lesson section or Bloom level (only an instructor's bank may omit them)", () => {
    const dir = copyOfContent();
    editBank(dir, "plaza-accord", (bank) => {
      delete bank.questions[2].section;
      delete bank.questions[3].bloom;
    });
    const { message } = contentError(dir);
    expect(message).toMatch(/field "questions\.2\.section": a content question names its lesson section/);
    expect(message).toMatch(/field "questions\.3\.bloom": a content question names its Bloom level/);
  });

  it("names a question whose key marks no option correct", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      const q = bank.questions.find((x) => x.type === "single")!;
      key = q.key;
      for (const o of q.options as Array<{ correct?: boolean }>) delete o.correct;
    });
    const { message } = contentError(dir);
    expect(message).toContain(`banks/plaza-accord.yaml: question "${key}": field "options"`);
    expect(message).toMatch(/exactly one correct option, found 0/);
  });

  it("names a question whose section is missing from its lesson", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      key = bank.questions[0].key;
      bank.questions[0].section = "no-such-section";
    });
    const { message } = contentError(dir);
    expect(message).toContain(`banks/plaza-accord.yaml: question "${key}": field "section": no section "no-such-section"`);
  });

  it("names both files of a question key used in two banks", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      key = bank.questions[0].key;
    });
    editBank(dir, "tpp-to-cptpp", (bank) => {
      bank.questions[0].key = key;
    });
    const { message } = contentError(dir);
    expect(message).toMatch(
      new RegExp(`banks/tpp-to-cptpp\\.yaml: question "${key}": field "key": duplicate question key \\(also in [^)]*banks/plaza-accord\\.yaml\\)`),
    );
  });

  it("names a bank whose topic has no lesson", () => {
    const dir = copyOfContent();
    editBank(dir, "plaza-accord", (bank) => {
      bank.topic = "no-such-topic";
    });
    const { message } = contentError(dir);
    expect(message).toContain(`banks/plaza-accord.yaml: field "topic": unknown topic "no-such-topic"`);
  });

  /** Breaks the first question of `type` in the plaza-accord bank and returns the loader's message and that key. */
  function breakFirst(type: string, edit: (q: Record<string, unknown>) => void): { message: string; key: string } {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      const q = bank.questions.find((x) => x.type === type)!;
      key = q.key;
      edit(q);
    });
    return { message: contentError(dir).message, key };
  }

  it("names a multiple-response question whose every option is correct", () => {
    const { message, key } = breakFirst("multiple", (q) => {
      for (const o of q.options as Array<{ correct?: boolean }>) o.correct = true;
    });
    expect(message).toContain(`question "${key}": field "options": a multiple-response question needs at least one wrong option`);
  });

  it("names an ordering question that repeats an item id", () => {
    const { message, key } = breakFirst("ordering", (q) => {
      const items = q.items as Array<{ id: string }>;
      items[1].id = items[0].id;
    });
    expect(message).toMatch(new RegExp(`question "${key}": duplicate id "`));
  });

  it("names a matching question whose right-hand choice appears twice", () => {
    const { message, key } = breakFirst("matching", (q) => {
      const pairs = q.pairs as Array<{ right: string }>;
      pairs[1].right = pairs[0].right;
    });
    expect(message).toMatch(new RegExp(`question "${key}": field "pairs": right-hand choice ".*" appears twice`));
  });

  it("names a numeric question with a negative tolerance", () => {
    const { message, key } = breakFirst("numeric", (q) => {
      q.tolerance = -1;
    });
    expect(message).toMatch(new RegExp(`question "${key}": field "questions\\.\\d+\\.tolerance"`));
  });

  it("names a question with an empty explanation", () => {
    const empty = breakFirst("single", (q) => {
      q.explanation = "  ";
    });
    expect(empty.message).toMatch(new RegExp(`question "${empty.key}": field "questions\\.\\d+\\.explanation"`));
  });

  it("names a question with an unknown Bloom level", () => {
    const bloom = breakFirst("truefalse", (q) => {
      q.bloom = "memorise";
    });
    expect(bloom.message).toMatch(new RegExp(`question "${bloom.key}": field "questions\\.\\d+\\.bloom"`));
  });

  it("rejects a paragraph reference outside P1–P7, naming the question", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      key = bank.questions[2].key;
      bank.questions[2].paragraphs = ["P8"];
    });
    const { message } = contentError(dir);
    expect(message).toMatch(new RegExp(`question "${key}": field "questions\\.2\\.paragraphs\\.0": must be an article paragraph P1–P7`));
  });

  it("lists every problem, not only the first", () => {
    const dir = copyOfContent();
    editBank(dir, "plaza-accord", (bank) => {
      bank.questions[0].section = "no-such-section";
      bank.questions[1].section = "another-missing-section";
    });
    expect(contentError(dir).problems.filter((p) => p.includes('field "section"'))).toHaveLength(2);
  });

  it("names the file, key and field of a question without a Bloom level", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      key = bank.questions[3].key;
      delete bank.questions[3].bloom;
    });
    expect(contentError(dir).message).toMatch(new RegExp(`banks/plaza-accord\\.yaml:\\d+: question "${key}": field "questions\\.3\\.bloom"`));
  });

  it("names a question with neither article paragraphs nor outside sources", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      key = bank.questions[0].key;
      delete bank.questions[0].paragraphs;
      delete bank.questions[0].outsideSources;
    });
    expect(contentError(dir).message).toContain(`banks/plaza-accord.yaml: question "${key}": field "paragraphs": give the article paragraphs`);
  });

  it("names an outside source id the lesson does not list", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      key = bank.questions[0].key;
      bank.questions[0].outsideSources = ["no-such-source"];
    });
    expect(contentError(dir).message).toContain(`banks/plaza-accord.yaml: question "${key}": field "outsideSources": unknown source "no-such-source"`);
  });

  it("refuses the old `sources` field on a question, naming the new one", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      key = bank.questions[0].key;
      bank.questions[0].sources = ["plaza-statement"];
    });
    expect(contentError(dir).message).toMatch(new RegExp(`question "${key}": field "questions\\.0\\.sources": renamed to "outsideSources"`));
  });

  it("fails when a short question would mark its own lesson key term wrong", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "trade-friction-1980s", (bank) => {
      const q = bank.questions.find((x) => x.type === "short" && x.term)!;
      key = q.key;
      q.accepted = ["something else entirely"];
    });
    expect(contentError(dir).message).toMatch(new RegExp(`question "${key}": field "accepted": the lesson's key term ".+" would be marked wrong`));
  });

  it("fails when a short question names a key term its lesson does not have", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "trade-friction-1980s", (bank) => {
      const q = bank.questions.find((x) => x.type === "short" && x.term)!;
      key = q.key;
      q.term = "No such term";
    });
    expect(contentError(dir).message).toContain(`question "${key}": field "term": no key term "No such term"`);
  });



  it("names a chart whose data file is missing", () => {
    const dir = copyOfContent();
    const file = path.join(dir, "lessons", "03-plaza-accord.md");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^(\s+data:) yen-per-dollar$/m, "$1 no-such-data"));
    expect(contentError(dir).message).toMatch(/lesson "plaza-accord" chart "[a-z-]+": field "data": no file content\/data\/no-such-data\.yaml/);
  });
  it("names a single-choice question whose key gives itself away by length", () => {
    const dir = copyOfContent();
    let key = "";
    editBank(dir, "plaza-accord", (bank) => {
      const q = bank.questions.find((x) => x.type === "single")!;
      key = q.key;
      const right = (q.options as Array<{ correct?: boolean; text: string }>).find((o) => o.correct)!;
      right.text = `${right.text}, which careful historians accept with several qualifications about timing, causes and the wider context`;
    });
    expect(contentError(dir).message).toMatch(new RegExp(`question "${key}": field "options": the correct option is much longer than every distractor`));
  });
});
