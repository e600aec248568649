/**
 * The interop suite for one Java Dubbo line, run by java-<version>.test.ts on the shared ZooKeeper
 * ensemble. Two registry roots keep the directions apart: the Java provider and the Node consumer
 * meet under `/interop-<v>-java`, the Node providers and the Java consumer under
 * `/interop-<v>-node` (the `group` parameter of the registry address, honoured by Java and dubbo-ts).
 * One Java provider JVM serves every Node-consumer test; the Java consumer runs its whole script
 * once; the graceful-shutdown tests add one provider JVM and one looping consumer JVM.
 */
import {
  type Application,
  Code,
  type GenericService,
  RpcContext,
  RpcError,
  type ServiceProxy,
  type ServiceUrl,
} from "@dubbo-ts/core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  buildJava,
  JAVA_DUBBO,
  type JavaConsumerRun,
  type JavaDubboVersion,
  type JavaProvider,
  runJavaConsumer,
  startJavaProvider,
} from "../java.js";
import {
  createNodeConsumer,
  type NodeProvider,
  registryAddress,
  startNodeProvider,
} from "../node/apps.js";
import { brand1, LONG_MAX, MAX_SAFE_PLUS_2, matrixCases } from "../node/consumer.js";
import {
  BRAND_SERVICE_INTERFACE,
  BrandService,
  expectedPage,
  INTEROP_VERSION,
  TbBrand,
  TYPE_MATRIX_INTERFACE,
  TypeMatrixService,
} from "../node/contract.js";
import { TypeMatrixServiceImpl } from "../node/services.js";
import { registeredUrls, waitForUrls } from "./zookeeper.js";

/** The methods of TypeMatrixService, as Java lists them in `methods=` (sorted). */
export const MATRIX_METHODS = [
  "add",
  "describe",
  "echoAttachment",
  "echoBigDecimal",
  "echoBigInteger",
  "echoBoolean",
  "echoBrandList",
  "echoBrandMap",
  "echoDate",
  "echoDouble",
  "echoEnum",
  "echoInt",
  "echoIntArray",
  "echoInteger",
  "echoLocalDateTime",
  "echoLong",
  "echoLongBoxed",
  "echoObjectMap",
  "echoPage",
  "echoString",
  "echoStringArray",
  "echoTemporals",
  "fail",
  "failRuntime",
  "makePage",
  "returnEmptyString",
  "returnFalse",
  "returnNull",
  "returnZero",
  "sleep",
  "whoAmI",
].join(",");

/** The rejection of `call` (fails the test if it resolves). */
export async function rejection(call: Promise<unknown>): Promise<RpcError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) {
    throw new Error(`expected a rejection, got ${String(outcome.value)}`);
  }
  expect(outcome.error).toBeInstanceOf(RpcError);
  return outcome.error as RpcError;
}

/** Calls `fn` from `workers` loops until `stop()` resolves; counts calls and failures. */
export async function callInLoop(
  fn: () => Promise<unknown>,
  workers: number,
  stop: Promise<unknown>,
): Promise<{ calls: number; failures: unknown[] }> {
  let running = true;
  let calls = 0;
  const failures: unknown[] = [];
  const loop = async () => {
    while (running) {
      calls++;
      try {
        await fn();
      } catch (e) {
        failures.push(e);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  const loops = Array.from({ length: workers }, loop);
  await stop;
  running = false;
  await Promise.all(loops);
  return { calls, failures };
}

export interface SuiteOptions {
  /** Extra JVM options of the Java provider that serves the Node consumer. */
  providerJvmOptions?: string[];
  /** More tests, given the running peers (called inside the suite's describe). */
  extra?: (peers: () => SuitePeers) => void;
}

export interface SuitePeers {
  zk: string;
  javaRoot: string;
  nodeRoot: string;
  javaProvider: JavaProvider;
  nodeA: NodeProvider;
}

export function defineInteropSuite(version: JavaDubboVersion, options: SuiteOptions = {}): void {
  const release = JAVA_DUBBO[version].release;
  const tag = version.replace(".", "");
  const javaRoot = `interop-${tag}-java`;
  const nodeRoot = `interop-${tag}-node`;
  let zk: string;
  let javaProvider: JavaProvider;
  let nodeA: NodeProvider;
  let nodeB: NodeProvider;
  let consumer: Application;
  let numbers: Application;
  let matrix: ServiceProxy<TypeMatrixService>;
  let matrixNumbers: ServiceProxy<TypeMatrixService>;
  let brands: ServiceProxy<BrandService>;
  let generic: GenericService;
  let genericBrand: GenericService;

  beforeAll(async () => {
    zk = inject("zkConnect");
    // The Maven build runs here, inside the test run: a fresh machine downloads the Dubbo
    // artifacts now (several minutes at worst); a missing java/mvn fails with the reason.
    buildJava();
    [javaProvider, nodeA, nodeB] = await Promise.all([
      startJavaProvider({
        version,
        registry: registryAddress(zk, javaRoot),
        shutdownWaitMs: 2000,
        jvmOptions: options.providerJvmOptions ?? [],
      }),
      startNodeProvider({ registry: registryAddress(zk, nodeRoot), name: "a" }),
      // Only the type matrix: BrandService keeps state, so the Java flow must meet one provider.
      startNodeProvider({
        registry: registryAddress(zk, nodeRoot),
        name: "b",
        application: "interop-node-provider-b",
        services: [new TypeMatrixServiceImpl("b")],
      }),
    ]);
    consumer = createNodeConsumer({ registry: registryAddress(zk, javaRoot) });
    const common = { version: INTEROP_VERSION, retries: 0, timeout: 5000 };
    matrix = consumer.reference(TypeMatrixService, {
      ...common,
      methods: { sleep: { timeout: 500, retries: 0 } },
    });
    brands = consumer.reference(BrandService, common);
    generic = consumer.generic({ ...common, interface: TYPE_MATRIX_INTERFACE });
    genericBrand = consumer.generic({ ...common, interface: BRAND_SERVICE_INTERFACE });
    numbers = createNodeConsumer({
      registry: registryAddress(zk, javaRoot),
      application: "interop-node-consumer-numbers",
      longs: "number",
    });
    matrixNumbers = numbers.reference(TypeMatrixService, common);
    await Promise.all([consumer.start(), numbers.start()]);
  }, 900_000);

  afterAll(async () => {
    await Promise.allSettled([consumer?.close(), numbers?.close()]);
    await Promise.allSettled([nodeA?.close(), nodeB?.close(), javaProvider?.stop()]);
  }, 60_000);

  describe(`Node consumer → Java ${release} provider`, () => {
    it("reads the provider node Java registered", async () => {
      const [url] = (await registeredUrls(zk, javaRoot, TYPE_MATRIX_INTERFACE, "providers")).filter(
        (u) => u.port === javaProvider.port,
      );
      expect(url).toBeDefined();
      const u = url as ServiceUrl;
      expect(u.protocol).toBe("dubbo");
      expect(u.host).toBe("127.0.0.1");
      expect(u.path).toBe(TYPE_MATRIX_INTERFACE);
      expect(u.getParameter("interface")).toBe(TYPE_MATRIX_INTERFACE);
      expect(u.getParameter("version")).toBe(INTEROP_VERSION);
      expect(u.getParameter("side")).toBe("provider");
      expect(u.getParameter("methods")?.split(",").sort().join(",")).toBe(MATRIX_METHODS);
      expect(u.getParameter("dubbo")).toBe("2.0.2");
      // com.alibaba 2.6 writes no `release` (and its `methods` unsorted); Apache adds it.
      expect(u.getParameter("release")).toBe(version === "2.6" ? undefined : release);
      // The consumer found it there: its first call answers.
      expect(await matrix.whoAmI()).toBe(`java/${release}`);
    });

    for (const c of matrixCases()) {
      it(`matrix.${c.name}`, async () => {
        expect(await c.call(matrix)).toEqual(c.expect);
      });
    }

    it("keeps a hessian back-reference as one object (echoBrandList [b1, b2, b1])", async () => {
      const b1 = brand1();
      const list = (await matrix.echoBrandList([b1, TbBrand.of(2n, "x", "X"), b1])) as TbBrand[];
      expect(list[0]).toBe(list[2]);
    });

    it('with longs: "number", a safe long is a number and 2^53+1 is a Serialization error', async () => {
      expect(await matrixNumbers.echoLong(9007199254740991)).toBe(9007199254740991);
      expect(await matrixNumbers.echoLongBoxed(42)).toBe(42);
      const err = await rejection(matrixNumbers.echoLong(MAX_SAFE_PLUS_2));
      expect(err.code).toBe(Code.Serialization);
      expect(err.message).toContain("9007199254740993");
    });

    it("a slow method fails with Code.Timeout after the method timeout", async () => {
      const err = await rejection(matrix.sleep(1500));
      expect(err.code).toBe(Code.Timeout);
      expect(await matrix.sleep(10)).toBe("slept 10"); // the connection is still good
    });

    it("the checked BrandException surfaces as Code.Biz with its class, message and code", async () => {
      const err = await rejection(matrix.fail("brand 42 is broken ✗", 42));
      expect(err.code).toBe(Code.Biz);
      expect(err.javaClass).toBe("com.jd.interop.BrandException");
      expect(err.rawMessage).toBe("brand 42 is broken ✗");
      expect((err.cause as { code?: unknown }).code).toBe(42);
    });

    it("a RuntimeException surfaces as Code.Biz with its class and message", async () => {
      const err = await rejection(matrix.failRuntime("bad state"));
      expect(err.code).toBe(Code.Biz);
      expect(err.javaClass).toBe("java.lang.IllegalStateException");
      expect(err.rawMessage).toBe("bad state");
    });

    it("sends request attachments and receives response attachments", async () => {
      const token = `token-${Date.now()}-ü`;
      const { returned, reply } = await RpcContext.withAttachments(
        { "interop.token": token },
        async (context) => ({
          returned: await matrix.echoAttachment("interop.token"),
          reply: context.responseAttachments["interop.reply"],
        }),
      );
      expect(returned).toBe(token);
      expect(reply).toBe(`reply:${token}`);
      const absent = await RpcContext.withAttachments({}, async (context) => ({
        returned: await matrix.echoAttachment("interop.absent"),
        reply: context.responseAttachments["interop.reply"],
      }));
      expect(absent).toEqual({ returned: null, reply: "reply:null" });
    });

    it("$echo answers through the proxy", async () => {
      expect(await matrix.$echo("ping ✓")).toBe("ping ✓");
      expect(await matrix.$echo(42)).toBe(42);
      expect(await matrix.$echo(null)).toBeNull();
      expect(await matrix.$echo(TbBrand.of(3n, "三星", "S"))).toEqual(TbBrand.of(3n, "三星", "S"));
    });

    it("generic invoke without a local contract", async () => {
      expect(await generic.$invoke("echoString", ["java.lang.String"], ["héllo 😀"])).toBe(
        "héllo 😀",
      );
      expect(await generic.$invoke("add", ["int", "int"], [2, 3])).toBe(5);
      expect(await generic.$invoke("echoLong", ["long"], [LONG_MAX])).toBe(LONG_MAX);
      expect(await generic.$invoke("describe", ["long", "java.lang.Integer"], [7n, null])).toBe(
        "7:null",
      );
      const page = (await generic.$invoke("makePage", ["int", "int"], [2, 5])) as Record<
        string,
        unknown
      >;
      const want = expectedPage(2, 5);
      expect(page).toEqual({
        class: "com.jd.interop.Page",
        total: want.total,
        pageNum: 2,
        pageSize: 5,
        items: (want.items ?? []).map((b) => ({ class: "com.jd.pojo.TbBrand", ...b })),
      });
      const list = await generic.$invoke(
        "echoBrandList",
        ["java.util.List"],
        [[{ id: 11n, name: "generic 品牌", firstChar: "G" }]],
      );
      expect(list).toEqual([
        { class: "com.jd.pojo.TbBrand", id: 11n, name: "generic 品牌", firstChar: "G" },
      ]);
      const failed = await rejection(
        generic.$invoke("fail", ["java.lang.String", "int"], ["generic boom", 7]),
      );
      expect(failed.code).toBe(Code.Biz);
      expect(failed.rawMessage).toContain("generic boom");
      const unknown = await rejection(generic.$invoke("noSuchMethod", [], []));
      expect(unknown.message).toContain("noSuchMethod");
      expect(Array.isArray(await genericBrand.$invoke("findAll", [], []))).toBe(true);
    });

    it("runs the BrandService flow", async () => {
      const all = (await brands.findAll())!; // generated results are `| null`, as Java allows
      expect(all.slice(0, 2)).toEqual([TbBrand.of(1n, "联想", "L"), TbBrand.of(2n, "华为", "H")]);
      const first = (await brands.findPage(1, 3))!;
      expect(first.rows).toHaveLength(3);
      expect(first.total).toBe(BigInt(all.length));
      const name = `interop-node-${Date.now().toString(36)}`;
      await brands.add(TbBrand.of(null, name, "I"));
      const found = (await brands.search(TbBrand.of(null, name, null), 1, 10))!;
      expect(found.total).toBe(1n);
      const id = found.rows![0]?.id as bigint;
      expect(typeof id).toBe("bigint");
      const byLetter = (await brands.search(TbBrand.of(null, null, "I"), 1, 100))!;
      expect(byLetter.rows!.every((b) => b.firstChar === "I")).toBe(true);
      expect(await brands.findOne(id)).toEqual(TbBrand.of(id, name, "I"));
      await brands.update(TbBrand.of(id, `${name}-u`, "J"));
      expect(await brands.findOne(id)).toEqual(TbBrand.of(id, `${name}-u`, "J"));
      const duplicate = await rejection(brands.add(TbBrand.of(null, `${name}-u`, "J")));
      expect(duplicate.code).toBe(Code.Biz);
      expect(duplicate.javaClass).toBe("java.lang.IllegalArgumentException");
      const empty = await rejection(brands.add(TbBrand.of(null, "", "E")));
      expect(empty.code).toBe(Code.Biz);
      await brands.delete([id]);
      expect(await brands.findOne(id)).toBeNull();
    });
  });

  describe(`Java ${release} consumer → Node provider`, () => {
    let run: JavaConsumerRun;

    beforeAll(async () => {
      run = await runJavaConsumer({ version, registry: registryAddress(zk, nodeRoot) });
    }, 240_000);

    it("makes every call of its script, all matching", () => {
      const mismatches = run.calls.filter((c) => !c.match);
      expect(run.fatal, run.stderr.slice(-3000)).toBeUndefined();
      expect(run.exit.code).toBe(0);
      expect(mismatches).toEqual([]);
      expect(run.done?.calls).toBe(run.calls.length);
      expect(run.done?.match).toBe(run.calls.length);
      expect(run.calls.length).toBeGreaterThanOrEqual(110);
    });

    it("got the values Java expects (spot checks)", () => {
      const value = (name: string) => {
        const call = run.byCall.get(name);
        expect(call, name).toBeDefined();
        return call?.value;
      };
      expect(value("matrix.whoAmI")).toMatch(/^node\/[ab]$/);
      expect(value("matrix.echoLong:2^63-1")).toBe("9223372036854775807");
      expect(value("matrix.echoLong:-(2^53+1)")).toBe("-9007199254740993");
      expect(value("matrix.echoBigDecimal:123.4500")).toBe("123.4500");
      expect(value("matrix.echoDate:millis")).toBe("2024-02-29T12:34:56.789Z");
      expect(value("matrix.echoEnum:GREEN")).toBe("GREEN");
      expect(value("matrix.echoBigInteger:9223372036854775808")).toBe("9223372036854775808");
      expect(value("matrix.echoLocalDateTime")).toBe("2024-02-29T23:59:59.123456789");
      expect(value("matrix.echoTemporals")).toEqual({
        big: "18446744073709551616",
        date: "2024-05-01",
        dateTime: "2024-02-29T23:59:59.001",
        decimal: "123.4500",
        duration: "PT-1M-29.5S",
        instant: "1969-12-31T23:59:59.000000001Z",
        time: "10:15:30.123456789",
      });
      expect(value("matrix.echoString:emoji")).toBe("😀👍🏽🇨🇳");
      expect(value("matrix.makePage:5,5")).toEqual({
        items: [
          { firstChar: "B", id: "21", name: "Brand 21" },
          { firstChar: "B", id: "22", name: "Brand 22" },
          { firstChar: "B", id: "23", name: "Brand 23" },
        ],
        pageNum: 5,
        pageSize: 5,
        total: "23",
      });
      expect(value("echo:brand")).toEqual({ firstChar: "S", id: "3", name: "三星" });
      expect(value("generic.matrix.echoLong:2^63-1")).toBe("9223372036854775807");
      expect(value("brand.findOne:deleted")).toBeNull();
    });

    it("gets the BrandException with its code, the timeout, attachments and generic errors", () => {
      const fail = run.byCall.get("matrix.fail");
      expect(fail?.error).toMatchObject({
        class: "com.jd.interop.BrandException",
        message: "brand 42 is broken ✗",
        code: 42,
      });
      expect(run.byCall.get("matrix.failRuntime")?.error?.class).toBe(
        "java.lang.IllegalStateException",
      );
      expect(run.byCall.get("matrix.sleep:timeout")?.error?.rpcCode).toBe(2);
      const attachment = run.byCall.get("matrix.echoAttachment")?.value as {
        returned: string;
        replyAttachment: string;
      };
      expect(attachment.replyAttachment).toBe(`reply:${attachment.returned}`);
      expect(attachment.returned).toMatch(/^token-.*-ü$/);
      expect(run.byCall.get("generic.matrix.fail")?.ok).toBe(false);
      expect(run.byCall.get("generic.matrix.noSuchMethod")?.ok).toBe(false);
    });

    it("found the Node provider from the node we registered", async () => {
      const urls = await registeredUrls(zk, nodeRoot, TYPE_MATRIX_INTERFACE, "providers");
      const ours = urls.find((u) => u.port === nodeA.port);
      expect(ours?.host).toBe("127.0.0.1");
      expect(ours?.getParameter("dubbo")).toBe("2.0.2");
      expect(ours?.getParameter("version")).toBe(INTEROP_VERSION);
      expect(ours?.getParameter("methods")?.split(",").sort().join(",")).toBe(MATRIX_METHODS);
      // Java called both Node providers it found there.
      expect(nodeA.served()).toBeGreaterThan(0);
      expect(nodeB.served()).toBeGreaterThan(0);
    });
  });

  options.extra?.(() => ({ zk, javaRoot, nodeRoot, javaProvider, nodeA }));

  describe("graceful shutdown", () => {
    it(`SIGTERM of a Java ${release} provider while the Node consumer calls in a loop: no failed call`, async () => {
      const second = await startJavaProvider({
        version,
        registry: registryAddress(zk, javaRoot),
        services: ["matrix"],
        shutdownWaitMs: 2000,
        application: `interop-java-provider-${tag}-second`,
      });
      let stopped: Awaited<ReturnType<JavaProvider["stop"]>> | undefined;
      try {
        await waitForUrls(zk, javaRoot, TYPE_MATRIX_INTERFACE, "providers", (u) =>
          u.some((x) => x.port === second.port),
        );
        const stop = (async () => {
          await new Promise((r) => setTimeout(r, 1500));
          stopped = await second.stop("SIGTERM");
          await new Promise((r) => setTimeout(r, 1000));
        })();
        const { calls, failures } = await callInLoop(() => matrix.echoInt(7), 4, stop);
        expect(failures.map(String)).toEqual([]);
        expect(calls).toBeGreaterThan(50);
        expect(stopped?.code).toBe(0);
        const left = await registeredUrls(zk, javaRoot, TYPE_MATRIX_INTERFACE, "providers");
        expect(left.map((u) => u.port)).toEqual([javaProvider.port]);
      } finally {
        await second.stop("SIGKILL");
      }
    }, 120_000);

    it(`close() of a Node provider while the Java ${release} consumer calls in a loop: no failed call`, async () => {
      const before = { a: nodeA.served(), b: nodeB.served() };
      const looping = runJavaConsumer({
        version,
        registry: registryAddress(zk, nodeRoot),
        services: ["matrix"],
        application: `interop-java-loop-${tag}`,
        jvmOptions: ["-Dinterop.loop.ms=6000"],
      });
      // Java's consumer node, read by our side while it runs.
      const consumers = await waitForUrls(zk, nodeRoot, TYPE_MATRIX_INTERFACE, "consumers", (u) =>
        u.some((x) => x.getParameter("application") === `interop-java-loop-${tag}`),
      );
      const javaConsumer = consumers.find(
        (x) => x.getParameter("application") === `interop-java-loop-${tag}`,
      ) as ServiceUrl;
      expect(javaConsumer.protocol).toBe("consumer");
      expect(javaConsumer.getParameter("side")).toBe("consumer");
      expect(javaConsumer.getParameter("interface")).toBe(TYPE_MATRIX_INTERFACE);
      // Both Node providers are answering the loop: now close one.
      const deadline = Date.now() + 60_000;
      while (
        (nodeA.served() - before.a < 50 || nodeB.served() - before.b < 50) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await nodeB.close();
      const run = await looping;
      const line = run.stdout.split("\n").find((l) => l.startsWith('{"loop"'));
      expect(line, run.stderr.slice(-3000)).toBeDefined();
      const summary = JSON.parse(line as string) as {
        calls: number;
        failures: number;
        answers: Record<string, number>;
        errors: string[];
      };
      expect(summary.errors).toEqual([]);
      expect(summary.failures).toBe(0);
      // Each had served at least 50 of the loop's calls when B was closed (B may serve no more).
      expect(summary.answers["node/a"]).toBeGreaterThanOrEqual(50);
      expect(summary.answers["node/b"]).toBeGreaterThanOrEqual(50);
      const left = await registeredUrls(zk, nodeRoot, TYPE_MATRIX_INTERFACE, "providers");
      expect(left.map((u) => u.port)).toEqual([nodeA.port]);
    }, 120_000);
  });
}
