import type { ApplicationHealth } from "@dubbo-ts/core";
import { describe, expect, it } from "vitest";
import { BrandController } from "./brand-controller.js";
import { createWebServer } from "./web-server.js";

const health = (ready: boolean): ApplicationHealth => ({
  state: "started",
  started: true,
  ready,
  live: true,
  registry: { address: "zookeeper://127.0.0.1:2181", connected: ready },
  services: [],
  references: [
    {
      serviceKey: "com.jd.sellergoods.service.BrandService:1.0.0",
      interface: "com.jd.sellergoods.service.BrandService",
      direct: false,
      providers: ready ? 2 : 0,
    },
  ],
});

describe("GET /health", () => {
  it("answers the Dubbo application's health: 200 when ready, 503 otherwise", async () => {
    let ready = true;
    const app = createWebServer({ controller: new BrandController(), health: () => health(ready) });
    try {
      const ok = await app.inject("/health");
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ ready: true, references: [{ providers: 2 }] });
      ready = false;
      const down = await app.inject("/health");
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ ready: false, registry: { connected: false } });
    } finally {
      await app.close();
    }
  });
});
