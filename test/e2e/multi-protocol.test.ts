import { randomUUID } from "node:crypto";
import {
  type Application,
  createApplication,
  JavaClass,
  JavaField,
  JavaInterface,
  JavaMethod,
  Param,
  RpcContext,
  Service,
} from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { createTripleProtocol } from "@dubbo-ts/triple";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

@JavaClass("com.jd.pojo.TbBrand")
class TbBrand {
  @JavaField("java.lang.Long") id!: number;
  @JavaField() name!: string;
}

const contractOnly = (): never => {
  throw new Error("contract only");
};

@JavaInterface("com.jd.sellergoods.service.BrandService")
abstract class BrandService {
  @JavaMethod({ returns: "com.jd.pojo.TbBrand" })
  findOne(@Param("java.lang.Long") _id: number): Promise<TbBrand | null> {
    return contractOnly();
  }
  @JavaMethod({ returns: "int" })
  count(@Param("int") _a: number, @Param("int[]") _more: number[]): Promise<number> {
    return contractOnly();
  }
  @JavaMethod()
  whoAmI(): Promise<string> {
    return contractOnly();
  }
  @JavaMethod({ returns: "boolean" })
  hasSignal(): Promise<boolean> {
    return contractOnly();
  }
}

@Service({ version: "1.0.0" })
class BrandServiceImpl extends BrandService {
  override async findOne(id: number) {
    return id === 1 ? Object.assign(new TbBrand(), { id, name: "联想" }) : null;
  }
  override async count(a: number, more: number[]) {
    return a + more.length;
  }
  override async whoAmI() {
    return "node-tri";
  }
  /** Whether the protocol gave the call an AbortSignal (tri does; dubbo:// has no cancel). */
  override async hasSignal() {
    return RpcContext.server()?.signal !== undefined;
  }
}

const zk = inject("zkConnect");
const apps: Application[] = [];

function app(options: Parameters<typeof createApplication>[0]): Application {
  const a = createApplication({
    registry: { address: `zookeeper://${zk}`, cacheFile: false },
    env: false,
    ...options,
  });
  apps.push(a);
  return a;
}

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close({ timeoutMs: 1000 })));
});

// One application exporting BrandService over dubbo:// and tri:// through ZooKeeper; consumers
// pick providers by the protocols they have plugins for, or by their `protocol` option.
describe("one application, two protocols", () => {
  const group = `g${randomUUID().slice(0, 8)}`;
  let provider: Application;

  beforeAll(async () => {
    provider = app({
      name: "multi-provider",
      protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
      protocols: { tri: { port: 0 } },
      services: [{ implementation: new BrandServiceImpl(), protocol: "dubbo,tri", group }],
      plugins: {
        registry: createZookeeperRegistry,
        protocol: { dubbo: createDubboProtocol, tri: createTripleProtocol },
      },
    });
    await provider.start();
  });

  it("registers one URL per protocol", () => {
    const urls = provider.exported;
    expect(urls.map((u) => u.protocol).sort()).toEqual(["dubbo", "tri"]);
    const tri = urls.find((u) => u.protocol === "tri")!;
    const dubbo = urls.find((u) => u.protocol === "dubbo")!;
    expect(tri.port).not.toBe(dubbo.port);
    expect(tri.path).toBe("com.jd.sellergoods.service.BrandService");
    expect(tri.getParameter("prefer.serialization")).toBe("hessian2");
    expect(dubbo.getParameter("serialization")).toBe("hessian2");
  });

  it("a consumer with only the tri plugin calls the tri provider", async () => {
    const consumer = app({
      name: "tri-only-consumer",
      protocol: { name: "tri", port: 0 },
      plugins: { registry: createZookeeperRegistry, protocol: createTripleProtocol },
    });
    const brands = consumer.reference(BrandService, { version: "1.0.0", group, timeout: 5000 });
    await consumer.start();
    expect(await brands.whoAmI()).toBe("node-tri");
    expect(await brands.findOne(1)).toMatchObject({ name: "联想" });
  });

  it("a consumer with both plugins and protocol: 'tri' uses only tri providers", async () => {
    const consumer = app({
      name: "both-consumer",
      protocol: { name: "dubbo", port: 0 },
      plugins: {
        registry: createZookeeperRegistry,
        protocol: [createDubboProtocol, createTripleProtocol],
      },
    });
    const tri = consumer.reference(BrandService, { version: "1.0.0", group, protocol: "tri" });
    const any = consumer.reference(BrandService, { version: "1.0.0", group, timeout: 5000 });
    await consumer.start();
    expect(await tri.count(1, [2])).toBe(2);
    expect(await any.count(5, [])).toBe(5);
    // RpcContext.server().signal: the tri call's, none over dubbo://.
    const dubbo = consumer.reference(BrandService, { version: "1.0.0", group, protocol: "dubbo" });
    expect(await tri.hasSignal()).toBe(true);
    expect(await dubbo.hasSignal()).toBe(false);
    const handle = consumer as unknown as { protocol: { protocols?: Map<string, unknown> } };
    expect([...(handle.protocol.protocols?.keys() ?? [])].sort()).toEqual(["dubbo", "tri"]);
  });
});
