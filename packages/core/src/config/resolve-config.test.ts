import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DubboConfig } from "./config.js";
import { ENVIRONMENT, loadConfig, resolveConfig } from "./resolve-config.js";

const dir = mkdtempSync(path.join(tmpdir(), "dubbo-ts-config-"));
function writeJson(name: string, data: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
  return file;
}

describe("resolveConfig precedence", () => {
  const file = {
    path: "/etc/app/dubbo.json",
    data: {
      name: "from-file",
      registry: { address: "zookeeper://127.0.0.1:3001", sessionTimeout: 30000, cacheFile: "f" },
      protocol: { port: 21000, payload: 1024 },
      consumer: { timeout: 5000, retries: 1 },
      shutdown: { timeout: 3000 },
    },
  };
  const code: DubboConfig = {
    name: "from-code",
    registry: { address: "zookeeper://127.0.0.1:3002", cacheFile: "c" },
    protocol: { name: "dubbo", port: 20881 },
    consumer: { timeout: 2000 },
  };

  it("resolves more protocols by name, code over file", () => {
    const config = resolveConfig({
      code: { name: "a", protocols: { tri: { port: 50052, maxMessageSize: 1024 } } },
      file: { path: "f.json", data: { protocols: { tri: { port: 1, host: "10.0.0.1" } } } },
    });
    expect(config.protocols).toEqual({
      tri: {
        name: "tri",
        port: 50052,
        host: "10.0.0.1",
        bind: "10.0.0.1",
        options: { maxMessageSize: 1024 },
      },
    });
    expect(() => resolveConfig({ code: { name: "a", protocols: { tri: { port: -2 } } } })).toThrow(
      "protocols.tri.port must be an integer from 0 to 65535",
    );
  });

  it("takes environment over code over file over defaults, key by key", () => {
    const config = resolveConfig({
      code,
      file,
      env: { DUBBO_PROTOCOL_PORT: "20882", DUBBO_CONSUMER_CHECK: "false", UNRELATED: "x" },
    });
    expect(config).toEqual({
      name: "from-code",
      application: {
        registerMode: "all",
        serviceDiscoveryMigration: "APPLICATION_FIRST",
        metadataType: "local",
      },
      registry: {
        address: "zookeeper://127.0.0.1:3002",
        options: { sessionTimeout: 30000, cacheFile: "c" },
      },
      protocol: {
        name: "dubbo",
        port: 20882,
        host: undefined,
        bind: "0.0.0.0",
        workers: 1,
        options: { payload: 1024 },
      },
      protocols: {},
      consumer: { check: false, timeout: 2000, retries: 1 },
      provider: {},
      shutdown: { timeout: 3000, hook: true },
      sources: {
        name: "name (createApplication options)",
        "registry.address": "registry.address (createApplication options)",
        "protocol.name": "protocol.name (createApplication options)",
        "protocol.port": "DUBBO_PROTOCOL_PORT (environment)",
        "consumer.timeout": "consumer.timeout (createApplication options)",
        "consumer.retries": "consumer.retries in /etc/app/dubbo.json",
        "consumer.check": "DUBBO_CONSUMER_CHECK (environment)",
        "shutdown.timeout": "shutdown.timeout in /etc/app/dubbo.json",
      },
    });
  });

  it("binds where it registers when a host is configured, else on all interfaces", () => {
    expect(
      resolveConfig({ code: { name: "a", protocol: { host: "127.0.0.1" } } }).protocol.bind,
    ).toBe("127.0.0.1");
    expect(
      resolveConfig({ code: { name: "a", protocol: { host: "127.0.0.1", bind: "0.0.0.0" } } })
        .protocol.bind,
    ).toBe("0.0.0.0");
  });

  it("applies Dubbo's defaults", () => {
    expect(resolveConfig({ code: { name: "a" } })).toMatchObject({
      registry: undefined,
      protocol: { name: "dubbo", port: 20880, host: undefined },
      consumer: { check: true },
      shutdown: { timeout: 10000 },
    });
  });

  it("reads every Java-style environment variable", () => {
    const config = resolveConfig({
      env: {
        DUBBO_APPLICATION_NAME: "env-app",
        DUBBO_REGISTRY_ADDRESS: "127.0.0.1:2182,127.0.0.1:2183",
        DUBBO_PROTOCOL_NAME: "dubbo",
        DUBBO_PROTOCOL_PORT: "0",
        DUBBO_PROTOCOL_HOST: "127.0.0.2",
        DUBBO_IP_TO_REGISTRY: "127.0.0.3",
        DUBBO_IP_TO_BIND: "0.0.0.0",
        DUBBO_CONSUMER_TIMEOUT: "1500",
        DUBBO_CONSUMER_RETRIES: "0",
        DUBBO_CONSUMER_LOADBALANCE: "roundrobin",
        DUBBO_CONSUMER_CLUSTER: "failfast",
        DUBBO_CONSUMER_CHECK: "true",
        DUBBO_CONSUMER_ACTIVES: "5",
        DUBBO_CONSUMER_STICKY: "true",
        DUBBO_CONSUMER_VERSION: "1.0.0",
        DUBBO_CONSUMER_GROUP: "g",
        DUBBO_PROVIDER_TIMEOUT: "3000",
        DUBBO_PROVIDER_RETRIES: "1",
        DUBBO_PROVIDER_LOADBALANCE: "leastactive",
        DUBBO_PROVIDER_CLUSTER: "failover",
        DUBBO_PROVIDER_WEIGHT: "50",
        DUBBO_PROVIDER_WARMUP: "0",
        DUBBO_PROVIDER_TOKEN: "true",
        DUBBO_PROVIDER_EXECUTES: "10",
        DUBBO_PROVIDER_ACCESSLOG: "/tmp/access.log",
        DUBBO_PROVIDER_DELAY: "100",
        DUBBO_PROVIDER_VERSION: "2.0.0",
        DUBBO_PROVIDER_GROUP: "pg",
        DUBBO_SERVICE_SHUTDOWN_WAIT: "15000",
      },
    });
    expect(config).toMatchObject({
      name: "env-app",
      registry: { address: "127.0.0.1:2182,127.0.0.1:2183" },
      protocol: { name: "dubbo", port: 0, host: "127.0.0.3", bind: "0.0.0.0" },
      consumer: {
        timeout: 1500,
        retries: 0,
        loadbalance: "roundrobin",
        cluster: "failfast",
        check: true,
        actives: 5,
        sticky: true,
        version: "1.0.0",
        group: "g",
      },
      provider: {
        timeout: 3000,
        retries: 1,
        loadbalance: "leastactive",
        cluster: "failover",
        weight: 50,
        warmup: 0,
        token: true,
        executes: 10,
        accesslog: "/tmp/access.log",
        delay: 100,
        version: "2.0.0",
        group: "pg",
      },
      shutdown: { timeout: 15000 },
    });
    expect(ENVIRONMENT).toContain("DUBBO_CONFIG_FILE");
  });

  it("turns the registry off with false or N/A, and the environment can turn it back on", () => {
    expect(resolveConfig({ code: { name: "a", registry: false } }).registry).toBeUndefined();
    expect(
      resolveConfig({ code: { name: "a", registry: { address: "N/A" } } }).registry,
    ).toBeUndefined();
    expect(
      resolveConfig({
        code: { name: "a", registry: { address: "zookeeper://127.0.0.1:1" } },
        env: { DUBBO_REGISTRY_ADDRESS: "N/A" },
      }).registry,
    ).toBeUndefined();
    expect(
      resolveConfig({
        code: { name: "a", registry: false },
        env: { DUBBO_REGISTRY_ADDRESS: "zookeeper://127.0.0.1:5" },
      }).registry?.address,
    ).toBe("zookeeper://127.0.0.1:5");
  });
});

describe("configuration errors", () => {
  const bad = (sources: Parameters<typeof resolveConfig>[0]) => () => resolveConfig(sources);
  const env = (vars: Record<string, string>) => bad({ code: { name: "a" }, env: vars });

  it.each([
    [
      { DUBBO_PROTOCOL_PORT: "abc" },
      TypeError,
      'DUBBO_PROTOCOL_PORT (environment) must be an integer from 0 to 65535 (0 picks a free port), got "abc"',
    ],
    [
      { DUBBO_PROTOCOL_PORT: "70000" },
      RangeError,
      'DUBBO_PROTOCOL_PORT (environment) must be an integer from 0 to 65535 (0 picks a free port), got "70000"',
    ],
    [
      { DUBBO_REGISTRY_ADDRESS: "zookeeper://127.0.0.1" },
      TypeError,
      'DUBBO_REGISTRY_ADDRESS (environment) must look like zookeeper://host:port[,host:port…] (or "N/A" for no registry), got "zookeeper://127.0.0.1"',
    ],
    [
      { DUBBO_REGISTRY_ADDRESS: "127.0.0.1:2181,127.0.0.1:99999" },
      TypeError,
      "DUBBO_REGISTRY_ADDRESS (environment) must look like zookeeper://host:port",
    ],
    [
      { DUBBO_PROTOCOL_HOST: "0.0.0.0" },
      RangeError,
      'DUBBO_PROTOCOL_HOST (environment) must be an address consumers can reach, not the wildcard "0.0.0.0"; leave it unset to register this machine\'s IP',
    ],
    [
      { DUBBO_IP_TO_REGISTRY: "not a host!" },
      TypeError,
      'DUBBO_IP_TO_REGISTRY (environment) must be a host name or IP address, got "not a host!"',
    ],
    [
      { DUBBO_IP_TO_BIND: "any host" },
      TypeError,
      'DUBBO_IP_TO_BIND (environment) must be a host name or IP address to listen on, got "any host"',
    ],
    [
      { DUBBO_CONSUMER_TIMEOUT: "0" },
      RangeError,
      'DUBBO_CONSUMER_TIMEOUT (environment) must be a positive integer (milliseconds), got "0"',
    ],
    [
      { DUBBO_CONSUMER_TIMEOUT: "1.5" },
      TypeError,
      'DUBBO_CONSUMER_TIMEOUT (environment) must be a positive integer (milliseconds), got "1.5"',
    ],
    [
      { DUBBO_CONSUMER_RETRIES: "-1" },
      RangeError,
      'DUBBO_CONSUMER_RETRIES (environment) must be an integer ≥ 0, got "-1"',
    ],
    [
      { DUBBO_CONSUMER_CHECK: "yes" },
      TypeError,
      'DUBBO_CONSUMER_CHECK (environment) must be true or false, got "yes"',
    ],
    [
      { DUBBO_CONSUMER_LOADBALANCE: "rondom" },
      RangeError,
      "DUBBO_CONSUMER_LOADBALANCE (environment) must be one of random, roundrobin, leastactive, consistenthash, shortestresponse",
    ],
    [
      { DUBBO_CONSUMER_CLUSTER: "failnever" },
      RangeError,
      'DUBBO_CONSUMER_CLUSTER (environment) must be one of failover, failfast, failsafe, failback, forking, broadcast, available, got "failnever"',
    ],
    [
      { DUBBO_CONSUMER_VERSION: "1.0 beta" },
      TypeError,
      'DUBBO_CONSUMER_VERSION (environment) may only contain letters, digits and . _ - * , , got "1.0 beta"',
    ],
    [
      { DUBBO_PROVIDER_WEIGHT: "heavy" },
      TypeError,
      'DUBBO_PROVIDER_WEIGHT (environment) must be an integer ≥ 0, got "heavy"',
    ],
    [
      { DUBBO_PROVIDER_WARMUP: "-5" },
      RangeError,
      'DUBBO_PROVIDER_WARMUP (environment) must be an integer ≥ 0 (milliseconds), got "-5"',
    ],
    [
      { DUBBO_SERVICE_SHUTDOWN_WAIT: "soon" },
      TypeError,
      'DUBBO_SERVICE_SHUTDOWN_WAIT (environment) must be an integer ≥ 0 (milliseconds), got "soon"',
    ],
    [
      { DUBBO_APPLICATION_NAME: "   " },
      TypeError,
      'DUBBO_APPLICATION_NAME (environment) must be a non-empty string, got "   "',
    ],
  ])("%o → %s", (vars, type, message) => {
    const run = env(vars as Record<string, string>);
    expect(run).toThrow(type as ErrorConstructor);
    expect(run).toThrow(message as string);
  });

  it("reads protocol.workers: an integer ≥ 1 or auto, DUBBO_PROTOCOL_WORKERS over code", () => {
    expect(resolveConfig({ code: { name: "a" } }).protocol.workers).toBe(1);
    expect(resolveConfig({ code: { name: "a", protocol: { workers: 3 } } }).protocol).toMatchObject(
      { workers: 3, options: {} },
    );
    expect(
      resolveConfig({
        code: { name: "a", protocol: { workers: 3 } },
        env: { DUBBO_PROTOCOL_WORKERS: "auto" },
      }).protocol.workers,
    ).toBe(availableParallelism());
    const what = 'an integer ≥ 1 or "auto" (one worker process per core; 1 serves in this process)';
    for (const [workers, type] of [
      [0, RangeError],
      [-1, RangeError],
      ["x", TypeError],
      [1.5, TypeError],
    ] as const) {
      const run = bad({ code: { name: "a", protocol: { workers: workers as number } } });
      expect(run).toThrow(type);
      expect(run).toThrow(
        `protocol.workers (createApplication options) must be ${what}, got ${JSON.stringify(workers)}`,
      );
    }
    expect(bad({ code: { name: "a" }, env: { DUBBO_PROTOCOL_WORKERS: "0" } })).toThrow(
      `DUBBO_PROTOCOL_WORKERS (environment) must be ${what}, got "0"`,
    );
    expect(
      bad({ code: { name: "a", protocols: { tri: { port: 1, workers: 2 } as never } } }),
    ).toThrow(TypeError);
  });

  it("names the code option or the file key that is wrong", () => {
    expect(bad({ code: { name: "a", protocol: { port: -1 } } })).toThrow(
      "protocol.port (createApplication options) must be an integer from 0 to 65535 (0 picks a free port), got -1",
    );
    expect(
      bad({
        code: { name: "a" },
        file: { path: "/x/dubbo.json", data: { consumer: { retries: "two" } } },
      }),
    ).toThrow('consumer.retries in /x/dubbo.json must be an integer ≥ 0, got "two"');
    expect(bad({ code: { name: "a", provider: { token: "" } } })).toThrow(
      'provider.token (createApplication options) must be a non-empty string like "true", got ""',
    );
    expect(bad({ code: { name: "a", provider: { accesslog: 3 as unknown as string } } })).toThrow(
      'provider.accesslog (createApplication options) must be a non-empty string like "/var/log/dubbo-access.log", got 3',
    );
    expect(bad({ code: { name: 7 as unknown as string } })).toThrow(
      "name (createApplication options) must be a non-empty string, got 7",
    );
  });

  it("requires a name and a registry address when a registry section exists", () => {
    expect(bad({})).toThrow(
      'the application name is missing: pass createApplication({ name: "my-app" }), set "name" in the config file, or set DUBBO_APPLICATION_NAME',
    );
    expect(bad({ code: { name: "a", registry: {} as unknown as { address: string } } })).toThrow(
      'registry.address is missing (createApplication options): set it like "zookeeper://127.0.0.1:2181", set DUBBO_REGISTRY_ADDRESS, or use registry: false for none',
    );
  });

  it("rejects unknown keys and wrong section types", () => {
    expect(bad({ code: { name: "a", registy: {} } as unknown as DubboConfig })).toThrow(
      'unknown key "registy" in the createApplication options; known keys: name, registry, protocol, protocols, consumer, provider, shutdown, application',
    );
    expect(
      bad({
        code: { name: "a" },
        file: { path: "/x/dubbo.json", data: { consumer: { timout: 1 } } },
      }),
    ).toThrow(
      'unknown key "timout" in consumer of /x/dubbo.json; known keys: timeout, retries, loadbalance, cluster, check, actives, sticky, version, group',
    );
    expect(bad({ code: { name: "a" }, file: { path: "/x/dubbo.json", data: [] } })).toThrow(
      "/x/dubbo.json must be an object, got []",
    );
    expect(bad({ code: { name: "a", protocol: "dubbo" as unknown as { port: number } } })).toThrow(
      'protocol of the createApplication options must be an object, got "dubbo"',
    );
  });
});

describe("loadConfig", () => {
  it("reads the file named by DUBBO_CONFIG_FILE, else by configFile", () => {
    const a = writeJson("a.json", { name: "file-a", protocol: { port: 1234 } });
    const b = writeJson("b.json", { name: "file-b" });
    expect(loadConfig({ configFile: a }).protocol.port).toBe(1234);
    expect(loadConfig({ configFile: a, env: { DUBBO_CONFIG_FILE: b } }).name).toBe("file-b");
  });

  it("reports unreadable and malformed files with their path", () => {
    const missing = path.join(dir, "missing.json");
    expect(() => loadConfig({ configFile: missing })).toThrow(
      `cannot read the config file ${missing} (configFile option): ENOENT`,
    );
    const broken = writeJson("broken.json", "{ name: ");
    expect(() => loadConfig({ env: { DUBBO_CONFIG_FILE: broken } })).toThrow(
      `the config file ${broken} (DUBBO_CONFIG_FILE) is not valid JSON:`,
    );
  });
});
