import { describe, expect, it } from "vitest";
import type { Invoker } from "../invoker.js";
import { silentLogger } from "../logger.js";
import { ServiceUrl } from "../service-url.js";
import { createFakeInvoker } from "../testing/fake-invoker.js";
import { createMigrationDirectory, parseMigrationRule, parseMigrationStep } from "./migration.js";
import type { SubscribedDirectory } from "./service-discovery-directory.js";

const url = ServiceUrl.parse("consumer://127.0.0.1/com.x.Foo?interface=com.x.Foo");

function fakeDirectory(name: string, log: string[], invokers: Invoker[]): SubscribedDirectory {
  return {
    url,
    invokers,
    list: () => invokers,
    async subscribe() {
      log.push(`subscribe ${name}`);
    },
    async destroy() {
      log.push(`destroy ${name}`);
    },
  };
}

const ifaceInvoker = createFakeInvoker("dubbo://10.0.0.1:1/com.x.Foo");
const appInvoker = createFakeInvoker("dubbo://10.0.0.2:1/com.x.Foo");

function directory(step: Parameters<typeof createMigrationDirectory>[0]["step"], app: Invoker[]) {
  const log: string[] = [];
  const d = createMigrationDirectory({
    url,
    step,
    interfaceLevel: () => fakeDirectory("interface", log, [ifaceInvoker]),
    applicationLevel: () => fakeDirectory("application", log, app),
    logger: silentLogger,
  });
  return { d, log };
}

describe("createMigrationDirectory (MigrationInvoker)", () => {
  it("FORCE_INTERFACE subscribes and lists the interface level only", async () => {
    const { d, log } = directory("FORCE_INTERFACE", [appInvoker]);
    await d.subscribe();
    expect(log).toEqual(["subscribe interface"]);
    expect(d.invokers).toEqual([ifaceInvoker]);
  });

  it("FORCE_APPLICATION subscribes and lists the application level only", async () => {
    const { d, log } = directory("FORCE_APPLICATION", []);
    await d.subscribe();
    expect(log).toEqual(["subscribe application"]);
    expect(d.invokers).toEqual([]);
  });

  it("APPLICATION_FIRST prefers application-level providers, else interface-level ones", async () => {
    const withApp = directory("APPLICATION_FIRST", [appInvoker]);
    await withApp.d.subscribe();
    expect(withApp.d.invokers).toEqual([appInvoker]);
    const without = directory("APPLICATION_FIRST", []);
    await without.d.subscribe();
    expect(without.d.invokers).toEqual([ifaceInvoker]);
  });

  it("migrates by subscribing the new level first and releasing the old one after", async () => {
    const { d, log } = directory("FORCE_INTERFACE", [appInvoker]);
    await d.subscribe();
    expect(await d.migrate("FORCE_APPLICATION")).toBe(true);
    expect(d.step).toBe("FORCE_APPLICATION");
    expect(d.invokers).toEqual([appInvoker]);
    expect(log).toEqual(["subscribe interface", "subscribe application", "destroy interface"]);
  });

  it("refuses to migrate to an empty list unless forced", async () => {
    const { d, log } = directory("FORCE_INTERFACE", []);
    await d.subscribe();
    expect(await d.migrate("FORCE_APPLICATION")).toBe(false);
    expect(d.step).toBe("FORCE_INTERFACE");
    expect(d.invokers).toEqual([ifaceInvoker]);
    expect(log.at(-1)).toBe("destroy application");
    expect(await d.migrate("FORCE_APPLICATION", true)).toBe(true);
    expect(d.invokers).toEqual([]);
  });
});

describe("migration rules", () => {
  it("reads the top-level step and force of a YAML rule", () => {
    expect(parseMigrationRule("key: app\nstep: FORCE_APPLICATION\n")).toEqual({
      step: "FORCE_APPLICATION",
      force: undefined,
    });
    expect(parseMigrationRule("step: 'APPLICATION_FIRST'  # comment\nforce: true")).toEqual({
      step: "APPLICATION_FIRST",
      force: true,
    });
    expect(parseMigrationRule("step: NOPE")).toBeUndefined();
    expect(parseMigrationRule("")).toBeUndefined();
  });

  it("names the accepted steps when one is wrong", () => {
    expect(parseMigrationStep("force_interface", "x")).toBe("FORCE_INTERFACE");
    expect(() => parseMigrationStep("both", "application.serviceDiscoveryMigration")).toThrow(
      /application.serviceDiscoveryMigration must be one of FORCE_INTERFACE, APPLICATION_FIRST, FORCE_APPLICATION/,
    );
  });
});
