import { describe, expect, it } from "vitest";
import { parseJavaType, toDescriptor, toParameterDescriptor } from "./java-type.js";

describe("Java types", () => {
  it("derives JVM descriptors as ReflectUtils.getDesc does", () => {
    expect(toParameterDescriptor(["java.lang.String", "int"])).toBe("Ljava/lang/String;I");
    expect(toDescriptor("long[]")).toBe("[J");
    expect(toDescriptor("Long[]")).toBe("[Ljava/lang/Long;");
    expect(toDescriptor("java.util.List<com.jd.pojo.TbBrand>")).toBe("Ljava/util/List;");
    expect(toDescriptor("int[][]")).toBe("[[I");
  });

  it("parses generics", () => {
    const t = parseJavaType("java.util.Map<java.lang.Long, com.jd.pojo.TbBrand>");
    expect(t.name).toBe("java.util.Map");
    expect(t.args.map((a) => a.name)).toEqual(["java.lang.Long", "com.jd.pojo.TbBrand"]);
  });

  it("rejects malformed names with the name in the message", () => {
    expect(() => parseJavaType("List<")).toThrow(/bad Java type "List<"/);
  });
});
