import { describe, expect, it } from "vitest";
import { findCitations } from "./check-citations.mjs";

const inDocs = (name: string) => ["robustness.md", "wire-format.md"].includes(name);
const whys = (text: string) => findCitations(text, inDocs).map((c) => c.why);

describe("check-citations", () => {
  it("accepts Java sources, RFCs, CVEs and existing docs/ files", () => {
    const ok = [
      "// ignored (docs/robustness.md S11)",
      " * Node paths of Java's `ZookeeperRegistry` (docs/wire-format.md)",
      "see ../../docs/robustness.md R10",
      "// RFC 3986 §3.2.2: an IPv6 literal is bracketed",
      " * Reads one class file (JVMS §4); a jar is a zip (PKWARE APPNOTE.TXT §4.3)",
      "// CVE-2020-1948: unknown services are refused before decoding",
      "performance-notes.md and my-style.md are not design notes",
    ];
    for (const line of ok) expect(whys(line)).toEqual([]);
  });

  it("flags design notes outside docs/, missing docs/ files and bare section numbers", () => {
    expect(whys("// no event (robustness.md R10)")).toEqual([
      "robustness.md is not in the repository",
    ]);
    expect(whys('"producer":"dubbo-protocol.md §1.9 worked example"')).toEqual([
      "dubbo-protocol.md is not in the repository; a section number of no named source",
    ]);
    expect(whys("// style.md and node-ecosystem.md and dubbo3-observed.md")).toHaveLength(1);
    expect(whys("(docs/performance.md A10)")).toEqual(["docs/performance.md does not exist"]);
    expect(whys("see ../notes/robustness.md")).toEqual(["robustness.md is not in the repository"]);
    expect(whys("// as in §1.9")).toEqual(["a section number of no named source"]);
    expect(findCitations("a\nb robustness.md\n", inDocs)[0]?.line).toBe(2);
  });
});
