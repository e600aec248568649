/**
 * BrandServiceImpl over the real Dubbo protocol (TCP, hessian2) and over Triple (HTTP/2, the
 * hessian4 wrapper), consumed through a typed proxy:
 * what a Java or Node consumer of `com.jd.sellergoods.service.BrandService:1.0.0` sees. No
 * registry: the consumer connects to the provider's URL directly.
 */
import { type Application, Code, createApplication, RpcContext, RpcError } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createTripleProtocol } from "@dubbo-ts/triple";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrandRepository, openBrandRepository, SEED_BRANDS } from "../src/brand-repository.js";
import { answeredByFilter, BrandServiceImpl } from "../src/brand-service-impl.js";
import {
  BRAND_SERVICE_VERSION,
  BrandService,
  PROVIDER_ATTACHMENT,
  TbBrand,
} from "../src/contract.js";

/** The business error a call rejects with. */
async function bizError(call: Promise<unknown>): Promise<RpcError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RpcError);
  expect((err as RpcError).code).toBe(Code.Biz);
  return err as RpcError;
}

// The same contract over both protocols the example can export with (DUBBO_PROTOCOL_NAME).
for (const protocolName of ["dubbo", "tri"] as const) {
  describe(`BrandService over ${protocolName}`, () => {
    let repository: BrandRepository;
    let provider: Application;
    let consumer: Application;
    let brands: BrandService;
    let address: string;

    beforeAll(async () => {
      repository = openBrandRepository(":memory:");
      provider = createApplication({
        name: "jd-sellergoods-service",
        registry: false,
        protocol: { name: protocolName, port: 0, host: "127.0.0.1" },
        services: [new BrandServiceImpl(repository)],
        filters: { provider: [answeredByFilter(() => provider.exported[0]?.address)] },
        plugins: { protocol: { dubbo: createDubboProtocol, tri: createTripleProtocol } },
        env: false,
      });
      await provider.start();
      address = provider.exported[0]!.address;
      consumer = createApplication({
        name: "brand-service-test",
        registry: false,
        protocol: { name: protocolName, host: "127.0.0.1" },
        plugins: { protocol: { dubbo: createDubboProtocol, tri: createTripleProtocol } },
        env: false,
      });
      brands = consumer.reference(BrandService, {
        url: `${protocolName}://${address}`,
        version: BRAND_SERVICE_VERSION,
      });
      await consumer.start();
    });

    afterAll(async () => {
      await consumer?.close();
      await provider?.close();
      repository?.close();
    });

    it("registers the exported URL with the contract's methods", () => {
      const url = provider.exported[0]!;
      expect(url.path).toBe("com.jd.sellergoods.service.BrandService");
      expect(url.getParameter("version")).toBe("1.0.0");
      expect(url.getParameter("methods")).toBe("add,delete,findAll,findOne,findPage,search,update");
      expect(url.host).toBe("127.0.0.1");
    });

    it("findAll and findPage return the seeded brands", async () => {
      const all = await brands.findAll();
      expect(all).toHaveLength(SEED_BRANDS.length);
      expect(all[1]).toMatchObject({ id: 2, name: "华为", firstChar: "H" });
      const page = await brands.findPage(3, 4);
      expect(Number(page.total)).toBe(SEED_BRANDS.length);
      expect(page.rows.map((b) => b.id)).toEqual([9, 10, 11, 12]);
    });

    it("findOne returns null for an unknown id", async () => {
      expect(await brands.findOne(3)).toMatchObject({ id: 3, name: "三星", firstChar: "S" });
      expect(await brands.findOne(999)).toBeNull();
    });

    it("adds, searches, updates and deletes", async () => {
      await brands.add(TbBrand.of({ name: "Dubbo Brand", firstChar: "D" }));
      const found = await brands.search(TbBrand.of({ name: "Dubbo" }), 1, 10);
      expect(Number(found.total)).toBe(1);
      const id = found.rows[0]!.id!;
      await brands.update(TbBrand.of({ id, name: "Dubbo Brand 2", firstChar: "E" }));
      expect(await brands.findOne(id)).toMatchObject({ id, name: "Dubbo Brand 2", firstChar: "E" });
      const byLetter = await brands.search(TbBrand.of({ firstChar: "E" }), 1, 10);
      expect(byLetter.rows.map((b) => b.name)).toEqual(["Dubbo Brand 2"]);
      await brands.delete([id]);
      expect(await brands.findOne(id)).toBeNull();
    });

    it("searches with a null example", async () => {
      expect(Number((await brands.search(null, 1, 5)).total)).toBe(SEED_BRANDS.length);
    });

    it("turns broken rules into business errors with the provider's message", async () => {
      expect((await bizError(brands.add(TbBrand.of({ name: "" })))).rawMessage).toContain(
        "the brand name must not be empty",
      );
      expect((await bizError(brands.add(TbBrand.of({ name: "华为" })))).rawMessage).toContain(
        'a brand named "华为" already exists (id 2)',
      );
      expect(
        (await bizError(brands.update(TbBrand.of({ id: 999, name: "X" })))).rawMessage,
      ).toContain("brand 999 does not exist");
      expect((await bizError(brands.delete([1, 999]))).rawMessage).toContain(
        "brand 999 does not exist; nothing was deleted",
      );
      expect((await bizError(brands.findPage(0, 10))).rawMessage).toContain("pageNum must be");
      expect(await brands.findOne(1)).not.toBeNull();
    });

    it("names the provider that answered in a response attachment", async () => {
      const answered = await RpcContext.withAttachments({}, async (context) => {
        await brands.findOne(1);
        return context.responseAttachments[PROVIDER_ATTACHMENT];
      });
      expect(answered).toBe(address);
    });
  });
}
