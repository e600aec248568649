import { describe, expect, it } from "vitest";
import { createInvocation } from "./invocation.js";
import { callTimeout, createReferredInvoker } from "./referred-invoker.js";
import { Code } from "./rpc-error.js";
import { getStatus } from "./rpc-status.js";
import { ServiceUrl } from "./service-url.js";
import { createFakeInvoker } from "./testing/fake-invoker.js";

const call = (methodName = "find", attachments: Record<string, unknown> = {}) =>
  createInvocation({
    serviceName: "com.x.Svc",
    methodName,
    parameterTypes: [],
    args: [],
    attachments,
  });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("callTimeout", () => {
  const url = (params: string) => ServiceUrl.parse(`dubbo://127.0.0.1:1/com.x.Svc?${params}`);
  it("uses a per-call attachment, then the method, then the service, then 1000 ms", () => {
    expect(
      callTimeout(url("timeout=3000&find.timeout=500"), call("find", { timeout: "250" })),
    ).toBe(250);
    expect(callTimeout(url("timeout=3000&find.timeout=500"), call("find"))).toBe(500);
    expect(callTimeout(url("timeout=3000&find.timeout=500"), call("other"))).toBe(3000);
    expect(callTimeout(url(""), call("find"))).toBe(1000);
    expect(callTimeout(url("timeout=abc"), call("find"))).toBe(1000);
  });
});

describe("createReferredInvoker", () => {
  it("plans each call once (timeout, one-way, token, descriptor) and leaves attachments alone", async () => {
    const inner = createFakeInvoker(
      "dubbo://127.0.0.1:1/com.x.Svc?timeout=3000&token=abc&find.timeout=700&other.return=false",
    );
    const invoker = createReferredInvoker(inner);
    await invoker.invoke(call("find", { trace: "t" }));
    await invoker.invoke(call("other"));
    await invoker.invoke(call("other", { timeout: "25", return: "true" }));
    expect(inner.calls.map((c) => c.attachments)).toEqual([
      { trace: "t" },
      {},
      { timeout: "25", return: "true" },
    ]);
    expect(inner.calls.map((c) => c.call)).toEqual([
      { timeout: 700, oneWay: false, token: "abc", descriptor: "" },
      { timeout: 3000, oneWay: true, token: "abc", descriptor: "" },
      { timeout: 25, oneWay: false, token: "abc", descriptor: "" },
    ]);
  });

  it("takes a token the caller attached when the provider URL has none", async () => {
    const inner = createFakeInvoker("dubbo://127.0.0.1:1/com.x.Svc");
    await createReferredInvoker(inner).invoke(call("find", { token: "mine" }));
    expect(inner.calls[0]?.call?.token).toBe("mine");
  });

  it("counts calls for the balancers", async () => {
    const gate = deferred();
    const inner = createFakeInvoker("dubbo://127.0.0.1:1/com.x.Svc", () => gate.promise);
    const invoker = createReferredInvoker(inner);
    const pending = invoker.invoke(call());
    expect(getStatus(invoker, "find").active).toBe(1);
    gate.resolve();
    await pending;
    expect(getStatus(invoker, "find")).toMatchObject({ active: 0, total: 1, failed: 0 });
  });

  it("holds calls beyond actives until a slot frees, and fails after the timeout", async () => {
    const gate = deferred();
    const inner = createFakeInvoker(
      "dubbo://127.0.0.1:1/com.x.Svc?actives=1&timeout=50",
      () => gate.promise,
    );
    const invoker = createReferredInvoker(inner);
    const first = invoker.invoke(call());
    const second = invoker.invoke(call("find", { timeout: "60000" }));
    await new Promise((r) => setImmediate(r));
    expect(inner.calls).toHaveLength(1);
    gate.resolve();
    await first;
    await second;
    expect(inner.calls).toHaveLength(2);

    const stuck = createFakeInvoker(
      "dubbo://127.0.0.1:2/com.x.Svc?actives=1&timeout=20",
      () => new Promise(() => {}),
    );
    const limited = createReferredInvoker(stuck);
    void limited.invoke(call());
    await expect(limited.invoke(call())).rejects.toMatchObject({
      code: Code.LimitExceeded,
      message: expect.stringContaining(
        "Waiting concurrent invoke timeout in client-side for service: com.x.Svc, method: find",
      ),
    });
  });

  it("waits for calls in flight before destroying the inner invoker", async () => {
    const gate = deferred();
    const inner = createFakeInvoker("dubbo://127.0.0.1:1/com.x.Svc", () =>
      gate.promise.then(() => "done"),
    );
    const invoker = createReferredInvoker(inner, 60_000);
    const pending = invoker.invoke(call());
    const destroying = invoker.destroy();
    await new Promise((r) => setImmediate(r));
    expect(inner.destroyed).toBe(false);
    expect(invoker.isAvailable()).toBe(false);
    gate.resolve();
    expect((await pending).value).toBe("done");
    await destroying;
    expect(inner.destroyed).toBe(true);
  });
});
