import { afterEach, describe, expect, it, vi } from "vitest";
import type { Directory } from "../directory.js";
import { createInvocation, type Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import type { LoadBalance } from "../load-balance.js";
import { Code, RpcError } from "../rpc-error.js";
import { ServiceUrl } from "../service-url.js";
import { createFakeInvoker, type FakeHandler, type FakeInvoker } from "../testing/fake-invoker.js";
import { createAvailableCluster } from "./available.js";
import { createBroadcastCluster } from "./broadcast.js";
import { selectInvoker } from "./cluster-invoker.js";
import { clusterNames, getClusterFactory } from "./extensions.js";
import { createFailbackCluster } from "./failback.js";
import { createFailfastCluster } from "./failfast.js";
import { createFailoverCluster } from "./failover.js";
import { createFailsafeCluster } from "./failsafe.js";
import { createForkingCluster } from "./forking.js";

const consumerUrl = ServiceUrl.parse(
  "consumer://127.0.0.1/com.x.Svc?interface=com.x.Svc&version=1.0.0",
);

/** A directory whose list the test can change; `roundrobin`-like order via a fixed balancer. */
function directoryOf(invokers: Invoker[]): Directory & { invokers: Invoker[] } {
  const dir = {
    url: consumerUrl,
    invokers,
    list: () => dir.invokers,
    destroy: async () => {
      for (const i of dir.invokers) await i.destroy();
    },
  };
  return dir;
}

/** Always picks the first of the candidates, so selection order is predictable. */
const firstLb: LoadBalance = { select: (invokers) => invokers[0]! };
const options = { loadBalance: () => () => firstLb };

const providers = (n: number, handler: FakeHandler, params = ""): FakeInvoker[] =>
  Array.from({ length: n }, (_, i) =>
    createFakeInvoker(`dubbo://127.0.0.1:${20001 + i}/com.x.Svc?version=1.0.0${params}`, handler),
  );

const call = (methodName = "find", attachments: Record<string, unknown> = {}): Invocation =>
  createInvocation({
    serviceName: "com.x.Svc",
    methodName,
    parameterTypes: ["java.lang.String"],
    args: ["a"],
    attachments,
  });

const failing =
  (code: Code): FakeHandler =>
  () => {
    throw new RpcError(code, `boom ${Code[code]}`);
  };

const FRAMEWORK_CODES = [
  Code.Unknown,
  Code.Network,
  Code.Timeout,
  Code.Forbidden,
  Code.Serialization,
  Code.NoInvoker,
  Code.LimitExceeded,
  Code.Registry,
  Code.MethodNotFound,
];

/** Codes a retrying cluster runs again; the other framework codes fail at once (isRetryable). */
const RETRIED_CODES = FRAMEWORK_CODES.filter(
  (c) => c !== Code.Serialization && c !== Code.MethodNotFound,
);

const totalCalls = (invokers: FakeInvoker[]) => invokers.reduce((n, i) => n + i.calls.length, 0);

afterEach(() => {
  vi.useRealTimers();
});

describe("failover", () => {
  it.each(RETRIED_CODES)(
    "retries code %s on other providers, 3 attempts by default",
    async (code) => {
      const invokers = providers(4, failing(code));
      const invoker = createFailoverCluster(options).join(directoryOf(invokers));
      const error = await invoker.invoke(call()).catch((e: unknown) => e as RpcError);
      expect(error).toBeInstanceOf(RpcError);
      expect((error as RpcError).code).toBe(code);
      expect((error as RpcError).message).toContain(
        "Failed to invoke the method find in the service com.x.Svc:1.0.0. Tried 3 times of the providers [127.0.0.1:20001, 127.0.0.1:20002, 127.0.0.1:20003] (3/4)",
      );
      expect(invokers.map((i) => i.calls.length)).toEqual([1, 1, 1, 0]);
    },
  );

  it("does not retry a business exception result", async () => {
    const invokers = providers(3, () => {
      throw new Error("brand exists");
    });
    const result = await createFailoverCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(result.exception?.code).toBe(Code.Biz);
    expect(result.exception?.message).toBe("[Biz] brand exists");
    expect(totalCalls(invokers)).toBe(1);
  });

  it("does not retry a rejected Biz error", async () => {
    const invokers = providers(3, () => undefined);
    invokers[0]!.invoke = () => Promise.reject(new RpcError(Code.Biz, "biz"));
    const invoker = createFailoverCluster(options).join(directoryOf(invokers));
    await expect(invoker.invoke(call())).rejects.toMatchObject({ code: Code.Biz });
    expect(invokers[1]!.calls).toHaveLength(0);
  });

  it("returns the first success after failures", async () => {
    const invokers = providers(3, (_inv, n) => {
      if (n === 1) throw new RpcError(Code.Network, "connection reset");
      return "ok";
    });
    invokers[1]!.handler = () => "from second";
    const result = await createFailoverCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(result.value).toBe("from second");
    expect(invokers.map((i) => i.calls.length)).toEqual([1, 1, 0]);
  });

  it("takes retries from the method, the URL, or a per-call attachment", async () => {
    let invokers = providers(5, failing(Code.Timeout), "&retries=1&find.retries=3");
    const cluster = createFailoverCluster(options);
    await expect(cluster.join(directoryOf(invokers)).invoke(call())).rejects.toThrow(
      /Tried 4 times/,
    );
    invokers = providers(5, failing(Code.Timeout), "&retries=1");
    await expect(cluster.join(directoryOf(invokers)).invoke(call())).rejects.toThrow(
      /Tried 2 times/,
    );
    invokers = providers(5, failing(Code.Timeout), "&retries=0");
    await expect(cluster.join(directoryOf(invokers)).invoke(call())).rejects.toThrow(
      /Tried 1 times/,
    );
    invokers = providers(5, failing(Code.Timeout), "&retries=-1");
    await expect(cluster.join(directoryOf(invokers)).invoke(call())).rejects.toThrow(
      /Tried 1 times/,
    );
    invokers = providers(5, failing(Code.Timeout));
    await expect(
      cluster.join(directoryOf(invokers)).invoke(call("find", { retries: 4 })),
    ).rejects.toThrow(/Tried 5 times/);
  });

  it("lists the directory again before each retry", async () => {
    const [a, b] = providers(2, failing(Code.Network));
    const [c] = providers(1, () => "fresh");
    const dir = directoryOf([a!, b!]);
    a!.handler = () => {
      dir.invokers = [c!];
      throw new RpcError(Code.Network, "gone");
    };
    const result = await createFailoverCluster(options).join(dir).invoke(call());
    expect(result.value).toBe("fresh");
    expect(b!.calls).toHaveLength(0);
  });

  it("fails with NoInvoker when the directory is empty", async () => {
    const invoker = createFailoverCluster(options).join(directoryOf([]));
    await expect(invoker.invoke(call())).rejects.toMatchObject({
      code: Code.NoInvoker,
      message:
        "[NoInvoker] No provider available for the service com.x.Svc:1.0.0 (method find) on the consumer 127.0.0.1: check that the providers are started and registered",
    });
  });

  it("retries when the providers vanish between attempts and reports the last error", async () => {
    const invokers = providers(2, failing(Code.Network));
    const dir = directoryOf(invokers);
    invokers[0]!.handler = () => {
      dir.invokers = [];
      throw new RpcError(Code.Network, "down");
    };
    const error = (await createFailoverCluster(options)
      .join(dir)
      .invoke(call())
      .catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(Code.NoInvoker);
  });

  it("avoids unavailable providers (after a read-only event)", async () => {
    const invokers = providers(3, () => "ok");
    invokers[0]!.available = false;
    await createFailoverCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(invokers.map((i) => i.calls.length)).toEqual([0, 1, 0]);
  });

  it("sticks to one provider with sticky=true while it is available", async () => {
    const invokers = providers(3, () => "ok", "&sticky=true");
    let turn = 0;
    const rotating: LoadBalance = { select: (list) => list[turn++ % list.length]! };
    const invoker = createFailoverCluster({ loadBalance: () => () => rotating }).join(
      directoryOf(invokers),
    );
    for (let i = 0; i < 4; i++) await invoker.invoke(call());
    expect(invokers.map((i) => i.calls.length)).toEqual([4, 0, 0]);
    invokers[0]!.available = false;
    await invoker.invoke(call());
    expect(invokers[0]!.calls).toHaveLength(4);
  });

  it("rejects an unknown loadbalance name", async () => {
    const invokers = providers(2, () => "ok", "&loadbalance=nope");
    await expect(
      createFailoverCluster().join(directoryOf(invokers)).invoke(call()),
    ).rejects.toThrow(/unknown loadbalance "nope"/);
  });
});

describe("failfast", () => {
  it.each(FRAMEWORK_CODES)("fails at once with code %s, naming the provider", async (code) => {
    const invokers = providers(3, failing(code));
    const error = (await createFailfastCluster(options)
      .join(directoryOf(invokers))
      .invoke(call())
      .catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(code);
    expect(error.message).toContain(
      "Failfast invoke provider 127.0.0.1:20001 for the method find in the service com.x.Svc:1.0.0 failed",
    );
    expect(totalCalls(invokers)).toBe(1);
  });

  it("passes business exceptions through", async () => {
    const invokers = providers(2, () => {
      throw new RpcError(Code.Biz, "no such brand", { javaClass: "com.jd.NotFound" });
    });
    const result = await createFailfastCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(result.exception).toMatchObject({ code: Code.Biz, javaClass: "com.jd.NotFound" });
  });
});

describe("failsafe", () => {
  it.each(FRAMEWORK_CODES)("swallows code %s and resolves empty", async (code) => {
    const invokers = providers(3, failing(code));
    const result = await createFailsafeCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(result).toEqual({ value: undefined, attachments: {} });
    expect(totalCalls(invokers)).toBe(1);
  });

  it("resolves empty without providers and keeps business exceptions", async () => {
    expect(await createFailsafeCluster(options).join(directoryOf([])).invoke(call())).toEqual({
      value: undefined,
      attachments: {},
    });
    const invokers = providers(1, () => {
      throw new Error("biz");
    });
    const result = await createFailsafeCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(result.exception?.code).toBe(Code.Biz);
  });
});

describe("failback", () => {
  it.each([Code.Serialization, Code.MethodNotFound])(
    "rejects at once with code %s and never retries it",
    async (code) => {
      vi.useFakeTimers();
      const invokers = providers(2, failing(code));
      const invoker = createFailbackCluster({ ...options, retryPeriodMs: 5000 }).join(
        directoryOf(invokers),
      );
      await expect(invoker.invoke(call())).rejects.toMatchObject({ code });
      for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(5000);
      expect(totalCalls(invokers)).toBe(1);
      await invoker.destroy();
    },
  );

  it.each(RETRIED_CODES)(
    "resolves empty on code %s and retries 3 times in the background",
    async (code) => {
      vi.useFakeTimers();
      const invokers = providers(2, failing(code));
      const invoker = createFailbackCluster({ ...options, retryPeriodMs: 5000 }).join(
        directoryOf(invokers),
      );
      expect(await invoker.invoke(call())).toEqual({ value: undefined, attachments: {} });
      expect(totalCalls(invokers)).toBe(1);
      for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(5000);
      expect(totalCalls(invokers)).toBe(4);
      await invoker.destroy();
    },
  );

  it("stops retrying after a success and honours retries", async () => {
    vi.useFakeTimers();
    const invokers = providers(
      1,
      (_inv, n) => {
        if (n < 3) throw new RpcError(Code.Network, "down");
        return "ok";
      },
      "&retries=5",
    );
    const invoker = createFailbackCluster(options).join(directoryOf(invokers));
    await invoker.invoke(call());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(invokers[0]!.calls).toHaveLength(3);
  });

  it("does not retry business exceptions, and destroy cancels pending retries", async () => {
    vi.useFakeTimers();
    const biz = providers(1, () => {
      throw new Error("biz");
    });
    const r = await createFailbackCluster(options).join(directoryOf(biz)).invoke(call());
    expect(r.exception?.code).toBe(Code.Biz);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(biz[0]!.calls).toHaveLength(1);

    const down = providers(1, failing(Code.Network));
    const invoker = createFailbackCluster(options).join(directoryOf(down));
    await invoker.invoke(call());
    await invoker.destroy();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(down[0]!.calls).toHaveLength(1);
  });

  it("drops calls beyond maxTasks pending retries", async () => {
    vi.useFakeTimers();
    const down = providers(1, failing(Code.Network));
    const invoker = createFailbackCluster({ ...options, maxTasks: 2 }).join(directoryOf(down));
    for (let i = 0; i < 5; i++) await invoker.invoke(call());
    await vi.advanceTimersByTimeAsync(5000);
    expect(down[0]!.calls).toHaveLength(5 + 2);
    await invoker.destroy();
  });
});

describe("forking", () => {
  it("calls `forks` providers in parallel and returns the first result", async () => {
    const invokers = providers(4, () => new Promise(() => {}));
    invokers[1]!.handler = () => "fast";
    const result = await createForkingCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(result.value).toBe("fast");
    expect(invokers.map((i) => i.calls.length)).toEqual([1, 1, 0, 0]);
  });

  it.each(FRAMEWORK_CODES)("rejects with code %s only when every fork failed", async (code) => {
    const invokers = providers(3, failing(code), "&forks=0");
    const error = (await createForkingCluster(options)
      .join(directoryOf(invokers))
      .invoke(call())
      .catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(code);
    expect(error.message).toContain("Failed to forking invoke provider");
    expect(totalCalls(invokers)).toBe(3);
  });

  it("succeeds if one fork succeeds while others fail", async () => {
    const invokers = providers(3, failing(Code.Timeout), "&forks=3");
    invokers[2]!.handler = async () => "late but fine";
    const result = await createForkingCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(result.value).toBe("late but fine");
  });
});

describe("broadcast", () => {
  it("calls every provider and returns the last result", async () => {
    const invokers = providers(3, (_inv) => "ok");
    invokers[2]!.handler = () => "last";
    const result = await createBroadcastCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(result.value).toBe("last");
    expect(invokers.map((i) => i.calls.length)).toEqual([1, 1, 1]);
  });

  it.each(FRAMEWORK_CODES)("calls all and then throws code %s when one failed", async (code) => {
    const invokers = providers(3, () => "ok");
    invokers[1]!.handler = failing(code);
    const error = (await createBroadcastCluster(options)
      .join(directoryOf(invokers))
      .invoke(call())
      .catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(code);
    expect(invokers.map((i) => i.calls.length)).toEqual([1, 1, 1]);
  });

  it("returns a business exception result and stops at broadcast.fail.percent", async () => {
    const invokers = providers(
      4,
      () => {
        throw new Error("biz");
      },
      "&broadcast.fail.percent=50",
    );
    const result = await createBroadcastCluster(options).join(directoryOf(invokers)).invoke(call());
    expect(result.exception?.code).toBe(Code.Biz);
    expect(invokers.map((i) => i.calls.length)).toEqual([1, 1, 0, 0]);
  });
});

describe("available", () => {
  it("calls the first available provider, NoInvoker when none is", async () => {
    const invokers = providers(3, () => "ok");
    invokers[0]!.available = false;
    const invoker = createAvailableCluster(options).join(directoryOf(invokers));
    await invoker.invoke(call());
    expect(invokers.map((i) => i.calls.length)).toEqual([0, 1, 0]);
    for (const i of invokers) i.available = false;
    await expect(invoker.invoke(call())).rejects.toMatchObject({ code: Code.NoInvoker });
  });
});

describe("selection and registry", () => {
  it("reselects among untried available providers, then the next index", () => {
    const [a, b, c] = providers(3, () => "ok");
    expect(selectInvoker(firstLb, call(), [a!, b!, c!], [a!])).toBe(b);
    b!.available = false;
    expect(selectInvoker(firstLb, call(), [a!, b!, c!], [a!])).toBe(c);
    c!.available = false;
    expect(selectInvoker(firstLb, call(), [a!, b!, c!], [a!])).toBe(a);
    a!.available = false;
    expect(selectInvoker(firstLb, call(), [a!, b!, c!], [a!])).toBe(b);
    expect(selectInvoker(firstLb, call(), [c!], [c!])).toBe(c);
  });

  it("finds strategies by their Java names", () => {
    expect(clusterNames()).toEqual([
      "failover",
      "failfast",
      "failsafe",
      "failback",
      "forking",
      "broadcast",
      "available",
    ]);
    expect(getClusterFactory("failover")).toBe(createFailoverCluster);
  });

  it("destroys the directory once and then refuses calls", async () => {
    const invokers = providers(2, () => "ok");
    const invoker = createFailoverCluster(options).join(directoryOf(invokers));
    expect(invoker.isAvailable()).toBe(true);
    await invoker.destroy();
    expect(invokers.every((i) => i.destroyed)).toBe(true);
    expect(invoker.isAvailable()).toBe(false);
    await expect(invoker.invoke(call())).rejects.toMatchObject({ code: Code.NoInvoker });
  });
});
