import { Code, RpcContext, RpcError } from "@dubbo-ts/core";
import {
  type BrandInput,
  type BrandService,
  PageResult,
  PROVIDER_ATTACHMENT,
  TbBrand,
} from "@dubbo-ts/example-sellergoods-service/contract";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BrandController } from "./brand-controller.js";
import { createWebServer } from "./web-server.js";

/** A BrandService stand-in that records its calls and answers as "fake:1" would. */
function fakeService(overrides: Partial<BrandService> = {}) {
  const calls: { method: string; args: unknown[] }[] = [];
  const brands = [
    TbBrand.of({ id: 1, name: "联想", firstChar: "L" }),
    TbBrand.of({ id: 2, name: "华为", firstChar: "H" }),
  ];
  const answer = <T>(method: string, args: unknown[], value: T): Promise<T> => {
    calls.push({ method, args });
    const client = RpcContext.client();
    if (client) client.responseAttachments = { [PROVIDER_ATTACHMENT]: "fake:1" };
    return Promise.resolve(value);
  };
  const service: BrandService = {
    findAll: () => answer("findAll", [], brands),
    findPage: (pageNum, pageSize) =>
      answer("findPage", [pageNum, pageSize], PageResult.of(2, brands)),
    findOne: (id) => answer("findOne", [id], brands.find((b) => b.id === id) ?? null),
    add: (brand) => answer("add", [brand], undefined),
    update: (brand) => answer("update", [brand], undefined),
    delete: (ids) => answer("delete", [ids], undefined),
    search: (example, pageNum, pageSize) =>
      answer("search", [example, pageNum, pageSize], PageResult.of(1, [brands[1]!])),
    ...overrides,
  };
  return { service, calls };
}

let app: FastifyInstance;
let calls: { method: string; args: unknown[] }[];

function serve(overrides: Partial<BrandService> = {}) {
  const fake = fakeService(overrides);
  calls = fake.calls;
  const controller = new BrandController();
  controller.brandService = fake.service;
  app = createWebServer({ controller });
}

beforeEach(() => serve());
afterEach(() => app.close());

const failing = (err: unknown) => () => Promise.reject(err);

describe("BrandController queries", () => {
  it("findAll answers the brands as an array and names the provider", async () => {
    const res = await app.inject("/brand/findAll");
    expect(res.statusCode).toBe(200);
    expect(res.headers["x-provider"]).toBe("fake:1");
    expect(res.json()).toEqual([
      { id: 1, name: "联想", firstChar: "L" },
      { id: 2, name: "华为", firstChar: "H" },
    ]);
  });

  it("findPage passes page and rows as ints (1 and 10 by default)", async () => {
    const res = await app.inject("/brand/findPage?page=3&rows=5");
    expect(res.json()).toEqual({ total: 2, rows: expect.any(Array) });
    await app.inject("/brand/findPage");
    expect(calls.map((c) => c.args)).toEqual([
      [3, 5],
      [1, 10],
    ]);
  });

  it.each(["page=0", "page=x", "rows=-1", "rows=1.5", "page=99999999999"])(
    "findPage?%s is a 400 without calling BrandService",
    async (query) => {
      const res = await app.inject(`/brand/findPage?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ success: false, code: "BadRequest" });
      expect(calls).toEqual([]);
    },
  );

  it("findOne answers the brand, or null with 200 when there is none", async () => {
    expect((await app.inject("/brand/findOne?id=2")).json()).toEqual({
      id: 2,
      name: "华为",
      firstChar: "H",
    });
    const missing = await app.inject("/brand/findOne?id=7");
    expect(missing.statusCode).toBe(200);
    expect(missing.headers["content-type"]).toMatch(/^application\/json/);
    expect(missing.body).toBe("null");
    expect((await app.inject("/brand/findOne")).statusCode).toBe(400);
  });

  it("search sends the JSON example as a TbBrand, or null without a body", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/brand/search?page=1&rows=5",
      payload: { name: "华", firstChar: "" },
    });
    expect(res.json()).toEqual({ total: 1, rows: [{ id: 2, name: "华为", firstChar: "H" }] });
    const [example, page, rows] = calls[0]!.args;
    expect(example).toBeInstanceOf(TbBrand);
    expect(example).toEqual(TbBrand.of({ name: "华", firstChar: "" }));
    expect([page, rows]).toEqual([1, 5]);
    await app.inject({ method: "POST", url: "/brand/search" });
    expect(calls[1]!.args).toEqual([null, 1, 10]);
  });
});

describe("BrandController changes", () => {
  it("add sends a TbBrand without id and answers success", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/brand/add",
      payload: { id: 5, name: "Nokia", firstChar: "N" },
    });
    expect(res.json()).toEqual({ success: true, message: 'brand "Nokia" added' });
    expect(calls[0]!.args[0]).toEqual(TbBrand.of({ id: null, name: "Nokia", firstChar: "N" }));
  });

  it("update needs an id", async () => {
    const bad = await app.inject({ method: "POST", url: "/brand/update", payload: { name: "X" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe("the brand to update needs an id");
    const ok = await app.inject({
      method: "POST",
      url: "/brand/update",
      payload: { id: "3", name: "X", firstChar: "X" },
    });
    expect(ok.json()).toEqual({ success: true, message: "brand 3 updated" });
    expect((calls[0]!.args[0] as BrandInput).id).toBe(3);
  });

  it("delete parses the ids list", async () => {
    const res = await app.inject("/brand/delete?ids=1,%202");
    expect(res.json()).toEqual({ success: true, message: "2 brands deleted" });
    expect(calls[0]!.args[0]).toEqual([1, 2]);
    for (const query of ["", "?ids=", "?ids=1,a"]) {
      expect((await app.inject(`/brand/delete${query}`)).statusCode).toBe(400);
    }
    expect(calls).toHaveLength(1);
  });

  it("rejects a body that is not a brand", async () => {
    const res = await app.inject({ method: "POST", url: "/brand/add", payload: [1, 2] });
    expect(res.statusCode).toBe(400);
    const malformed = await app.inject({
      method: "POST",
      url: "/brand/add",
      headers: { "content-type": "application/json" },
      payload: "{bad",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ success: false, code: "BadRequest" });
    const wrongType = await app.inject({ method: "POST", url: "/brand/add", payload: { name: 7 } });
    expect(wrongType.json().message).toBe("name must be a string");
  });
});

describe("BrandController failures", () => {
  it.each([
    [Code.Biz, 400, "Biz"],
    [Code.NoInvoker, 503, "NoInvoker"],
    [Code.Network, 502, "Network"],
    [Code.Timeout, 504, "Timeout"],
    [Code.Unknown, 500, "Unknown"],
  ])("an RpcError with code %s answers %s", async (code, status, name) => {
    serve({ add: failing(new RpcError(code, "it went wrong")) });
    const res = await app.inject({ method: "POST", url: "/brand/add", payload: { name: "X" } });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ success: false, message: "it went wrong", code: name });
  });

  it("a plain error is a 500 with its message", async () => {
    serve({ findAll: failing(new Error("boom")) });
    const res = await app.inject("/brand/findAll");
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ success: false, message: "boom", code: "Unknown" });
  });
});

describe("the page", () => {
  it.each([
    ["/", /^text\/html/, "<title>Brand management"],
    ["/app.js", /^text\/javascript/, "X-Provider"],
    ["/app.css", /^text\/css/, ".toolbar"],
  ])("serves %s", async (url, type, text) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(type);
    expect(res.body).toContain(text);
  });
});
