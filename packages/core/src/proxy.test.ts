import { describe, expect, it } from "vitest";
import { RpcContext } from "./context.js";
import { JavaInterface, JavaMethod, Param } from "./decorators/contract.js";
import { resolveServiceDefinition } from "./decorators/resolve-definition.js";
import type { Filter } from "./filter.js";
import type { Invocation } from "./invocation.js";
import { createProxy } from "./proxy.js";
import { Code, RpcError } from "./rpc-error.js";
import { createFakeInvoker } from "./testing/fake-invoker.js";

const unused = (): never => {
  throw new Error("contract only");
};

@JavaInterface("com.jd.sellergoods.service.BrandService")
abstract class BrandService {
  @JavaMethod({ params: ["int", "int"], returns: "com.jd.entity.PageResult" })
  findPage(_page: number, _rows: number): Promise<{ total: number }> {
    return unused();
  }
  @JavaMethod()
  findOne(@Param("java.lang.Long") _id: number): Promise<string | null> {
    return unused();
  }
  @JavaMethod()
  rename(_name: string): Promise<void> {
    return unused();
  }
}

const definition = resolveServiceDefinition({ contract: BrandService });

describe("createProxy", () => {
  it("turns method calls into invocations typed by the contract", async () => {
    const provider = createFakeInvoker(
      "dubbo://127.0.0.1:1/com.jd.sellergoods.service.BrandService",
      (inv) => (inv.methodName === "findPage" ? { total: 42 } : null),
    );
    const proxy = createProxy<BrandService>({
      definition,
      invoker: provider,
      version: "1.0.0",
      group: "g",
    });
    expect(await proxy.findPage(1, 10)).toEqual({ total: 42 });
    expect(await proxy.findOne(7)).toBeNull();
    expect(provider.calls[0]).toEqual({
      serviceName: "com.jd.sellergoods.service.BrandService",
      version: "1.0.0",
      group: "g",
      methodName: "findPage",
      parameterTypes: ["int", "int"],
      returnType: "com.jd.entity.PageResult",
      args: [1, 10],
      attachments: {},
    });
    expect(provider.calls[1]).toMatchObject({
      methodName: "findOne",
      parameterTypes: ["java.lang.Long"],
    });
  });

  it("rejects with the business error a provider threw", async () => {
    const provider = createFakeInvoker("dubbo://127.0.0.1:1/x", () => {
      throw new RpcError(Code.Biz, "brand name exists", {
        javaClass: "java.lang.IllegalStateException",
      });
    });
    const proxy = createProxy<BrandService>({ definition, invoker: provider });
    await expect(proxy.rename("x")).rejects.toMatchObject({
      code: Code.Biz,
      javaClass: "java.lang.IllegalStateException",
    });
  });

  it("rejects framework failures with their RpcError", async () => {
    const provider = createFakeInvoker("dubbo://127.0.0.1:1/x", () => {
      throw new RpcError(Code.Timeout, "waiting server-side response timeout");
    });
    const proxy = createProxy<BrandService>({ definition, invoker: provider });
    await expect(proxy.rename("x")).rejects.toMatchObject({ code: Code.Timeout });
  });

  it("refuses a wrong number of arguments before sending", async () => {
    const provider = createFakeInvoker("dubbo://127.0.0.1:1/x");
    const proxy = createProxy<BrandService>({ definition, invoker: provider });
    await expect((proxy.findPage as (...a: unknown[]) => Promise<unknown>)(1)).rejects.toThrow(
      "com.jd.sellergoods.service.BrandService.findPage takes 2 argument(s) (int, int), got 1",
    );
    expect(provider.calls).toHaveLength(0);
  });

  it("runs filters in order, first outermost, around the invoker", async () => {
    const log: string[] = [];
    const tag =
      (name: string): Filter =>
      (next) =>
      async (inv) => {
        log.push(`${name}>`);
        const r = await next(inv);
        log.push(`<${name}`);
        return r;
      };
    const provider = createFakeInvoker("dubbo://127.0.0.1:1/x", () => {
      log.push("provider");
      return "ok";
    });
    const proxy = createProxy<BrandService>({
      definition,
      invoker: provider,
      filters: [tag("a"), tag("b")],
    });
    await proxy.rename("n");
    expect(log).toEqual(["a>", "b>", "provider", "<b", "<a"]);
  });

  it("offers $invoke and $echo on every proxy", async () => {
    const provider = createFakeInvoker("dubbo://127.0.0.1:1/x", (inv) =>
      inv.methodName === "$echo" ? inv.args[0] : "generic",
    );
    const proxy = createProxy<BrandService>({ definition, invoker: provider });
    expect(await proxy.$echo("ping")).toBe("ping");
    expect(await proxy.$invoke("findOne", ["java.lang.Long"], [1])).toBe("generic");
    expect(provider.calls[0]).toMatchObject({
      methodName: "$echo",
      parameterTypes: ["java.lang.Object"],
    });
    expect(provider.calls[1]).toMatchObject({
      methodName: "$invoke",
      parameterTypes: ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"],
      args: ["findOne", ["java.lang.Long"], [1]],
    });
  });

  it("is not thenable and hides unknown names", async () => {
    const proxy = createProxy<BrandService>({
      definition,
      invoker: createFakeInvoker("dubbo://127.0.0.1:1/x"),
    });
    expect((proxy as unknown as { then?: unknown }).then).toBeUndefined();
    expect(await Promise.resolve(proxy)).toBe(proxy);
    expect(Object.keys(proxy)).toEqual(["findPage", "findOne", "rename"]);
    expect(String(proxy)).toBe("[dubbo proxy com.jd.sellergoods.service.BrandService]");
    expect((proxy as unknown as Record<string, unknown>).nope).toBeUndefined();
  });
});

describe("RpcContext", () => {
  it("sends scoped attachments with every call and exposes response attachments", async () => {
    const provider = createFakeInvoker("dubbo://127.0.0.1:1/x");
    provider.invoke = async (inv: Invocation) => {
      provider.calls.push(inv);
      return { value: "ok", attachments: { served: "yes" } };
    };
    const proxy = createProxy<BrandService>({ definition, invoker: provider });
    await RpcContext.withAttachments({ traceId: "t-1" }, async (ctx) => {
      await RpcContext.withAttachments({ span: "s" }, () => proxy.rename("a"));
      await proxy.rename("b");
      expect(ctx.responseAttachments).toEqual({ served: "yes" });
    });
    await proxy.rename("c");
    expect(provider.calls.map((c) => c.attachments)).toEqual([
      { traceId: "t-1", span: "s" },
      { traceId: "t-1" },
      {},
    ]);
  });

  it("propagates a provider's incoming attachments to its outgoing calls, minus reserved keys", async () => {
    const downstream = createFakeInvoker("dubbo://127.0.0.1:2/y");
    const proxy = createProxy<BrandService>({ definition, invoker: downstream });
    const incoming: Invocation = {
      serviceName: "a.B",
      methodName: "m",
      parameterTypes: [],
      args: [],
      attachments: { traceId: "t-9", timeout: "3000", token: "secret", path: "a.B", group: "g" },
      remoteAddress: "127.0.0.1:5555",
    };
    await RpcContext.runAsServer(incoming, async (server) => {
      expect(RpcContext.server()?.remoteAddress).toBe("127.0.0.1:5555");
      expect(server.attachments.traceId).toBe("t-9");
      await proxy.rename("x");
    });
    expect(downstream.calls[0]!.attachments).toEqual({ traceId: "t-9" });
    expect(RpcContext.server()).toBeUndefined();
  });
});
