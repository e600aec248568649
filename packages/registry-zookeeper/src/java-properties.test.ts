import { describe, expect, it } from "vitest";
import { loadProperties, storeProperties } from "./java-properties.js";

describe("java properties", () => {
  it("writes the header and escapes as Properties.store does", () => {
    const text = storeProperties(
      new Map([
        ["g/a.B:1.0.0", "dubbo://1.2.3.4:5/a.B?x=1&y=a b empty://0.0.0.0/a.B?category=routers"],
        ["k ey#", " lead=é"],
      ]),
      "Dubbo Registry Cache",
      new Date(Date.UTC(2024, 0, 1, 2, 3, 4)),
    );
    expect(text).toBe(
      [
        "#Dubbo Registry Cache",
        "#Mon Jan 01 02:03:04 UTC 2024",
        "g/a.B\\:1.0.0=dubbo\\://1.2.3.4\\:5/a.B?x\\=1&y\\=a b empty\\://0.0.0.0/a.B?category\\=routers",
        "k\\ ey\\#=\\ lead\\=\\u00E9",
        "",
      ].join("\n"),
    );
  });

  it("reads back what it writes", () => {
    const entries = new Map([
      ["a.B", "dubbo://1.2.3.4:5/a.B?x=1:2#!\\"],
      ["sp ace", "\t tab\nline"],
      ["uni", "ünï"],
    ]);
    expect(loadProperties(storeProperties(entries, "c"))).toEqual(entries);
  });

  it("reads Java's other separators, comments and continuation lines", () => {
    const text = "# c\n! c\n  a = 1\nb:2\nc 3\nd=x\\\n   y\\\\\ne\n";
    expect(Object.fromEntries(loadProperties(text))).toEqual({
      a: "1",
      b: "2",
      c: "3",
      d: "xy\\",
      e: "",
    });
  });

  it("rejects a malformed \\u escape", () => {
    expect(() => loadProperties("a=\\u12G4")).toThrow(TypeError);
  });
});
