import { describe, expect, it } from "vitest";
import { parseFieldType } from "../classfile/signature.js";
import { javaTypeName, type TypeScope, tsType } from "./type-mapping.js";

const scope = (over: Partial<TypeScope> = {}): TypeScope => ({
  longs: "number",
  nullable: true,
  onAny: () => {},
  typeParameters: [],
  tsTypeParameters: new Set(),
  typeRef: (name) => (name === "com.x.Item" ? { name: "Item", positions: [] } : undefined),
  ...over,
});
const ts = (sig: string, over?: Partial<TypeScope>) => tsType(parseFieldType(sig), scope(over));

describe("Java → TypeScript types (the README type table)", () => {
  it("maps longs by option, BigDecimal and java.time to strings, BigInteger to bigint", () => {
    expect(ts("J")).toBe("number");
    expect(ts("Ljava/lang/Long;", { longs: "bigint" })).toBe("bigint | number | null");
    expect(ts("Ljava/math/BigDecimal;")).toBe("string | null");
    expect(ts("Ljava/math/BigInteger;")).toBe("bigint | null");
    expect(ts("Ljava/time/LocalDateTime;")).toBe("string | null");
    expect(ts("Ljava/time/Instant;")).toBe("string | Date | null");
    expect(ts("Ljava/util/Date;")).toBe("Date | null");
  });

  it("maps arrays, collections, maps and Optional", () => {
    expect(ts("[B")).toBe("Uint8Array | null");
    expect(ts("[Ljava/lang/String;")).toBe("(string | null)[] | null");
    expect(ts("[Ljava/lang/String;", { nullable: false })).toBe("string[]");
    expect(ts("Ljava/util/Set<Lcom/x/Item;>;")).toBe("Item[] | null");
    expect(ts("Ljava/util/Map<Ljava/lang/String;Lcom/x/Item;>;")).toBe(
      "Record<string, Item> | null",
    );
    expect(ts("Ljava/util/Map<Ljava/lang/Long;Lcom/x/Item;>;")).toBe("Map<number, Item> | null");
    expect(ts("Ljava/util/Optional<Lcom/x/Item;>;")).toBe("Item | null");
    expect(ts("Lcom/x/Unknown;")).toBe("unknown");
  });

  it("types raw collections' elements as any and says so", () => {
    let anyUsed = false;
    expect(ts("Ljava/util/List;", { onAny: () => (anyUsed = true) })).toBe("any[] | null");
    expect(anyUsed).toBe(true);
  });

  it("writes Java type names with generics, erasing type variables and wildcards to their bounds", () => {
    const name = (sig: string) => javaTypeName(parseFieldType(sig), scope());
    expect(name("Ljava/util/Map<Ljava/lang/Long;Lcom/x/Item;>;")).toBe(
      "java.util.Map<java.lang.Long, com.x.Item>",
    );
    expect(name("Ljava/util/List<+Lcom/x/Item;>;")).toBe("java.util.List<com.x.Item>");
    expect(name("Ljava/util/List<*>;")).toBe("java.util.List");
    expect(name("Ljava/util/List<TT;>;")).toBe("java.util.List");
    expect(name("[[Lcom/x/Outer$Inner;")).toBe("com.x.Outer$Inner[][]");
  });
});
