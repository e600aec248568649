import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "./config/resolve-config.js";
import { createReferenceHandle } from "./reference-handle.js";
import type { ConnectedReference } from "./service-reference.js";
import { createFakeInvoker } from "./testing/fake-invoker.js";

const definition = {
  interface: "com.x.EchoService",
  methods: [{ name: "echo", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" }],
};
const config = resolveConfig({ code: { name: "test-app" } });

function handleWith(state: { running: boolean }) {
  return createReferenceHandle(
    { options: { contract: definition, url: "dubbo://127.0.0.1:1" }, where: "reference(x)" },
    {
      filters: [],
      running: () => state.running,
      notRunning: (what) => new Error(`not running: ${what}`),
    },
  );
}

describe("createReferenceHandle", () => {
  it("hands out a proxy at once whose calls reject until the application starts", async () => {
    const handle = handleWith({ running: false });
    const proxy = handle.proxy as unknown as { echo(s: string): Promise<string> };
    await expect(proxy.echo("a")).rejects.toThrow("not running: com.x.EchoService.echo");
    expect(String(handle.proxy)).toBe("[dubbo proxy com.x.EchoService (not started)]");
    expect((handle.proxy as { then?: unknown }).then).toBeUndefined();
  });

  it("plans once, and calls made before the connection is bound wait for it", async () => {
    const state = { running: true };
    const handle = handleWith(state);
    const plan = handle.planWith(config, false);
    expect(handle.planWith(config, false)).toBe(plan);
    const proxy = handle.proxy as unknown as { echo(s: string): Promise<string> };
    let connect!: (c: ConnectedReference) => void;
    const ready = handle.bind(new Promise((resolve) => (connect = resolve)));
    const call = proxy.echo("hi");
    const provider = createFakeInvoker(
      "dubbo://127.0.0.1:1/com.x.EchoService",
      (inv) => inv.args[0],
    );
    connect({
      invoker: provider,
      directory: undefined as never,
      registeredUrl: undefined,
      direct: true,
      providers: () => 1,
    });
    await ready;
    await expect(call).resolves.toBe("hi");
    expect(provider.calls).toHaveLength(1);
    state.running = false;
    await expect(proxy.echo("late")).rejects.toThrow("not running: com.x.EchoService");
    expect(provider.calls).toHaveLength(1);
  });
});
