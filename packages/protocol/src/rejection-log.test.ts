import { ServiceUrl } from "@dubbo-ts/core";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ExportedServices } from "./exported-services.js";
import { createRejectionLog } from "./rejection-log.js";

function recording() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "info" },
    { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) },
  );
  return { logger, lines };
}

const services = new ExportedServices();
services.add(
  ServiceUrl.parse("dubbo://127.0.0.1:20880/com.x.Shop?interface=com.x.Shop"),
  {
    interface: "com.x.Shop",
    methods: [{ name: "find", parameterTypes: ["java.lang.Long"], returnType: "java.lang.String" }],
  },
  {
    url: ServiceUrl.parse("dubbo://127.0.0.1:20880/com.x.Shop"),
    invoke: async () => ({ attachments: {} }),
    isAvailable: () => true,
    destroy: async () => {},
  },
);

afterEach(() => {
  vi.useRealTimers();
});

describe("rejected requests on the provider", () => {
  it("warns with the caller, what it sent and what the service has", () => {
    const { logger, lines } = recording();
    createRejectionLog(
      logger,
      services,
    )({
      remoteAddress: "10.0.0.7:53122",
      reason:
        "Fail to decode request due to: java.lang.IllegalArgumentException: Service not found:com.x.Shop, find",
      service: "com.x.Shop",
      version: "0.0.0",
      method: "find",
      descriptor: "J",
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: "dubbo: refused com.x.Shop.find(J) from 10.0.0.7:53122 (status 40): the service has find(Ljava/lang/Long;) (java.lang.Long)",
        peer: "10.0.0.7:53122",
        descriptor: "J",
        offered: ["find(Ljava/lang/Long;)"],
      }),
    ]);
  });

  it("writes at most 10 lines per 10 s, then reports how many it left out", () => {
    vi.useFakeTimers();
    const { logger, lines } = recording();
    const log = createRejectionLog(logger, services);
    for (let i = 0; i < 25; i++) log({ remoteAddress: "10.0.0.7:1", reason: "bad" });
    expect(lines).toHaveLength(10);
    vi.advanceTimersByTime(10_000);
    log({ remoteAddress: "10.0.0.7:1", reason: "bad" });
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatchObject({
      suppressed: 15,
      msg: "dubbo: refused a request from 10.0.0.7:1 (status 40)",
    });
  });
});
