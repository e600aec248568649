/**
 * Triple interop with Java Dubbo 3.3 (interop/java, module dubbo33, started with
 * -Dinterop.protocol=tri) both ways through the shared ZooKeeper ensemble: the non-IDL
 * BrandService/TypeMatrixService contracts in the "hessian4" wrapper. One Java provider JVM
 * serves every Node-consumer test; the Java consumer runs its BrandService script once.
 */
import {
  type Application,
  Code,
  createApplication,
  type GenericService,
  RpcContext,
  type ServiceProxy,
  type ServiceUrl,
} from "@dubbo-ts/core";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { createTripleProtocol } from "@dubbo-ts/triple";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  buildJava,
  type JavaConsumerRun,
  type JavaProvider,
  runJavaConsumer,
  startJavaProvider,
} from "../java.js";
import { registryAddress } from "../node/apps.js";
import { matrixCases } from "../node/consumer.js";
import {
  BRAND_SERVICE_INTERFACE,
  BrandService,
  INTEROP_VERSION,
  TbBrand,
  TYPE_MATRIX_INTERFACE,
  TypeMatrixService,
} from "../node/contract.js";
import { BrandServiceImpl, TypeMatrixServiceImpl } from "../node/services.js";
import { rejection } from "./suite.js";
import { registeredUrls } from "./zookeeper.js";

const TRI = ["-Dinterop.protocol=tri"];
const javaRoot = "interop-33tri-java";
const nodeRoot = "interop-33tri-node";

/** A dubbo-ts application speaking only tri on loopback, on the given registry root. */
function triApp(zk: string, root: string, name: string, services = {}): Application {
  return createApplication({
    name,
    registry: { address: registryAddress(zk, root), cacheFile: false },
    protocol: { name: "tri", port: 0, host: "127.0.0.1", longs: "bigint" },
    plugins: { registry: createZookeeperRegistry, protocol: createTripleProtocol },
    shutdown: { timeout: 3000 },
    env: false,
    ...services,
  });
}

describe("Triple interop with Java Dubbo 3.3.6", () => {
  let zk: string;
  let javaProvider: JavaProvider;
  let nodeProvider: Application;
  let consumer: Application;
  let matrix: ServiceProxy<TypeMatrixService>;
  let brands: ServiceProxy<BrandService>;
  let generic: GenericService;

  beforeAll(async () => {
    zk = inject("zkConnect");
    buildJava();
    nodeProvider = triApp(zk, nodeRoot, "interop-node-tri-provider", {
      services: [new TypeMatrixServiceImpl("tri"), new BrandServiceImpl()],
    });
    [javaProvider] = await Promise.all([
      startJavaProvider({
        version: "3.3",
        registry: registryAddress(zk, javaRoot),
        shutdownWaitMs: 2000,
        jvmOptions: TRI,
      }),
      nodeProvider.start(),
    ]);
    consumer = triApp(zk, javaRoot, "interop-node-tri-consumer");
    const common = { version: INTEROP_VERSION, retries: 0, timeout: 5000 };
    matrix = consumer.reference(TypeMatrixService, {
      ...common,
      methods: { sleep: { timeout: 500, retries: 0 } },
    });
    brands = consumer.reference(BrandService, common);
    generic = consumer.generic({ ...common, interface: TYPE_MATRIX_INTERFACE });
    await consumer.start();
  }, 900_000);

  afterAll(async () => {
    await consumer?.close();
    await Promise.allSettled([nodeProvider?.close(), javaProvider?.stop()]);
  }, 60_000);

  describe("Node consumer → Java 3.3.6 tri provider", () => {
    it("finds the tri:// provider node Java registered and calls it", async () => {
      const [url] = (await registeredUrls(zk, javaRoot, TYPE_MATRIX_INTERFACE, "providers")).filter(
        (u) => u.port === javaProvider.port,
      );
      expect(url?.protocol).toBe("tri");
      expect(url?.getParameter("version")).toBe(INTEROP_VERSION);
      expect(await matrix.whoAmI()).toBe("java/3.3.6");
    });

    for (const c of matrixCases()) {
      it(`matrix.${c.name}`, async () => {
        expect(await c.call(matrix)).toEqual(c.expect);
      });
    }

    it("a business exception surfaces as Code.Biz with its class, message and code", async () => {
      const err = await rejection(matrix.fail("brand 42 is broken ✗", 42));
      expect(err.code).toBe(Code.Biz);
      expect(err.javaClass).toBe("com.jd.interop.BrandException");
      expect(err.rawMessage).toBe("brand 42 is broken ✗");
      expect((err.cause as { code?: unknown }).code).toBe(42);
    });

    it("a slow method fails with Code.Timeout (grpc-timeout)", async () => {
      const err = await rejection(matrix.sleep(1500));
      expect(err.code).toBe(Code.Timeout);
      expect(await matrix.sleep(10)).toBe("slept 10");
    });

    it("sends attachments as headers and reads response attachments from trailers", async () => {
      const token = `token-${Date.now()}`;
      const { returned, reply } = await RpcContext.withAttachments(
        { "interop.token": token },
        async (context) => ({
          returned: await matrix.echoAttachment("interop.token"),
          reply: context.responseAttachments["interop.reply"],
        }),
      );
      expect(returned).toBe(token);
      expect(reply).toBe(`reply:${token}`);
    });

    it("$echo and generic invoke", async () => {
      expect(await matrix.$echo("ping ✓")).toBe("ping ✓");
      expect(await generic.$invoke("add", ["int", "int"], [2, 3])).toBe(5);
      expect(await generic.$invoke("echoString", ["java.lang.String"], ["héllo"])).toBe("héllo");
    });

    it("runs the BrandService flow", async () => {
      const all = (await brands.findAll())!; // generated results are `| null`, as Java allows
      expect(all.slice(0, 2)).toEqual([TbBrand.of(1n, "联想", "L"), TbBrand.of(2n, "华为", "H")]);
      const name = `interop-tri-${Date.now().toString(36)}`;
      await brands.add(TbBrand.of(null, name, "T"));
      const found = (await brands.search(TbBrand.of(null, name, null), 1, 10))!;
      expect(found.total).toBe(1n);
      const id = found.rows![0]?.id as bigint;
      expect(await brands.findOne(id)).toEqual(TbBrand.of(id, name, "T"));
      await brands.update(TbBrand.of(id, `${name}-u`, "U"));
      expect(await brands.findOne(id)).toEqual(TbBrand.of(id, `${name}-u`, "U"));
      const duplicate = await rejection(brands.add(TbBrand.of(null, `${name}-u`, "U")));
      expect(duplicate.code).toBe(Code.Biz);
      expect(duplicate.javaClass).toBe("java.lang.IllegalArgumentException");
      await brands.delete([id]);
      expect(await brands.findOne(id)).toBeNull();
    });
  });

  describe("Java 3.3.6 tri consumer → Node tri provider", () => {
    let run: JavaConsumerRun;

    beforeAll(async () => {
      run = await runJavaConsumer({
        version: "3.3",
        registry: registryAddress(zk, nodeRoot),
        jvmOptions: TRI,
      });
    }, 240_000);

    it("makes every call of its script (type matrix, BrandService, generic, echo), all matching", () => {
      expect(run.fatal, run.stderr.slice(-3000)).toBeUndefined();
      expect(run.exit.code).toBe(0);
      expect(run.calls.filter((c) => !c.match)).toEqual([]);
      expect(run.done?.match).toBe(run.calls.length);
      expect(run.calls.length).toBeGreaterThanOrEqual(110);
      expect(run.byCall.get("matrix.whoAmI")?.value).toBe("node/tri");
      expect(run.byCall.get("matrix.echoLong:2^63-1")?.value).toBe("9223372036854775807");
      expect(run.byCall.get("brand.findOne:deleted")?.value).toBeNull();
    });

    it("gets the BrandException with its code, the timeout and attachments over tri", () => {
      expect(run.byCall.get("matrix.fail")?.error).toMatchObject({
        class: "com.jd.interop.BrandException",
        message: "brand 42 is broken ✗",
        code: 42,
      });
      expect(run.byCall.get("matrix.sleep:timeout")?.error?.rpcCode).toBe(2);
      const attachment = run.byCall.get("matrix.echoAttachment")?.value as {
        returned: string;
        replyAttachment: string;
      };
      expect(attachment.replyAttachment).toBe(`reply:${attachment.returned}`);
      expect(run.byCall.get("generic.matrix.noSuchMethod")?.ok).toBe(false);
    });

    it("registers tri:// with the parameter names a Java 3.3 tri provider writes", async () => {
      const ours = (
        await registeredUrls(zk, nodeRoot, BRAND_SERVICE_INTERFACE, "providers")
      )[0] as ServiceUrl;
      const java = (await registeredUrls(zk, javaRoot, BRAND_SERVICE_INTERFACE, "providers")).find(
        (u) => u.port === javaProvider.port,
      ) as ServiceUrl;
      expect(ours.protocol).toBe("tri");
      expect(java.protocol).toBe("tri");
      const keys = (u: ServiceUrl) => Object.keys(u.parameters).sort();
      // Every key we write, Java writes too, except the two core writes for every protocol as
      // Java 2.7 does (`anyhost`, `pid`). Java's extras are its own (logger, revision,
      // service-name-mapping for application-level discovery).
      expect(keys(ours).filter((k) => !keys(java).includes(k))).toEqual(["anyhost", "pid"]);
      for (const k of [
        "dubbo",
        "side",
        "interface",
        "methods",
        "version",
        "deprecated",
        "dynamic",
        "generic",
      ]) {
        expect(ours.getParameter(k), k).toBe(java.getParameter(k));
      }
      expect(java.getParameter("prefer.serialization")?.split(",")).toContain(
        ours.getParameter("prefer.serialization"),
      );
    });
  });
});
