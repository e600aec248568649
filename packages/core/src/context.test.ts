import { describe, expect, it } from "vitest";
import { RpcContext } from "./context.js";
import { consumerContextFilter, providerContextFilter } from "./filter/context.js";
import { chain, type Invoke } from "./filter.js";
import type { Invocation } from "./invocation.js";
import type { Result } from "./result.js";

const tick = () => new Promise((r) => setImmediate(r));

function incoming(attachments: Record<string, unknown>, remoteAddress: string): Invocation {
  return {
    serviceName: "a.B",
    methodName: "m",
    parameterTypes: [],
    args: [],
    attachments: { path: "a.B", interface: "a.B", version: "1.0", timeout: "3000", ...attachments },
    remoteAddress,
  };
}

/** A provider chain (context filter first) whose method is `method`. */
function provider(method: (invocation: Invocation) => Promise<unknown>): Invoke {
  return chain([providerContextFilter], async (invocation) => ({
    value: await method(invocation),
    attachments: {},
  }));
}

/** A consumer chain whose far end records the attachments it is sent. */
function downstream(sent: Record<string, unknown>[]): Invoke {
  return chain([consumerContextFilter], async (invocation): Promise<Result> => {
    sent.push(invocation.attachments);
    return { value: "ok", attachments: {} };
  });
}

describe("RpcContext.server() in a provider call", () => {
  it("stays available after awaits once read before the first one, and returns response attachments", async () => {
    const serve = provider(async () => {
      const server = RpcContext.server()!;
      await tick();
      expect(RpcContext.server()).toBe(server);
      await tick();
      server.responseAttachments.late = "yes";
      return RpcContext.server()?.remoteAddress;
    });
    const result = await serve(incoming({}, "127.0.0.1:1"));
    expect(result).toEqual({ value: "127.0.0.1:1", attachments: { late: "yes" } });
  });

  it("keeps concurrent calls apart, and never shows one call's context to another", async () => {
    const seen: (string | undefined)[] = [];
    const reading = provider(async (inv) => {
      expect(RpcContext.server()?.invocation).toBe(inv);
      await tick();
      seen.push(RpcContext.server()?.remoteAddress);
    });
    const notReading = provider(async () => {
      await tick();
      // Not read before its first await and nothing of its own attached: documented as unset.
      seen.push(RpcContext.server()?.remoteAddress ?? "unset");
    });
    // Started in the same synchronous run, as requests decoded from one chunk are.
    const calls = [
      reading(incoming({}, "127.0.0.1:1")),
      notReading(incoming({}, "127.0.0.1:2")),
      reading(incoming({}, "127.0.0.1:3")),
    ];
    await Promise.all(calls);
    expect(seen.sort()).toEqual(["127.0.0.1:1", "127.0.0.1:3", "unset"]);
    expect(RpcContext.server()).toBeUndefined();
  });

  it("propagates a call's own attachments to calls made after awaits, without any read", async () => {
    const sent: Record<string, unknown>[] = [];
    const next = downstream(sent);
    const serve = provider(async () => {
      await tick();
      await next({ ...incoming({}, ""), attachments: { own: "x" } });
      return RpcContext.server()?.attachments.traceId;
    });
    const result = await serve(incoming({ traceId: "t-1" }, "127.0.0.1:4"));
    expect(result.value).toBe("t-1");
    // Reserved keys (path, version, timeout…) are never propagated.
    expect(sent).toEqual([{ traceId: "t-1", own: "x" }]);
  });

  it("sends nothing extra from a call that carries only the framework's attachments", async () => {
    const sent: Record<string, unknown>[] = [];
    const next = downstream(sent);
    const serve = provider(async () => {
      const before = next({ ...incoming({}, ""), attachments: {} });
      await tick();
      return [await before, await next({ ...incoming({}, ""), attachments: {} })];
    });
    await serve(incoming({}, "127.0.0.1:5"));
    expect(sent).toEqual([{}, {}]);
  });

  it("exposes the invocation's signal, read only when asked, and none when the protocol has none", async () => {
    let reads = 0;
    const controller = new AbortController();
    // A protocol's lazy signal: a getter, as Triple's (it makes the AbortController on first read).
    const lazy: Invocation = {
      ...incoming({}, "127.0.0.1:6"),
      get signal() {
        reads++;
        return controller.signal;
      },
    };
    const serve = provider(async () => {
      const server = RpcContext.server()!;
      const before = reads;
      return [before, server.signal === controller.signal];
    });
    expect((await serve(lazy)).value).toEqual([0, true]);
    const none = provider(async () => RpcContext.server()!.signal);
    expect((await none(incoming({}, "127.0.0.1:7"))).value).toBeUndefined();
  });
});
