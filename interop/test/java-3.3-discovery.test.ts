/**
 * Dubbo 3 application-level discovery with Java 3.3 on the shared ensemble: provider register-mode
 * {interface, instance, all} × consumer migration step {FORCE_INTERFACE, APPLICATION_FIRST,
 * FORCE_APPLICATION}, with Node and Java on each side. Every cell must give what Java ↔ Java gives
 * (`EXPECTED`, checked with Java 3.3.6 on both sides): the two cells that fail in Java fail with
 * "no provider" in Node too. Each provider mode has its own registry root (`group`), so cells never
 * see each other's nodes. The register-mode=instance providers keep their metadata in the metadata
 * report (metadata-type=remote), the others serve it from their MetadataService (local), so both
 * ways of reading metadata are crossed with Java too. One provider process per mode and side, and
 * one JVM for all nine Java consumer cells (DiscoveryConsumerMain: one Dubbo instance per cell).
 */
import { type Application, Code, RpcError } from "@dubbo-ts/core";
import {
  computeRevision,
  createMetadataResolver,
  REVISION_KEY,
  type ServiceDiscovery,
  type ServiceInstance,
  silentLogger,
} from "@dubbo-ts/core/spi";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  buildJava,
  type JavaDiscoveryResult,
  type JavaProvider,
  runJavaDiscoveryConsumers,
  startJavaProvider,
} from "../java.js";
import {
  createNodeConsumer,
  type NodeProvider,
  registryAddress,
  startNodeProvider,
} from "../node/apps.js";
import { INTEROP_VERSION, TYPE_MATRIX_INTERFACE, TypeMatrixService } from "../node/contract.js";
import { TypeMatrixServiceImpl } from "../node/services.js";
import { children, withZookeeper } from "./zookeeper.js";

const MODES = ["interface", "instance", "all"] as const;
type Mode = (typeof MODES)[number];
const STEPS = ["FORCE_INTERFACE", "APPLICATION_FIRST", "FORCE_APPLICATION"] as const;
type Step = (typeof STEPS)[number];

/** Java 3.3.6 provider ↔ Java 3.3.6 consumer. */
const EXPECTED: Record<Mode, Record<Step, "pass" | "fail">> = {
  interface: { FORCE_INTERFACE: "pass", APPLICATION_FIRST: "pass", FORCE_APPLICATION: "fail" },
  instance: { FORCE_INTERFACE: "fail", APPLICATION_FIRST: "pass", FORCE_APPLICATION: "pass" },
  all: { FORCE_INTERFACE: "pass", APPLICATION_FIRST: "pass", FORCE_APPLICATION: "pass" },
};
/** Whether a passing cell calls through the application-level list (Java's logs say the same). */
const viaApplication = (mode: Mode, step: Step) =>
  step === "FORCE_APPLICATION" || (step === "APPLICATION_FIRST" && mode !== "interface");

const metadataType = (mode: Mode) => (mode === "instance" ? "remote" : "local");
const javaRoot = (mode: Mode) => `discovery-33-java-${mode}`;
const nodeRoot = (mode: Mode) => `discovery-33-node-${mode}`;

let zk: string;
const javaProviders = new Map<Mode, JavaProvider>();
const nodeProviders = new Map<Mode, NodeProvider>();
let javaRuns: Map<string, JavaDiscoveryResult>;
let javaStderr = "";
const started = Date.now();

/** Reads the instance nodes under `/<root>/<app>`. */
async function instancesOf(root: string, app: string): Promise<Record<string, unknown>[]> {
  return withZookeeper(zk, async (c) => {
    const path = `/${root}/${app}`;
    const out: Record<string, unknown>[] = [];
    for (const child of await children(c, path)) {
      const data = await new Promise<Buffer | undefined>((res, rej) =>
        c.getData(`${path}/${child}`, (e, b) => (e ? rej(e) : res(b ?? undefined))),
      );
      out.push(JSON.parse(data?.toString("utf8") ?? "{}") as Record<string, unknown>);
    }
    return out;
  });
}

beforeAll(async () => {
  zk = inject("zkConnect");
  buildJava();
  const javaStarts = MODES.map(async (mode) => {
    javaProviders.set(
      mode,
      await startJavaProvider({
        version: "3.3",
        registry: registryAddress(zk, javaRoot(mode)),
        application: `discovery-java-${mode}`,
        services: ["matrix"],
        shutdownWaitMs: 2000,
        jvmOptions: [
          `-Ddubbo.application.register-mode=${mode}`,
          `-Ddubbo.application.metadata-type=${metadataType(mode)}`,
        ],
      }),
    );
  });
  const nodeStarts = MODES.map(async (mode) => {
    nodeProviders.set(
      mode,
      await startNodeProvider({
        registry: registryAddress(zk, nodeRoot(mode)),
        application: `discovery-node-${mode}`,
        services: [new TypeMatrixServiceImpl(mode)],
        discovery: { registerMode: mode, metadataType: metadataType(mode) },
      }),
    );
  });
  await Promise.all([...javaStarts, ...nodeStarts]);
  // The Java consumer cells need the Node providers only; a cell that must fail waits a few
  // seconds for a provider that never comes.
  const java = await runJavaDiscoveryConsumers(
    MODES.flatMap((mode) =>
      STEPS.map((step) => ({
        name: `${mode}-${step.toLowerCase()}`,
        registry: registryAddress(zk, nodeRoot(mode)),
        step,
        waitMs: EXPECTED[mode][step] === "pass" ? 40_000 : 6000,
      })),
    ),
  );
  javaRuns = java.results;
  javaStderr = java.stderr;
  console.log(`[discovery] providers and 9 Java consumer cells: ${Date.now() - started} ms`);
}, 900_000);

afterAll(async () => {
  await Promise.allSettled([
    ...[...javaProviders.values()].map((p) => p.stop()),
    ...[...nodeProviders.values()].map((p) => p.close()),
  ]);
  console.log(`[discovery] whole file: ${Date.now() - started} ms`);
}, 60_000);

describe.each(MODES)("Java 3.3 provider, register-mode=%s → Node consumer", (mode) => {
  it.each(STEPS)("%s gives what a Java consumer gets", async (step) => {
    const lines: string[] = [];
    const consumer: Application = createNodeConsumer({
      registry: registryAddress(zk, javaRoot(mode)),
      application: `discovery-node-consumer-${mode}-${step.toLowerCase()}`,
      discovery: { serviceDiscoveryMigration: step },
      logger: pino({ level: "info" }, { write: (line: string) => lines.push(line) }),
    });
    const matrix = consumer.reference(TypeMatrixService, {
      version: INTEROP_VERSION,
      retries: 0,
      timeout: 5000,
      check: true,
    });
    try {
      if (EXPECTED[mode][step] === "pass") {
        await consumer.start();
        expect(await matrix.whoAmI()).toBe("java/3.3.6");
        const appLevel = lines.some(
          (l) => l.includes('"discovery":"application"') && /providers of [^"]*: [1-9]/.test(l),
        );
        expect(appLevel).toBe(viaApplication(mode, step));
      } else {
        const err = await consumer.start().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(RpcError);
        expect((err as RpcError).code).toBe(Code.NoInvoker);
        expect((err as RpcError).message).toContain("no provider available");
      }
    } finally {
      await consumer.close();
    }
  });
});

describe.each(MODES)("Node provider, register-mode=%s → Java 3.3 consumer", (mode) => {
  it.each(STEPS)("%s gives what a Java provider gives", (step) => {
    const run = javaRuns.get(`${mode}-${step.toLowerCase()}`);
    expect(run, javaStderr.slice(-3000)).toBeDefined();
    if (EXPECTED[mode][step] === "pass") {
      expect(run!.error, javaStderr.slice(-3000)).toBeNull();
      expect(run!.answer).toBe(`node/${mode}`);
    } else {
      expect(run!.ok).toBe(false);
      expect(run!.error).toMatch(/No provider available/);
    }
  });
});

describe("what each side writes", () => {
  it.each(["instance", "all"] as const)(
    "a Node instance node (register-mode=%s) has the shape and metadata keys of a Java one",
    async (mode) => {
      const [java] = await instancesOf(javaRoot(mode), `discovery-java-${mode}`);
      const [node] = await instancesOf(nodeRoot(mode), `discovery-node-${mode}`);
      expect(java && node).toBeTruthy();
      expect(Object.keys(node!).sort()).toEqual(Object.keys(java!).sort());
      const payload = (o: Record<string, unknown>) =>
        o.payload as { "@class": string; metadata: Record<string, string> };
      expect(payload(node!)["@class"]).toBe(payload(java!)["@class"]);
      expect(Object.keys(payload(node!).metadata).sort()).toEqual(
        Object.keys(payload(java!).metadata).sort(),
      );
      expect(node!.id).toBe(`127.0.0.1:${nodeProviders.get(mode)!.port}`);
      expect(payload(node!).metadata["dubbo.metadata.storage-type"]).toBe(metadataType(mode));
    },
  );

  it("publishes remote metadata where Java does, in Java's JSON", async () => {
    const read = (root: string, app: string) =>
      withZookeeper(zk, async (c) => {
        const [revision] = await children(c, `/${root}/metadata/${app}`);
        return new Promise<Record<string, unknown>>((res, rej) =>
          c.getData(`/${root}/metadata/${app}/${revision}`, (e, b) =>
            e ? rej(e) : res(JSON.parse(b?.toString("utf8") ?? "{}")),
          ),
        );
      });
    const java = await read(javaRoot("instance"), "discovery-java-instance");
    const node = await read(nodeRoot("instance"), "discovery-node-instance");
    expect(Object.keys(node).sort()).toEqual(Object.keys(java).sort());
    const service = (o: Record<string, unknown>) =>
      Object.values(o.services as Record<string, Record<string, unknown>>)[0]!;
    expect(Object.keys(service(node)).sort()).toEqual(Object.keys(service(java)).sort());
  });

  it("writes the interface → application mapping as Java does", async () => {
    const read = (root: string) =>
      withZookeeper(
        zk,
        (c) =>
          new Promise<string>((res, rej) =>
            c.getData(`/${root}/mapping/${TYPE_MATRIX_INTERFACE}`, (e, b) =>
              e ? rej(e) : res(b?.toString("utf8") ?? ""),
            ),
          ),
      );
    expect(await read(javaRoot("all"))).toBe("discovery-java-all");
    expect(await read(nodeRoot("all"))).toBe("discovery-node-all");
  });

  it("stores the service definition where Java does, with Java's keys", async () => {
    const read = (root: string, app: string) =>
      withZookeeper(
        zk,
        (c) =>
          new Promise<Record<string, unknown>>((res, rej) =>
            c.getData(`/${root}/metadata/${TYPE_MATRIX_INTERFACE}/1.0.0/provider/${app}`, (e, b) =>
              e ? rej(e) : res(JSON.parse(b?.toString("utf8") ?? "{}")),
            ),
          ),
      );
    const java = await read(javaRoot("all"), "discovery-java-all");
    const node = await read(nodeRoot("all"), "discovery-node-all");
    expect(Object.keys(node).sort()).toEqual(Object.keys(java).sort());
    const names = (o: Record<string, unknown>) =>
      (o.methods as { name: string }[]).map((m) => m.name).sort();
    expect(names(node)).toEqual(names(java));
  });

  it("computes the revision of Java's MetadataInfo exactly as Java does", async () => {
    const [raw] = await instancesOf(javaRoot("all"), "discovery-java-all");
    const metadata = (raw!.payload as { metadata: Record<string, string> }).metadata;
    const instance: ServiceInstance = {
      name: "discovery-java-all",
      host: String(raw!.address),
      port: Number(raw!.port),
      metadata,
    };
    const protocol = createDubboProtocol({});
    try {
      const resolver = createMetadataResolver({
        protocol,
        discovery: {} as ServiceDiscovery,
        logger: silentLogger,
      });
      const info = await resolver.resolve(instance);
      expect(info.revision).toBe(metadata[REVISION_KEY]);
      expect(Object.keys(info.services)).toEqual([`${TYPE_MATRIX_INTERFACE}:1.0.0:dubbo`]);
      expect(computeRevision(info.app, Object.values(info.services))).toBe(info.revision);
    } finally {
      await protocol.close();
    }
  });
});
