import { describe, expect, it } from "vitest";
import { resolveConfig } from "./config/resolve-config.js";
import { exportContexts, protocolNames } from "./export-protocols.js";
import { silentLogger } from "./logger.js";
import { createPlugins } from "./plugins.js";
import type { Protocol } from "./protocol.js";
import { createProtocolSet, protocolNamed, speaks } from "./protocol-set.js";
import type { ExportContext } from "./service-export.js";
import { ServiceUrl } from "./service-url.js";

/** A protocol that records what it was asked, under `name`. */
function fake(name: string, defaultPort?: number): Protocol & { log: string[] } {
  const log: string[] = [];
  return {
    name,
    defaultPort,
    log,
    async export(url) {
      log.push(`export ${url.protocol}`);
      return { url, unexport: async () => undefined };
    },
    refer(url) {
      log.push(`refer ${url.protocol}`);
      return {
        url,
        invoke: async () => ({ attachments: {} }),
        isAvailable: () => true,
        destroy: async () => undefined,
      };
    },
    async close() {
      log.push("close");
    },
  };
}

const url = (protocol: string) =>
  new ServiceUrl({ protocol, host: "127.0.0.1", port: 1, path: "x.Y" });

describe("createProtocolSet", () => {
  it("sends export and refer to the plugin the URL names, and closes them all", async () => {
    const dubbo = fake("dubbo");
    const tri = fake("tri");
    const set = createProtocolSet([dubbo, tri], "dubbo");
    expect(set.name).toBe("dubbo");
    await set.export(url("tri"), { interface: "x.Y", methods: [] }, set.refer(url("dubbo")));
    expect(dubbo.log).toEqual(["refer dubbo"]);
    expect(tri.log).toEqual(["export tri"]);
    expect(() => set.refer(url("rest"))).toThrow("no protocol plugin for rest://");
    await set.close();
    expect([dubbo.log.at(-1), tri.log.at(-1)]).toEqual(["close", "close"]);
    expect(speaks(set, "tri")).toBe(true);
    expect(speaks(set, "rest")).toBe(false);
    expect(speaks(dubbo, "dubbo")).toBe(true);
    expect(protocolNamed(set, "tri")).toBe(tri);
    const withServers = createProtocolSet(
      [
        { ...fake("tri"), servers: () => [{ host: "h", port: 2, connections: [] }] },
        { ...fake("dubbo"), servers: () => [{ host: "h", port: 1, connections: [] }] },
      ],
      "dubbo",
    );
    expect(withServers.servers?.().map((s) => s.port)).toEqual([1, 2]);
  });

  it("refuses a default protocol without a plugin, and two plugins of one name", () => {
    expect(() => createProtocolSet([fake("dubbo")], "tri")).toThrow(
      'protocol.name is "tri" but the protocol plugins speak "dubbo"',
    );
    expect(() => createProtocolSet([fake("tri"), fake("tri")], "tri")).toThrow(
      'two protocol plugins speak "tri"',
    );
  });
});

describe("plugins.protocol as a map or an array", () => {
  it("gives each factory of a map its own protocol/protocols.<name> options", () => {
    const seen: Record<string, unknown>[] = [];
    const config = resolveConfig({
      code: {
        name: "a",
        protocol: { name: "dubbo", payload: 1 },
        protocols: { tri: { port: 50052, bind: "127.0.0.2", maxMessageSize: 2 } },
      },
    });
    const { protocol } = createPlugins({
      plugins: {
        protocol: {
          dubbo: (o) => {
            seen.push({ ...o, logger: undefined });
            return fake("dubbo");
          },
          tri: (o) => {
            seen.push({ ...o, logger: undefined });
            return fake("tri");
          },
        },
      },
      config,
      logger: silentLogger,
      needProtocol: true,
    });
    expect(seen).toEqual([
      { payload: 1, logger: undefined, host: "0.0.0.0" },
      { maxMessageSize: 2, logger: undefined, host: "127.0.0.2" },
    ]);
    expect(protocol?.name).toBe("dubbo");
    expect(speaks(protocol!, "tri")).toBe(true);
  });

  it("refuses a map entry whose plugin speaks another protocol", () => {
    const config = resolveConfig({ code: { name: "a" } });
    expect(() =>
      createPlugins({
        plugins: { protocol: { tri: () => fake("dubbo") } },
        config,
        logger: silentLogger,
        needProtocol: true,
      }),
    ).toThrow('plugins.protocol.tri speaks "dubbo", not "tri"');
  });
});

describe("exportContexts", () => {
  it("reads a service's protocol option like Java's protocol=\"dubbo,tri\"", () => {
    expect(protocolNames(undefined, "dubbo")).toEqual(["dubbo"]);
    expect(protocolNames("dubbo, tri", "dubbo")).toEqual(["dubbo", "tri"]);
    expect(protocolNames(["tri", "tri"], "dubbo")).toEqual(["tri"]);
  });

  it("gives each protocol its plugin and port (protocols.<name>, else the plugin's defaultPort)", () => {
    const config = resolveConfig({ code: { name: "a", protocol: { port: 20880 } } });
    const set = createProtocolSet([fake("dubbo"), fake("tri", 50051)], "dubbo");
    const ctx = { protocol: set, config } as unknown as ExportContext;
    const [dubbo, tri] = exportContexts("dubbo,tri", ctx, "BrandService");
    expect(dubbo?.config.protocol.port).toBe(20880);
    expect(tri?.protocol.name).toBe("tri");
    expect(tri?.config.protocol.port).toBe(50051);
    expect(() => exportContexts("rest", ctx, "BrandService")).toThrow(
      'BrandService: protocol "rest" has no plugin',
    );
    const noPort = createProtocolSet([fake("dubbo"), fake("grpc")], "dubbo");
    expect(() =>
      exportContexts("grpc", { protocol: noPort, config } as unknown as ExportContext, "S"),
    ).toThrow("protocols.grpc.port is missing");
  });
});
