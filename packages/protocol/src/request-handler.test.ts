import {
  Code,
  defineJavaClass,
  type Invocation,
  type Invoker,
  type Result,
  RpcError,
  type ServiceDefinition,
  ServiceUrl,
  silentLogger,
} from "@dubbo-ts/core/spi";
import { withBuiltinFilters } from "@dubbo-ts/core/testing";
import { describe, expect, it } from "vitest";
import { ExportedServices } from "./exported-services.js";
import { readHeader, Status } from "./header.js";
import { hessian2Serialization as h2 } from "./hessian/hessian2-serialization.js";
import { javaClassOf } from "./hessian/java-class-tag.js";
import { encodeRequest, type RequestData } from "./request-codec.js";
import { handleRequest, type RequestHandlerOptions } from "./request-handler.js";
import { decodeResponse, ResultFlag } from "./response-codec.js";

defineJavaClass({ name: "t.Item", fields: { id: "long", name: "java.lang.String" } });

const shop: ServiceDefinition = {
  interface: "t.Shop",
  methods: [
    { name: "get", parameterTypes: ["long"], returnType: "t.Item" },
    { name: "list", parameterTypes: ["java.util.List<t.Item>"], returnType: "int" },
    { name: "none", parameterTypes: [], returnType: "void" },
    { name: "big", parameterTypes: [], returnType: "java.lang.String" },
    { name: "unsendable", parameterTypes: [], returnType: "int" },
  ],
};

/** Records invocations; behaviour per method name. */
function invokerFor(log: Invocation[]): Invoker {
  return {
    url: new ServiceUrl({ protocol: "dubbo", host: "127.0.0.1", port: 1, path: "t.Shop" }),
    isAvailable: () => true,
    destroy: async () => undefined,
    async invoke(inv): Promise<Result> {
      log.push(inv);
      switch (inv.methodName) {
        case "get":
          if (inv.args[0] === 0) throw new RpcError(Code.Forbidden, "Invalid token");
          if (inv.args[0] === 13)
            throw Object.assign(new Error("unlucky"), { javaClass: "t.Unlucky" });
          return { value: { id: inv.args[0], name: "n" }, attachments: { k: "v" } };
        case "list":
          return { value: (inv.args[0] as unknown[]).length, attachments: {} };
        case "big":
          return { value: "x".repeat(5000), attachments: {} };
        case "unsendable":
          return { value: "not an int", attachments: {} };
        default:
          return { value: null, attachments: {} };
      }
    },
  };
}

function setup(groups: string[] = [""]) {
  const services = new ExportedServices();
  const log: Invocation[] = [];
  for (const group of groups) {
    services.add(
      new ServiceUrl({
        protocol: "dubbo",
        host: "127.0.0.1",
        port: 20880,
        path: "t.Shop",
        parameters: { version: "1.0.0", ...(group ? { group } : {}) },
      }),
      shop,
      withBuiltinFilters(invokerFor(log), shop),
    );
  }
  const options: RequestHandlerOptions = {
    services,
    maxPayload: 4096,
    decode: {},
    logger: silentLogger,
  };
  return { options, log };
}

const peer = { remoteAddress: "127.0.0.1:5000", localAddress: "127.0.0.1:20880" };

function request(
  partial: Partial<RequestData> & Pick<RequestData, "methodName" | "parameterTypes" | "args">,
  twoWay = true,
) {
  return encodeRequest(
    { dubboVersion: "2.0.2", serviceName: "t.Shop", version: "1.0.0", attachments: {}, ...partial },
    { id: 42n, twoWay, serialization: h2, maxPayload: 0 },
  );
}

async function handle(frame: Buffer, options: RequestHandlerOptions, returnType?: string) {
  const header = readHeader(frame);
  const out = await handleRequest(header, frame.subarray(16), peer, options);
  if (!out) return null;
  const h = readHeader(out);
  expect(h.id).toBe(42n);
  return decodeResponse(h, out.subarray(16), h2, { returnType });
}

describe("handleRequest", () => {
  it("invokes the method with decoded arguments and answers flag 4 with attachments", async () => {
    const { options, log } = setup();
    const res = await handle(
      request({ methodName: "get", parameterTypes: ["long"], args: [7] }),
      options,
      "t.Item",
    );
    expect(res).toMatchObject({
      ok: true,
      flag: ResultFlag.ValueWithAttachments,
      value: { id: 7, name: "n" },
    });
    expect(res?.ok && res.attachments).toMatchObject({ k: "v", dubbo: "2.0.2" });
    expect(res?.ok && javaClassOf(res.value)).toBe("t.Item");
    expect(log[0]).toMatchObject({
      serviceName: "t.Shop",
      version: "1.0.0",
      methodName: "get",
      args: [7],
      remoteAddress: peer.remoteAddress,
    });
  });

  it("answers flags 0/1/2 without attachments for a pre-2.0.2 request", async () => {
    const { options } = setup();
    const res = await handle(
      request({ dubboVersion: "2.0.0", methodName: "none", parameterTypes: [], args: [] }),
      options,
    );
    expect(res).toMatchObject({ ok: true, flag: ResultFlag.NullValue });
  });

  it("returns a thrown business error as flag 3 with its Java class", async () => {
    const { options } = setup();
    const res = await handle(
      request({ methodName: "get", parameterTypes: ["long"], args: [13] }),
      options,
    );
    expect(res?.ok && res.flag).toBe(ResultFlag.ExceptionWithAttachments);
    expect(res?.ok && res.exception).toMatchObject({
      code: Code.Biz,
      javaClass: "t.Unlucky",
      rawMessage: "unlucky",
    });
  });

  it("answers 70 when the invoker rejects with a framework RpcError (e.g. a token filter)", async () => {
    const { options } = setup();
    const res = await handle(
      request({ methodName: "get", parameterTypes: ["long"], args: [0] }),
      options,
    );
    expect(res).toMatchObject({ ok: false, status: Status.ServiceError });
    expect(!res?.ok && res?.message).toMatch(/Invalid token/);
  });

  it("answers 40 for a serialization id other than hessian2, whatever its value", async () => {
    const { options, log } = setup();
    for (let id = 0; id < 32; id++) {
      if (id === 2) continue;
      const frame = request({ methodName: "get", parameterTypes: ["long"], args: [1] });
      frame[2] = (frame[2]! & 0xe0) | id;
      const res = await handle(frame, options);
      expect(res, `id ${id}`).toMatchObject({ ok: false, status: Status.BadRequest });
    }
    expect(log).toHaveLength(0);
  });

  it("looks the method up before decoding arguments: unknown method → 40, unknown service → 70", async () => {
    const { options, log } = setup();
    // A descriptor that matches no method, with garbage where arguments would be.
    const unknownMethod = request({ methodName: "get", parameterTypes: ["int"], args: [1] });
    const res40 = await handle(unknownMethod, options);
    expect(res40).toMatchObject({ ok: false, status: Status.BadRequest });
    expect(!res40?.ok && res40?.message).toMatch(/Service not found:t.Shop, get/);
    const unknownService = request({
      serviceName: "t.Other",
      methodName: "get",
      parameterTypes: ["long"],
      args: [1],
    });
    const res70 = await handle(unknownService, options);
    expect(res70).toMatchObject({ ok: false, status: Status.ServiceError });
    expect(!res70?.ok && res70?.message).toMatch(/Not found exported service: t.Other:1.0.0/);
    expect(log).toHaveLength(0);
  });

  it("does not decode a huge argument list of an unknown service (CVE-2020-1948)", async () => {
    const { options } = setup();
    const frame = request({
      serviceName: "t.Other",
      methodName: "get",
      parameterTypes: ["java.util.List"],
      args: [Array.from({ length: 200_000 }, (_, i) => i)],
    });
    const res = await handle(frame, {
      ...options,
      decode: { limits: { maxObjects: 10, maxCollectionLength: 10 } },
    });
    expect(res).toMatchObject({ ok: false, status: Status.ServiceError });
  });

  it("routes by group from the attachments and answers 70 for a group that is not exported", async () => {
    const { options, log } = setup(["a", "b"]);
    const ok = await handle(
      request({
        methodName: "get",
        parameterTypes: ["long"],
        args: [1],
        attachments: { group: "b" },
      }),
      options,
    );
    expect(ok?.ok).toBe(true);
    expect(log[0]?.group).toBe("b");
    const missing = await handle(
      request({
        methodName: "get",
        parameterTypes: ["long"],
        args: [1],
        attachments: { group: "c" },
      }),
      options,
    );
    expect(missing).toMatchObject({ ok: false, status: Status.ServiceError });
  });

  it("answers 40 for a body that does not decode, and for one that breaks a decode limit", async () => {
    const { options } = setup();
    const frame = request({
      methodName: "list",
      parameterTypes: ["java.util.List<t.Item>"],
      args: [[{ id: 1, name: "a" }]],
    });
    const truncated = frame.subarray(0, frame.length - 10);
    const res = await handleRequest(readHeader(frame), truncated.subarray(16), peer, options);
    expect(decodeResponse(readHeader(res!), res!.subarray(16), h2)).toMatchObject({
      ok: false,
      status: Status.BadRequest,
    });
    const deep = await handle(frame, { ...options, decode: { limits: { maxDepth: 1 } } });
    expect(deep).toMatchObject({ ok: false, status: Status.BadRequest });
    expect(!deep?.ok && deep?.message).toMatch(/nesting deeper than 1/);
  });

  it("answers 25 for a response over the payload and 50 for one that does not fit its type", async () => {
    const { options } = setup();
    const big = await handle(request({ methodName: "big", parameterTypes: [], args: [] }), options);
    expect(big).toMatchObject({ ok: false, status: Status.SerializationError });
    expect(!big?.ok && big?.message).toMatch(/Data length too large/);
    const bad = await handle(
      request({ methodName: "unsendable", parameterTypes: [], args: [] }),
      options,
    );
    expect(bad).toMatchObject({ ok: false, status: Status.BadResponse });
  });

  it("invokes one-way requests and answers nothing, not even errors", async () => {
    const { options, log } = setup();
    const frame = request({ methodName: "get", parameterTypes: ["long"], args: [5] }, false);
    expect(await handleRequest(readHeader(frame), frame.subarray(16), peer, options)).toBeNull();
    expect(log).toHaveLength(1);
    const unknown = request(
      { serviceName: "t.Other", methodName: "get", parameterTypes: ["long"], args: [5] },
      false,
    );
    expect(
      await handleRequest(readHeader(unknown), unknown.subarray(16), peer, options),
    ).toBeNull();
  });

  it("answers $echo itself and turns $invoke into the named method with realized arguments", async () => {
    const { options, log } = setup();
    const echo = await handle(
      request({ methodName: "$echo", parameterTypes: ["java.lang.Object"], args: ["ping"] }),
      options,
    );
    expect(echo).toMatchObject({ ok: true, value: "ping" });
    expect(log).toHaveLength(0);
    const generic = await handle(
      request({
        methodName: "$invoke",
        parameterTypes: ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"],
        args: ["get", ["long"], [3]],
        attachments: { generic: "true" },
      }),
      options,
    );
    expect(generic).toMatchObject({ ok: true, value: { class: "t.Item", id: 3, name: "n" } });
    expect(log[0]).toMatchObject({ methodName: "get", parameterTypes: ["long"], args: [3] });
    const list = await handle(
      request({
        methodName: "$invoke",
        parameterTypes: ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"],
        args: ["list", ["java.util.List"], [[{ class: "t.Item", id: 1, name: "x" }]]],
      }),
      options,
    );
    expect(list).toMatchObject({ ok: true, value: 1 });
    expect(log[1]?.args).toEqual([[{ id: 1, name: "x" }]]);
  });

  it("refuses generic modes other than maps (nativejava, bean) with 70", async () => {
    const { options, log } = setup();
    // Even when the definition lists $invoke itself (core adds the built-ins for its filters).
    const withBuiltins: ServiceDefinition = {
      ...shop,
      methods: [
        ...shop.methods,
        {
          name: "$invoke",
          parameterTypes: ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"],
          returnType: "java.lang.Object",
        },
      ],
    };
    options.services.add(
      new ServiceUrl({
        protocol: "dubbo",
        host: "127.0.0.1",
        port: 20880,
        path: "t.Shop",
        parameters: { version: "2.0.0" },
      }),
      withBuiltins,
      invokerFor(log),
    );
    for (const mode of ["nativejava", "bean", "protobuf-json"]) {
      const res = await handle(
        request({
          methodName: "$invoke",
          parameterTypes: ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"],
          args: ["get", ["long"], [3]],
          attachments: { generic: mode },
        }),
        options,
      );
      expect(res, mode).toMatchObject({ ok: false, status: Status.ServiceError });
      const v2 = await handle(
        request({
          version: "2.0.0",
          methodName: "$invoke",
          parameterTypes: ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"],
          args: ["get", ["long"], [3]],
          attachments: { generic: mode },
        }),
        options,
      );
      expect(v2, `${mode} with $invoke in the definition`).toMatchObject({
        ok: false,
        status: Status.ServiceError,
      });
    }
    expect(log).toHaveLength(0);
  });
});
