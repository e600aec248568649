import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// SWC compiles tests with the same decorator semantics as `tsc` (legacy decorators plus
// emitDecoratorMetadata), so reflect-metadata sees in tests exactly what it sees in the build.
const swcPlugin = () =>
  swc.vite({
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: "es2022",
    },
  });

// Workspace packages resolve to their TypeScript sources through the "source" export condition.
// (Vitest runs tests as SSR modules, so the condition must be given to `ssr` too.)
const resolve = { conditions: ["source", "import", "node", "default"] };
const ssr = {
  resolve: { conditions: ["source", "import", "node", "default"], externalConditions: ["source"] },
};

export default defineConfig({
  test: {
    reporters: process.env.CI ? ["default"] : ["default"],
    projects: [
      {
        plugins: [swcPlugin()],
        resolve,
        ssr,
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "examples/*/src/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          environment: "node",
        },
      },
      {
        plugins: [swcPlugin()],
        resolve,
        ssr,
        test: {
          // Real sockets on 127.0.0.1 but no ZooKeeper and no JVM: files run in parallel.
          name: "loopback",
          include: [
            "packages/*/test/**/*.loopback.test.ts",
            "examples/*/test/**/*.loopback.test.ts",
          ],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        plugins: [swcPlugin()],
        resolve,
        ssr,
        test: {
          name: "integration",
          include: [
            "packages/*/test/**/*.test.ts",
            "examples/*/test/**/*.test.ts",
            "interop/test/**/*.test.ts",
            "test/**/*.test.ts",
          ],
          exclude: ["**/*.loopback.test.ts", "**/node_modules/**"],
          environment: "node",
          globalSetup: ["./test/global-setup.ts"],
          // Integration tests share one ZooKeeper ensemble and real ports: run files one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
