import { describe, expect, it } from "vitest";
import { createInvocation, type Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import type { LoadBalance } from "../load-balance.js";
import { beginCount, endCount } from "../rpc-status.js";
import { createFakeInvoker } from "../testing/fake-invoker.js";
import { seededRandom } from "../testing/seeded-random.js";
import { createConsistentHashLoadBalance } from "./consistent-hash.js";
import { getLoadBalanceFactory, loadBalanceNames, registerLoadBalance } from "./extensions.js";
import { createLeastActiveLoadBalance } from "./least-active.js";
import { createRandomLoadBalance } from "./random.js";
import { createRoundRobinLoadBalance } from "./round-robin.js";
import { createShortestResponseLoadBalance } from "./shortest-response.js";
import { getWeight, warmupWeight } from "./weight.js";

const NOW = 1_700_000_000_000;
const inv = (args: unknown[] = [], methodName = "sayHello"): Invocation =>
  createInvocation({ serviceName: "com.x.Svc", methodName, parameterTypes: [], args });
const provider = (port: number, params = "") =>
  createFakeInvoker(`dubbo://127.0.0.1:${port}/com.x.Svc?interface=com.x.Svc${params}`);

function histogram(lb: LoadBalance, invokers: Invoker[], n: number, invocation = inv()) {
  const counts = new Map<Invoker, number>(invokers.map((i) => [i, 0]));
  for (let k = 0; k < n; k++) {
    const chosen = lb.select(invokers, invocation);
    counts.set(chosen, counts.get(chosen)! + 1);
  }
  return invokers.map((i) => counts.get(i)! / n);
}

describe("weights and warm-up", () => {
  it("reads method-level weight before service-level, default 100", () => {
    const a = provider(1, "&weight=50&sayHello.weight=7");
    expect(getWeight(a, inv(), NOW)).toBe(7);
    expect(getWeight(a, inv([], "other"), NOW)).toBe(50);
    expect(getWeight(provider(2), inv(), NOW)).toBe(100);
  });

  it("ramps the weight up from the provider's timestamp during warm-up", () => {
    const young = provider(1, `&timestamp=${NOW - 60_000}`);
    expect(getWeight(young, inv(), NOW)).toBe(10);
    const custom = provider(2, `&timestamp=${NOW - 1_000}&warmup=10000&weight=200`);
    expect(getWeight(custom, inv(), NOW)).toBe(20);
    expect(getWeight(provider(3, `&timestamp=${NOW - 700_000}`), inv(), NOW)).toBe(100);
    expect(getWeight(provider(4, `&timestamp=${NOW + 5_000}`), inv(), NOW)).toBe(1);
    expect(getWeight(provider(5, `&timestamp=${NOW - 1}`), inv(), NOW)).toBe(1);
    expect(warmupWeight(599_999, 600_000, 100)).toBe(99);
  });
});

describe("random", () => {
  it("is uniform when no provider has a weight or timestamp", () => {
    const invokers = [provider(1), provider(2), provider(3), provider(4)];
    const lb = createRandomLoadBalance({ random: seededRandom(1) });
    for (const share of histogram(lb, invokers, 40_000)) expect(share).toBeCloseTo(0.25, 1);
  });

  it("follows the weights", () => {
    const invokers = [
      provider(1, "&weight=100"),
      provider(2, "&weight=200"),
      provider(3, "&weight=300"),
      provider(4, "&weight=0"),
      provider(5, "&weight=400"),
    ];
    const lb = createRandomLoadBalance({ random: seededRandom(42), now: () => NOW });
    const shares = histogram(lb, invokers, 100_000);
    const expected = [0.1, 0.2, 0.3, 0, 0.4];
    shares.forEach((s, i) => {
      expect(Math.abs(s - expected[i]!)).toBeLessThan(0.01);
    });
  });

  it("gives a warming-up provider its reduced share", () => {
    const invokers = [provider(1, `&timestamp=${NOW - 60_000}`), provider(2)];
    const lb = createRandomLoadBalance({ random: seededRandom(7), now: () => NOW });
    const [young] = histogram(lb, invokers, 50_000);
    expect(Math.abs(young! - 10 / 110)).toBeLessThan(0.01);
  });
});

describe("roundrobin", () => {
  it("produces the smooth weighted sequence exactly", () => {
    const a = provider(1, "&weight=5");
    const b = provider(2, "&weight=1");
    const c = provider(3, "&weight=1");
    const names = new Map<Invoker, string>([
      [a, "a"],
      [b, "b"],
      [c, "c"],
    ]);
    const lb = createRoundRobinLoadBalance({ now: () => NOW });
    const seq = Array.from({ length: 14 }, () => names.get(lb.select([a, b, c], inv())));
    expect(seq.join("")).toBe("aabacaaaabacaa");
  });

  it("alternates equal weights and keeps state per method", () => {
    const a = provider(1);
    const b = provider(2);
    const lb = createRoundRobinLoadBalance({ now: () => NOW });
    expect([lb.select([a, b], inv()), lb.select([a, b], inv()), lb.select([a, b], inv())]).toEqual([
      a,
      b,
      a,
    ]);
    expect(lb.select([a, b], inv([], "other"))).toBe(a);
  });

  it("restarts a provider's turn when its weight changes", () => {
    const lb = createRoundRobinLoadBalance({ now: () => NOW });
    const a = provider(1, "&weight=1");
    const b = provider(2, "&weight=1");
    lb.select([a, b], inv());
    const heavier = provider(2, "&weight=3");
    const seq = Array.from({ length: 4 }, () => lb.select([a, heavier], inv()));
    expect(seq.filter((x) => x === heavier)).toHaveLength(3);
  });
});

describe("leastactive", () => {
  it("picks the provider with the fewest in-flight calls for the method", () => {
    const [a, b, c] = [provider(1), provider(2), provider(3)];
    beginCount(a, "sayHello");
    beginCount(a, "sayHello");
    beginCount(c, "sayHello");
    const lb = createLeastActiveLoadBalance({ random: seededRandom(3) });
    for (let k = 0; k < 100; k++) expect(lb.select([a, b, c], inv())).toBe(b);
    endCount(a, "sayHello", 5, true);
    endCount(a, "sayHello", 5, true);
    const shares = histogram(lb, [a, b, c], 20_000);
    expect(shares[2]).toBe(0);
    expect(shares[0]).toBeCloseTo(0.5, 1);
  });

  it("breaks ties by weight", () => {
    const a = provider(1, "&weight=100");
    const b = provider(2, "&weight=300");
    const lb = createLeastActiveLoadBalance({ random: seededRandom(9), now: () => NOW });
    const [shareA] = histogram(lb, [a, b], 40_000);
    expect(Math.abs(shareA! - 0.25)).toBeLessThan(0.01);
  });
});

describe("shortestresponse", () => {
  it("prefers the provider whose recent successful calls were fastest", () => {
    const fast = provider(1);
    const slow = provider(2);
    for (let k = 0; k < 10; k++) {
      beginCount(fast, "sayHello");
      endCount(fast, "sayHello", 5, true);
      beginCount(slow, "sayHello");
      endCount(slow, "sayHello", 80, true);
    }
    const lb = createShortestResponseLoadBalance({ random: seededRandom(5), now: () => NOW });
    for (let k = 0; k < 50; k++) expect(lb.select([slow, fast], inv())).toBe(fast);
    for (let k = 0; k < 20; k++) beginCount(fast, "sayHello");
    expect(lb.select([slow, fast], inv())).toBe(slow);
  });

  it("forgets statistics older than the slide period", () => {
    let t = NOW;
    const a = provider(1);
    const b = provider(2);
    beginCount(a, "m");
    endCount(a, "m", 500, true);
    beginCount(b, "m");
    endCount(b, "m", 10, true);
    const lb = createShortestResponseLoadBalance({
      random: seededRandom(1),
      now: () => t,
      slidePeriodMs: 1000,
    });
    expect(lb.select([a, b], inv([], "m"))).toBe(b);
    t += 2000;
    lb.select([a, b], inv([], "m"));
    beginCount(a, "m");
    endCount(a, "m", 50, true);
    beginCount(b, "m");
    endCount(b, "m", 100, true);
    // Over all time a averages 275 ms and b 55 ms; in the new window a is faster.
    expect(lb.select([a, b], inv([], "m"))).toBe(a);
  });
});

describe("consistenthash", () => {
  const keys = Array.from({ length: 3000 }, (_, i) => `user-${i}`);
  const mapping = (lb: LoadBalance, invokers: Invoker[]) =>
    keys.map((k) => lb.select(invokers, inv([k, "ignored"])));

  it("sends the same argument to the same provider and spreads keys", () => {
    const invokers = [provider(20001), provider(20002), provider(20003)];
    const lb = createConsistentHashLoadBalance();
    const first = mapping(lb, invokers);
    expect(mapping(lb, invokers)).toEqual(first);
    for (const i of invokers) {
      const share = first.filter((x) => x === i).length / keys.length;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.47);
    }
  });

  it("moves only the keys of an added or removed provider", () => {
    const [a, b, c, d] = [provider(20001), provider(20002), provider(20003), provider(20004)];
    const lb = createConsistentHashLoadBalance();
    const before = mapping(lb, [a, b, c]);
    const added = mapping(lb, [a, b, c, d]);
    let moved = 0;
    added.forEach((x, i) => {
      if (x !== before[i]) {
        moved++;
        expect(x).toBe(d);
      }
    });
    expect(moved / keys.length).toBeGreaterThan(0.1);
    expect(moved / keys.length).toBeLessThan(0.4);
    const removed = mapping(lb, [a, c]);
    before.forEach((x, i) => {
      if (x !== b) expect(removed[i]).toBe(x);
    });
  });

  it("hashes the arguments named by hash.arguments", () => {
    const invokers = [provider(1, "&hash.arguments=1"), provider(2), provider(3)];
    const lb = createConsistentHashLoadBalance();
    const byFirst = new Set(keys.slice(0, 200).map((k) => lb.select(invokers, inv([k, "same"]))));
    expect(byFirst.size).toBe(1);
    const bySecond = new Set(keys.slice(0, 200).map((k) => lb.select(invokers, inv(["x", k]))));
    expect(bySecond.size).toBe(3);
  });
});

describe("registry of balancers", () => {
  it("finds built-ins by their Java names and accepts new ones", () => {
    expect(loadBalanceNames()).toEqual([
      "random",
      "roundrobin",
      "leastactive",
      "consistenthash",
      "shortestresponse",
    ]);
    const first: LoadBalance = { select: (invokers) => invokers[0]! };
    registerLoadBalance("first", () => first);
    expect(getLoadBalanceFactory("first")?.()).toBe(first);
    expect(getLoadBalanceFactory("nope")).toBeUndefined();
  });
});
