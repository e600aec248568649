import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { Directory } from "../directory.js";
import { createInvocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import { Code, RpcError } from "../rpc-error.js";
import { ServiceUrl } from "../service-url.js";
import { createFakeInvoker, type FakeHandler } from "../testing/fake-invoker.js";
import { createFailoverCluster } from "./failover.js";

const consumerUrl = ServiceUrl.parse(
  "consumer://127.0.0.1/com.example.order.OrderService?interface=com.example.order.OrderService",
);

const directoryOf = (invokers: Invoker[]): Directory => ({
  url: consumerUrl,
  list: () => invokers,
  destroy: async () => {},
});

const provider = (port: number, methods: string | undefined, handler: FakeHandler = () => "ok") =>
  createFakeInvoker(
    `dubbo://127.0.0.1:${port}/com.example.order.OrderService?interface=com.example.order.OrderService${methods === undefined ? "" : `&methods=${methods}`}`,
    handler,
  );

const call = (methodName: string, args: unknown[] = ["a"]) =>
  createInvocation({
    serviceName: "com.example.order.OrderService",
    methodName,
    parameterTypes: methodName.startsWith("$invoke")
      ? ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"]
      : ["java.lang.String"],
    args,
  });

/** Always picks the first candidate, so the test knows which provider is called first. */
const first = {
  loadBalance: () => () => ({ select: (invokers: readonly Invoker[]) => invokers[0]! }),
};

/** A logger whose lines the test can read. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) },
  );
  return { logger, lines };
}

describe("the providers' methods= on the consumer", () => {
  it("fails a method no provider lists with MethodNotFound, before any provider is called", async () => {
    const invokers = [provider(20001, "cancel,create"), provider(20002, "cancel,create")];
    const { logger, lines } = recordingLogger();
    const cluster = createFailoverCluster({ logger }).join(directoryOf(invokers));
    const error = (await cluster.invoke(call("refund")).catch((e: unknown) => e)) as RpcError;
    expect(error).toBeInstanceOf(RpcError);
    expect(error.code).toBe(Code.MethodNotFound);
    expect(error.message).toBe(
      "[MethodNotFound] com.example.order.OrderService has no method refund: the providers 127.0.0.1:20001, 127.0.0.1:20002 list methods=cancel,create. Check the method name and the contract's interface/version, or deploy a provider that has it",
    );
    expect(invokers.map((i) => i.calls.length)).toEqual([0, 0]);
    expect(lines).toEqual([]);
  });

  it("routes to the providers that list the method, and keeps those that list none", async () => {
    const old = provider(20001, "create");
    const current = provider(20002, "create,refund");
    const unlisted = provider(20003, undefined);
    const cluster = createFailoverCluster().join(directoryOf([old, current, unlisted]));
    for (let i = 0; i < 6; i++) await cluster.invoke(call("refund"));
    expect(old.calls).toHaveLength(0);
    expect(current.calls.length + unlisted.calls.length).toBe(6);
  });

  it("checks the method named by a generic $invoke, and never blocks $echo", async () => {
    const invokers = [provider(20001, "create")];
    const cluster = createFailoverCluster().join(directoryOf(invokers));
    await expect(
      cluster.invoke(call("$invoke", ["refund", ["java.lang.String"], ["a"]])),
    ).rejects.toMatchObject({ code: Code.MethodNotFound });
    await expect(cluster.invoke(call("$echo"))).resolves.toMatchObject({ value: "ok" });
    await expect(
      cluster.invoke(call("$invoke", ["create", ["java.lang.String"], ["a"]])),
    ).resolves.toMatchObject({ value: "ok" });
  });

  it("does not retry a provider's MethodNotFound answer, and names what that provider lists", async () => {
    const answer = () => {
      throw new RpcError(
        Code.MethodNotFound,
        "status 40 from 127.0.0.1:20001: Fail to decode request due to: java.lang.IllegalArgumentException: Service not found:com.example.order.OrderService, refund",
      );
    };
    const invokers = [provider(20001, "create,refund", answer), provider(20002, "create,refund")];
    const { logger, lines } = recordingLogger();
    const cluster = createFailoverCluster({ logger, ...first }).join(directoryOf(invokers));
    const error = (await cluster.invoke(call("refund")).catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(Code.MethodNotFound);
    expect(error.message).toContain("Service not found:com.example.order.OrderService, refund");
    expect(error.message).toContain("the provider 127.0.0.1:20001 lists methods=create,refund");
    expect(error.message).toContain("e.g. long for java.lang.Long");
    expect(invokers.map((i) => i.calls.length)).toEqual([1, 0]);
    expect(lines).toEqual([]);
  });

  it("fails a local encoding error once and never logs it as a provider failure", async () => {
    const encode = () => {
      throw new RpcError(
        Code.Serialization,
        "cannot send com.example.order.OrderService.find: java.lang.Long expected, got a string",
      );
    };
    const invokers = [provider(20001, "find", encode), provider(20002, "find", encode)];
    const { logger, lines } = recordingLogger();
    const cluster = createFailoverCluster({ logger }).join(directoryOf(invokers));
    const error = (await cluster.invoke(call("find")).catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(Code.Serialization);
    expect(error.message).toBe(
      "[Serialization] cannot send com.example.order.OrderService.find: java.lang.Long expected, got a string",
    );
    expect(invokers[0]!.calls.length + invokers[1]!.calls.length).toBe(1);
    expect(lines.filter((l) => /call failed on|retrying/.test(l.msg))).toEqual([]);
  });
});
