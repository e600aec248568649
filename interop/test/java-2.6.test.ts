/**
 * Interop with the legacy com.alibaba Dubbo 2.6.12 (interop/java, module dubbo26) both ways, on
 * the shared ZooKeeper ensemble (suite.ts), plus what its registry URLs carry that Apache's do not:
 * its provider is started with `-Ddubbo.provider.timeout=4000`, which 2.6 registers as
 * `default.timeout=4000` (ServiceConfig appends <dubbo:provider> values with the `default.` prefix).
 */
import { describe, expect, it } from "vitest";
import { createNodeConsumer, registryAddress } from "../node/apps.js";
import { INTEROP_VERSION, TYPE_MATRIX_INTERFACE, TypeMatrixService } from "../node/contract.js";
import { defineInteropSuite } from "./suite.js";
import { registeredNames } from "./zookeeper.js";

defineInteropSuite("2.6", {
  providerJvmOptions: ["-Ddubbo.provider.timeout=4000"],
  extra: (peers) =>
    describe("the registry URL a com.alibaba 2.6 provider writes", () => {
      it("has default.timeout and no release, and our consumer applies that timeout", async () => {
        const { zk, javaRoot, javaProvider } = peers();
        const names = await registeredNames(zk, javaRoot, TYPE_MATRIX_INTERFACE, "providers");
        const raw = names.find((n) => n.startsWith(`dubbo://127.0.0.1:${javaProvider.port}/`));
        expect(raw).toBeDefined();
        expect(raw).toContain("&default.timeout=4000&");
        expect(raw).not.toMatch(/[?&]timeout=/);
        expect(raw).not.toMatch(/[?&]release=/);
        // No timeout on our side: without default.timeout the call would use 1000 ms and fail.
        const consumer = createNodeConsumer({
          registry: registryAddress(zk, javaRoot),
          application: "interop-node-consumer-default-timeout",
        });
        const matrix = consumer.reference(TypeMatrixService, {
          version: INTEROP_VERSION,
          retries: 0,
        });
        await consumer.start();
        try {
          expect(await matrix.sleep(1500)).toBe("slept 1500");
        } finally {
          await consumer.close();
        }
      });
    }),
});
