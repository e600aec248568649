import { describe, expect, it } from "vitest";
import { defineJavaClass } from "./java-type.js";
import { pickOverload } from "./overload.js";
import type { MethodDefinition } from "./service-definition.js";

const m = (...parameterTypes: string[]): MethodDefinition => ({
  name: "find",
  parameterTypes,
  returnType: "com.acme.Item",
});

class Query {}
defineJavaClass({ name: "com.acme.Query", fields: {}, ctor: Query });
defineJavaClass({ name: "com.acme.Status", fields: {}, enumValues: ["ACTIVE", "RETIRED"] });

describe("pickOverload", () => {
  const byId = m("long");
  const byName = m("java.lang.String");
  const byQuery = m("com.acme.Query");
  const byStatus = m("com.acme.Status");
  const two = m("java.lang.String", "int");
  const all = [byId, byName, byQuery, byStatus, two];

  it("picks by argument count first", () => {
    expect(pickOverload(all, ["x", 1])).toBe(two);
  });

  it("picks among overloads of one arity by the arguments' shapes", () => {
    expect(pickOverload(all, [7])).toBe(byId);
    expect(pickOverload(all, [7n])).toBe(byId);
    expect(pickOverload(all, ["lenovo"])).toBe(byName);
    expect(pickOverload(all, [new Query()])).toBe(byQuery);
    expect(pickOverload([byId, byStatus], ["RETIRED"])).toBe(byStatus);
    expect(pickOverload([byId, byName], [null])).toBe(byName); // null is not a long
  });

  it("falls back to the first of that arity, then to the first overload", () => {
    expect(pickOverload([byId, byName], [true])).toBe(byId);
    expect(pickOverload([byId, byName], [])).toBe(byId);
  });
});
