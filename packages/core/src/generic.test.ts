import { describe, expect, it } from "vitest";
import { createGenericFilter, findGenericTarget } from "./filter/generic.js";
import {
  createGenericInvocation,
  isEchoCall,
  isGenericCall,
  isSupportedGenericMode,
  realize,
} from "./generic.js";
import type { Invocation } from "./invocation.js";
import type { ServiceDefinition } from "./service-definition.js";

const def: ServiceDefinition = {
  interface: "t.S",
  methods: [
    { name: "find", parameterTypes: ["java.lang.Long"], returnType: "t.Item" },
    { name: "find", parameterTypes: ["java.lang.String", "int"], returnType: "t.Item" },
    {
      name: "save",
      parameterTypes: ["java.util.List<t.Item>", "java.lang.String[]"],
      returnType: "void",
    },
  ],
};

describe("generic invocation", () => {
  it("recognizes $invoke and $echo by name and descriptor (RpcUtils)", () => {
    expect(
      isGenericCall("$invoke", "Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/Object;"),
    ).toBe(true);
    expect(
      isGenericCall("$invokeAsync", "Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/Object;"),
    ).toBe(true);
    expect(isGenericCall("$invoke", "Ljava/lang/String;")).toBe(false);
    expect(isEchoCall("$echo", "Ljava/lang/Object;")).toBe(true);
    expect(isEchoCall("$echo", "Ljava/lang/String;")).toBe(false);
  });

  it("finds the target by name and erased Java types, in either array notation", () => {
    expect(findGenericTarget(def, "find", ["java.lang.String", "int"])?.parameterTypes).toEqual([
      "java.lang.String",
      "int",
    ]);
    expect(findGenericTarget(def, "save", ["java.util.List", "[Ljava.lang.String;"])?.name).toBe(
      "save",
    );
    expect(findGenericTarget(def, "save", ["java.util.List", "java.lang.String[]"])?.name).toBe(
      "save",
    );
    expect(findGenericTarget(def, "find", [])).toBeUndefined(); // ambiguous without types
    expect(findGenericTarget(def, "save", [])?.name).toBe("save");
    expect(findGenericTarget(def, "find", ["long"])).toBeUndefined();
  });

  it("serves only the map form (CVE-2021-30179)", () => {
    for (const ok of [undefined, "", "true", "raw.return"])
      expect(isSupportedGenericMode(ok)).toBe(true);
    for (const no of ["nativejava", "bean", "gson", "protobuf-json", true])
      expect(isSupportedGenericMode(no)).toBe(false);
  });

  it("drops class keys recursively and keeps dates, buffers and maps", () => {
    const when = new Date(0);
    expect(
      realize([
        { class: "t.Item", id: 1, nested: { class: "t.X", when, bytes: Buffer.from([1]) } },
        new Map([[1, { class: "t.Y", a: 1 }]]),
      ]),
    ).toEqual([{ id: 1, nested: { when, bytes: Buffer.from([1]) } }, new Map([[1, { a: 1 }]])]);
  });

  it("builds the consumer-side $invoke invocation with generic=true", () => {
    const inv = createGenericInvocation({
      serviceName: "t.S",
      method: "find",
      parameterTypes: ["java.lang.Long"],
      args: [1],
    });
    expect(inv).toMatchObject({
      serviceName: "t.S",
      methodName: "$invoke",
      parameterTypes: ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"],
      args: ["find", ["java.lang.Long"], [1]],
      attachments: { generic: "true" },
    });
  });

  it("passes the protocol's signal on to the named method without reading it", async () => {
    let reads = 0;
    const controller = new AbortController();
    // A getter of the invocation's prototype, as Triple's ProviderInvocation has (a spread skips it).
    const lazy = {
      get signal() {
        reads++;
        return controller.signal;
      },
    };
    const invocation: Invocation = Object.assign(
      Object.create(lazy),
      createGenericInvocation({
        serviceName: "t.S",
        method: "find",
        parameterTypes: ["java.lang.Long"],
        args: [1],
      }),
    );
    let seen: Invocation | undefined;
    await createGenericFilter(def)(async (inv) => {
      seen = inv;
      return { value: null, attachments: {} };
    })(invocation);
    expect(seen?.methodName).toBe("find");
    expect(reads).toBe(0);
    expect(seen?.signal).toBe(controller.signal);
  });
});
