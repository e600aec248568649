import { describe, expect, it } from "vitest";
import { readSourceNames } from "./source-names.js";

const SOURCE = `
package com.acme.api;
import java.util.*;
/** find(String nope) in a comment is ignored */
public interface Catalog {
    String TEXT = "find(int x) { ignored }";
    List<Item> find(@Named(value = "id(x)") final long id);
    Item find(String name, Map<String, List<Item>> extra);
    default String hello(String who) { if (who == null) { return "x"; } return helper(who); }
    class Nested {
        void nestedMethod(int[] grid, String... rest) {}
    }
}
`;

describe("parameter names from .java sources", () => {
  it("reads names by erased simple types and by arity, for nested types too", () => {
    const names = readSourceNames([{ text: SOURCE }]);
    expect(names.get("com.acme.api.Catalog#find(long)")).toEqual(["id"]);
    expect(names.get("com.acme.api.Catalog#find(String,Map)")).toEqual(["name", "extra"]);
    expect(names.get("com.acme.api.Catalog#find/2")).toEqual(["name", "extra"]);
    expect(names.get("com.acme.api.Catalog#hello(String)")).toEqual(["who"]);
    expect(names.get("com.acme.api.Catalog$Nested#nestedMethod(int[],String[])")).toEqual([
      "grid",
      "rest",
    ]);
  });

  it("ignores calls inside method bodies and text in comments and strings", () => {
    const names = readSourceNames([{ text: SOURCE }]);
    expect(names.has("com.acme.api.Catalog#helper/1")).toBe(false);
    expect(names.has("com.acme.api.Catalog#find(int)")).toBe(false);
    expect(names.has("com.acme.api.Catalog#find(String)")).toBe(false);
  });
});
