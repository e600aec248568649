import { describe, expect, it } from "vitest";
import { parseClassSignature, parseFieldType, parseMethodType } from "./signature.js";

const cls = (name: string, ...args: unknown[]) => ({ kind: "class", name, args });

describe("JVM signatures", () => {
  it("reads descriptors: primitives, classes and arrays", () => {
    expect(parseFieldType("J")).toEqual({ kind: "primitive", name: "long" });
    expect(parseFieldType("[[I")).toEqual({
      kind: "array",
      component: { kind: "array", component: { kind: "primitive", name: "int" } },
    });
    expect(parseFieldType("Ljava/lang/Long;")).toEqual(cls("java.lang.Long"));
  });

  it("keeps generic arguments, nested ones included", () => {
    expect(parseFieldType("Ljava/util/Map<Ljava/lang/Long;Lcom/jd/pojo/TbBrand;>;")).toEqual(
      cls("java.util.Map", cls("java.lang.Long"), cls("com.jd.pojo.TbBrand")),
    );
    expect(parseFieldType("Lcom/x/Page<Ljava/util/List<Lcom/x/A;>;>;")).toEqual(
      cls("com.x.Page", cls("java.util.List", cls("com.x.A"))),
    );
  });

  it("reads wildcards and type variables", () => {
    expect(parseFieldType("Ljava/util/List<*>;")).toEqual(
      cls("java.util.List", { kind: "wildcard", variance: "extends" }),
    );
    expect(parseFieldType("Ljava/util/List<+Lcom/x/A;>;").kind).toBe("class");
    expect(parseFieldType("Ljava/util/Map<-TK;TV;>;")).toEqual(
      cls(
        "java.util.Map",
        { kind: "wildcard", variance: "super", bound: { kind: "typevar", name: "K" } },
        { kind: "typevar", name: "V" },
      ),
    );
  });

  it("names inner classes of generic outers by their binary name", () => {
    expect(parseFieldType("Lcom/x/Outer<TT;>.Inner<Ljava/lang/String;>;")).toEqual(
      cls("com.x.Outer$Inner", cls("java.lang.String")),
    );
  });

  it("reads method signatures with type parameters and throws", () => {
    const m = parseMethodType("<T:Lcom/x/A;>(TT;Ljava/lang/Class<TT;>;)TT;^Lcom/x/E;");
    expect(m.typeParameters).toEqual([{ name: "T", bounds: [cls("com.x.A")] }]);
    expect(m.params).toHaveLength(2);
    expect(m.returns).toEqual({ kind: "typevar", name: "T" });
    expect(m.throws).toEqual([cls("com.x.E")]);
    expect(parseMethodType("()V").returns).toEqual({ kind: "primitive", name: "void" });
  });

  it("reads class signatures with an interface-only bound", () => {
    const c = parseClassSignature(
      "<T::Ljava/lang/Comparable<TT;>;>Ljava/lang/Object;Ljava/io/Serializable;",
    );
    expect(c.typeParameters[0]?.bounds).toEqual([
      cls("java.lang.Comparable", { kind: "typevar", name: "T" }),
    ]);
    expect(c.interfaces).toEqual([cls("java.io.Serializable")]);
  });

  it("fails on malformed text with the offset", () => {
    expect(() => parseFieldType("Ljava/lang/Long")).toThrow(/bad JVM signature .* at offset/);
    expect(() => parseMethodType("(I")).toThrow(SyntaxError);
  });
});
