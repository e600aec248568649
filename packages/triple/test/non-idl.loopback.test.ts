import { type Application, Code, createApplication, RpcContext, RpcError } from "@dubbo-ts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTripleProtocol } from "../src/index.js";
import { BrandService, BrandServiceImpl, TbBrand } from "./brand-contract.js";

// A Java-interface contract served and called over tri:// by two dubbo-ts applications.
describe("non-IDL services over Triple (hessian4 wrapper)", () => {
  let provider: Application;
  let consumer: Application;
  let brands: BrandService;

  beforeAll(async () => {
    provider = createApplication({
      name: "tri-provider",
      env: false,
      registry: false,
      protocol: { name: "tri", port: 0, host: "127.0.0.1" },
      services: [new BrandServiceImpl()],
      plugins: { protocol: createTripleProtocol },
    });
    await provider.start();
    const url = provider.exported[0]!;
    expect(url.protocol).toBe("tri");
    // QoS `ps` sees the tri server.
    expect(provider.protocol?.servers?.().map((s) => s.port)).toEqual([url.port]);
    consumer = createApplication({
      name: "tri-consumer",
      env: false,
      registry: false,
      protocol: { name: "tri" },
      plugins: { protocol: createTripleProtocol },
    });
    await consumer.start();
    brands = consumer.reference(BrandService, {
      version: "1.0.0",
      url: `tri://127.0.0.1:${url.port}`,
      timeout: 3000,
    });
  });

  afterAll(async () => {
    await consumer?.close({ timeoutMs: 500 });
    await provider?.close({ timeoutMs: 500 });
  });

  it("calls methods with Java types (DTOs, lists, primitives, arrays, void)", async () => {
    expect(await brands.whoAmI()).toBe("node-tri");
    const all = await brands.findAll();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: 1, name: "联想", firstChar: "L" });
    expect(await brands.findOne(99)).toBeNull();
    await brands.add(Object.assign(new TbBrand(), { id: 2, name: "Brand 😀", firstChar: "B" }));
    expect(await brands.findOne(2)).toMatchObject({ name: "Brand 😀" });
    expect(await brands.count(3, [1, 2, 3])).toBe(6);
  });

  it("carries a business exception as Code.Biz with its Java class and fields", async () => {
    const error = await brands
      .add(Object.assign(new TbBrand(), { id: 3, name: "", firstChar: "" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(Code.Biz);
    expect((error as RpcError).javaClass).toBe("com.jd.sellergoods.BrandException");
    expect((error as RpcError).rawMessage).toBe("name must not be empty");
  });

  it("times out with Code.Timeout (grpc-timeout + DEADLINE_EXCEEDED)", async () => {
    const error = await RpcContext.withAttachments({ timeout: 200 }, () => brands.slow(2000)).catch(
      (e: unknown) => e,
    );
    expect((error as RpcError).code).toBe(Code.Timeout);
  });
});
