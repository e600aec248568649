import { describe, expect, it } from "vitest";
import { findCitations } from "./check-citations.mjs";

/** A design-note file name (built, so this file does not itself cite one). */
const md = (name: string) => `${name}.md`;
const inDocs = (name: string) => [`${md("robustness")}`, "wire-format.md"].includes(name);
const whys = (text: string) => findCitations(text, inDocs).map((c) => c.why);

describe("check-citations", () => {
  it("accepts Java sources, RFCs, CVEs and existing docs/ files", () => {
    const ok = [
      "// ignored (docs/hostile-input-and-failures.md S11)",
      " * Node paths of Java's `ZookeeperRegistry` (docs/wire-format.md)",
      "see ../../docs/hostile-input-and-failures.md R10",
      "// RFC 3986 §3.2.2: an IPv6 literal is bracketed",
      " * Reads one class file (JVMS §4); a jar is a zip (PKWARE APPNOTE.TXT §4.3)",
      "// CVE-2020-1948: unknown services are refused before decoding",
      `performance-notes.md and ${md("my-style")} are not design notes`,
    ];
    for (const line of ok) expect(whys(line)).toEqual([]);
  });

  it("flags design notes outside docs/, missing docs/ files and bare section numbers", () => {
    expect(whys(`// no event (${md("robustness")} R10)`)).toEqual([
      `${md("robustness")} is not in the repository`,
    ]);
    expect(whys(`"producer":"${md("dubbo-protocol")} §1.9 worked example"`)).toEqual([
      `${md("dubbo-protocol")} is not in the repository; a section number of no named source`,
    ]);
    expect(
      whys(`// ${md("style")} and ${md("node-ecosystem")} and ${md("dubbo3-observed")}`),
    ).toHaveLength(1);
    expect(whys(`(docs/${md("performance")} A10)`)).toEqual([
      `docs/${md("performance")} does not exist`,
    ]);
    expect(whys(`see ../notes/${md("robustness")}`)).toEqual([
      `${md("robustness")} is not in the repository`,
    ]);
    expect(whys("// as in §1.9")).toEqual(["a section number of no named source"]);
    expect(findCitations(`a\nb ${md("robustness")}\n`, inDocs)[0]?.line).toBe(2);
  });
});
