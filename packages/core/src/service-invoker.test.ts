import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { RpcContext } from "./context.js";
import { createAccessLogFilter } from "./filter/access-log.js";
import { providerContextFilter } from "./filter/context.js";
import { echoFilter } from "./filter/echo.js";
import { createExecuteLimitFilter } from "./filter/execute-limit.js";
import { createGenericFilter } from "./filter/generic.js";
import { createTokenFilter } from "./filter/token.js";
import { GenericResult, generalize, realize, withBuiltinMethods } from "./generic.js";
import { createInvocation, type Invocation } from "./invocation.js";
import { defineJavaClass } from "./java-type.js";
import { Code, RpcError } from "./rpc-error.js";
import type { ServiceDefinition } from "./service-definition.js";
import { createServiceInvoker } from "./service-invoker.js";
import { ServiceUrl } from "./service-url.js";

class Brand {
  constructor(
    public id: number,
    public name: string,
  ) {}
}
defineJavaClass({
  name: "com.jd.pojo.TbBrand",
  fields: { id: "java.lang.Long", name: "java.lang.String" },
  ctor: Brand,
});

const definition: ServiceDefinition = {
  interface: "com.jd.BrandService",
  methods: [
    { name: "findOne", parameterTypes: ["java.lang.Long"], returnType: "com.jd.pojo.TbBrand" },
    { name: "add", parameterTypes: ["com.jd.pojo.TbBrand"], returnType: "void" },
    {
      name: "findAll",
      parameterTypes: [],
      returnType: "java.util.List<com.jd.pojo.TbBrand>",
    },
    { name: "slow", parameterTypes: ["int"], returnType: "int" },
  ],
};
const url = ServiceUrl.parse(
  "dubbo://127.0.0.1:20880/com.jd.BrandService?interface=com.jd.BrandService&executes=2&slow.executes=1",
);

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const added: unknown[] = [];
let gate = deferred();
const implementation = {
  findOne: async (id: number) => (id === 1 ? new Brand(1, "Huawei") : null),
  add: (brand: unknown) => {
    if ((brand as Brand).name === "") throw new Error("name must not be empty");
    added.push(brand);
  },
  findAll: () => [new Brand(1, "Huawei"), new Brand(2, "Apple")],
  slow: async (n: number) => {
    await gate.promise;
    return n * 2;
  },
};

const inv = (
  methodName: string,
  args: unknown[],
  parameterTypes: string[] = (definition.methods.find((m) => m.name === methodName)
    ?.parameterTypes as string[]) ?? [],
  attachments: Record<string, unknown> = {},
): Invocation => ({
  ...createInvocation({
    serviceName: "com.jd.BrandService",
    methodName,
    parameterTypes,
    args,
    attachments,
  }),
  remoteAddress: "127.0.0.1:40000",
  localAddress: "127.0.0.1:20880",
});

describe("createServiceInvoker", () => {
  const invoker = createServiceInvoker({ url, implementation, definition });

  it("calls the implementation and returns its value", async () => {
    expect((await invoker.invoke(inv("findOne", [1]))).value).toEqual(new Brand(1, "Huawei"));
    expect((await invoker.invoke(inv("findOne", [2]))).value).toBeNull();
  });

  it("turns a thrown error into a business exception result", async () => {
    const result = await invoker.invoke(inv("add", [{ id: 3, name: "" }]));
    expect(result.exception).toMatchObject({
      code: Code.Biz,
      message: "[Biz] name must not be empty",
    });
    const rethrown = createServiceInvoker({
      url,
      definition,
      implementation: {
        ...implementation,
        findAll: () => {
          throw Object.assign(new Error("downstream timeout"), {
            javaClass: "com.jd.DownstreamException",
          });
        },
      },
    });
    const r2 = await rethrown.invoke(inv("findAll", []));
    expect(r2.exception).toMatchObject({ code: Code.Biz, javaClass: "com.jd.DownstreamException" });
  });

  it("rejects unknown methods with MethodNotFound", async () => {
    await expect(invoker.invoke(inv("drop", [], []))).rejects.toMatchObject({
      code: Code.MethodNotFound,
      message: "[MethodNotFound] Service com.jd.BrandService has no method drop()",
    });
  });

  it("refuses calls that arrive after refuseNewCalls, unexecuted, and lets running ones finish", async () => {
    gate = deferred();
    const draining = createServiceInvoker({ url, implementation, definition });
    const running = draining.invoke(inv("slow", [5]));
    draining.refuseNewCalls();
    expect(draining.isAvailable()).toBe(false);
    added.length = 0;
    await expect(draining.invoke(inv("add", [{ id: 1, name: "late" }]))).rejects.toMatchObject({
      code: Code.Network,
      message:
        "[Network] provider 127.0.0.1:20880 is shutting down (read-only): com.jd.BrandService.add was not run; retry on another provider",
    });
    expect(added).toEqual([]);
    gate.resolve();
    expect((await running).value).toBe(10);
  });

  it("counts calls in flight and reports idleness", async () => {
    gate = deferred();
    const running = invoker.invoke(inv("slow", [2]));
    expect(invoker.inFlight).toBe(1);
    const idle = invoker.whenIdle(60_000);
    gate.resolve();
    expect((await running).value).toBe(4);
    expect(await idle).toBe(true);
    expect(invoker.inFlight).toBe(0);
  });
});

describe("provider filters", () => {
  it("answers $echo before the token check", async () => {
    const invoker = createServiceInvoker({
      url,
      implementation,
      definition,
      filters: [echoFilter, createTokenFilter("s3cret", "com.jd.BrandService")],
    });
    expect((await invoker.invoke(inv("$echo", ["hi"], ["java.lang.Object"]))).value).toBe("hi");
  });

  it("rejects a wrong token with Forbidden and accepts the right one", async () => {
    const invoker = createServiceInvoker({
      url,
      implementation,
      definition,
      filters: [createTokenFilter("s3cret", "com.jd.BrandService")],
    });
    await expect(
      invoker.invoke(inv("findOne", [1], undefined, { token: "guess" })),
    ).rejects.toMatchObject({
      code: Code.Forbidden,
      message:
        "[Forbidden] Invalid token! Forbid invoke remote service com.jd.BrandService method findOne() from consumer 127.0.0.1:40000 to provider 127.0.0.1:20880, consumer incorrect token is guess",
    });
    await expect(invoker.invoke(inv("findOne", [1]))).rejects.toThrow(/incorrect token is null/);
    expect(
      (await invoker.invoke(inv("findOne", [1], undefined, { token: "s3cret" }))).value,
    ).toEqual(new Brand(1, "Huawei"));
  });

  it("limits concurrent executions per method with executes", async () => {
    gate = deferred();
    const invoker = createServiceInvoker({
      url,
      implementation,
      definition,
      filters: [createExecuteLimitFilter(url)],
    });
    const first = invoker.invoke(inv("slow", [1]));
    await expect(invoker.invoke(inv("slow", [1]))).rejects.toMatchObject({
      code: Code.LimitExceeded,
      message:
        '[LimitExceeded] Failed to invoke method slow in provider 127.0.0.1:20880, cause: The service using threads greater than <dubbo:service executes="1" /> limited.',
    });
    gate.resolve();
    await first;
    expect((await invoker.invoke(inv("slow", [3]))).value).toBe(6);
  });

  it("serves generic calls: finds the method, drops class keys, generalizes DTOs", async () => {
    added.length = 0;
    const invoker = createServiceInvoker({
      url,
      implementation,
      definition,
      filters: [createGenericFilter(definition)],
    });
    const generic = async (method: string, types: string[], args: unknown[], mode = "true") => {
      const result = await invoker.invoke(
        inv(
          "$invoke",
          [method, types, args],
          ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"],
          { generic: mode },
        ),
      );
      const value = result.value as GenericResult;
      expect(value).toBeInstanceOf(GenericResult);
      return { ...result, value: value.toPlain(), returnType: value.returnType };
    };
    const one = await generic("findOne", ["java.lang.Long"], [1]);
    expect(one.returnType).toBe("com.jd.pojo.TbBrand");
    expect(one.value).toEqual({
      class: "com.jd.pojo.TbBrand",
      id: 1,
      name: "Huawei",
    });
    expect((await generic("findAll", [], [])).value).toEqual([
      { class: "com.jd.pojo.TbBrand", id: 1, name: "Huawei" },
      { class: "com.jd.pojo.TbBrand", id: 2, name: "Apple" },
    ]);
    await generic(
      "add",
      ["com.jd.pojo.TbBrand"],
      [{ class: "com.jd.pojo.TbBrand", id: 9, name: "Oppo" }],
    );
    expect(added).toEqual([{ id: 9, name: "Oppo" }]);
    expect((await generic("findOne", ["java.lang.Long"], [1], "raw.return")).value).toEqual({
      id: 1,
      name: "Huawei",
    });
    await expect(generic("findOne", ["java.lang.String"], ["1"])).rejects.toMatchObject({
      code: Code.MethodNotFound,
      message:
        "[MethodNotFound] org.apache.dubbo.rpc.RpcException: java.lang.NoSuchMethodException: Service com.jd.BrandService has no method findOne(java.lang.String)",
    });
    await expect(generic("findOne", ["java.lang.Long"], [1], "nativejava")).rejects.toMatchObject({
      code: Code.Forbidden,
    });
    await expect(generic("findOne", ["java.lang.Long"], [1, 2])).rejects.toMatchObject({
      code: Code.Unknown,
    });
  });

  it("exposes the server context and returns response attachments", async () => {
    const invoker = createServiceInvoker({
      url,
      definition,
      filters: [providerContextFilter],
      implementation: {
        ...implementation,
        findOne: async () => {
          const server = RpcContext.server()!;
          server.responseAttachments.seenTrace = server.attachments.traceId;
          return server.remoteAddress;
        },
      },
    });
    const result = await invoker.invoke(inv("findOne", [1], undefined, { traceId: "t" }));
    expect(result).toEqual({ value: "127.0.0.1:40000", attachments: { seenTrace: "t" } });
  });

  it("writes access log lines through the logger or to a file", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      new Writable({
        write(chunk, _enc, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    const viaLogger = createAccessLogFilter(true, "com.jd.BrandService", logger);
    const invoker = createServiceInvoker({ url, implementation, definition, filters: [viaLogger] });
    await invoker.invoke(inv("findOne", [1]));
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({
      name: "dubbo.accesslog.com.jd.BrandService",
      service: "com.jd.BrandService",
      method: "findOne",
      remote: "127.0.0.1:40000",
    });
    expect(String(lines[0]!.msg)).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] -> \[[^\]]+\] 127\.0\.0\.1:40000 -> 127\.0\.0\.1:20880 - com\.jd\.BrandService findOne\(java\.lang\.Long\) \[1\]$/,
    );

    const file = path.join(mkdtempSync(path.join(tmpdir(), "dubbo-ts-")), "access.log");
    const toFile = createAccessLogFilter(file, "com.jd.BrandService", logger);
    const invoker2 = createServiceInvoker({ url, implementation, definition, filters: [toFile] });
    await invoker2.invoke(inv("findOne", [1]));
    await invoker2.invoke(inv("add", [{ id: 5, name: "Vivo" }]));
    await toFile.close();
    const written = readFileSync(file, "utf8").trim().split("\n");
    expect(written).toHaveLength(2);
    expect(written[1]).toMatch(
      /com\.jd\.BrandService add\(com\.jd\.pojo\.TbBrand\) \[\{"id":5,"name":"Vivo"\}\]$/,
    );
  });
});

describe("generic helpers", () => {
  it("adds $echo and $invoke to exported definitions", () => {
    expect(withBuiltinMethods(definition).methods.map((m) => m.name)).toEqual([
      "findOne",
      "add",
      "findAll",
      "slow",
      "$echo",
      "$invoke",
      "$invokeAsync",
    ]);
  });

  it("realizes maps and generalizes DTOs through collections", () => {
    expect(realize([{ class: "a.B", x: { class: "c.D", y: 1 } }, 2])).toEqual([{ x: { y: 1 } }, 2]);
    expect(
      generalize(
        new Map([["k", new Brand(1, "a")]]),
        "java.util.Map<java.lang.String,com.jd.pojo.TbBrand>",
      ),
    ).toEqual(new Map([["k", { class: "com.jd.pojo.TbBrand", id: 1, name: "a" }]]));
    expect(generalize({ id: 1, name: "x" }, "com.jd.pojo.TbBrand")).toEqual({
      class: "com.jd.pojo.TbBrand",
      id: 1,
      name: "x",
    });
    expect(generalize("s", "java.lang.String")).toBe("s");
  });
});

describe("toBusinessError via RpcError", () => {
  it("keeps Biz errors as they are", async () => {
    const biz = new RpcError(Code.Biz, "x");
    const invoker = createServiceInvoker({
      url,
      definition,
      implementation: { ...implementation, findAll: () => Promise.reject(biz) },
    });
    expect((await invoker.invoke(inv("findAll", []))).exception).toBe(biz);
  });
});
