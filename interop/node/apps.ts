/**
 * The Node side of the interop suite, built only with dubbo-ts's public API: a provider exporting
 * TypeMatrixService and BrandService (version 1.0.0) and a consumer application, both on a
 * ZooKeeper registry shared with the Java peers.
 */
import {
  type Application,
  type ApplicationConfig,
  createApplication,
  type Filter,
  type Logger,
  type ServiceEntry,
} from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { BrandServiceImpl, TypeMatrixServiceImpl } from "./services.js";

/**
 * A registry address both sides accept: `zookeeper://h1:p1?backup=h2:p2,h3:p3[&group=<root>]`.
 * `group` is the ZooKeeper root (`/<root>` instead of `/dubbo`) in Java 2.6/2.7/3.x and dubbo-ts,
 * which lets each test use its own tree of the one shared ensemble.
 */
export function registryAddress(zkConnect: string, root?: string): string {
  const [first, ...backup] = zkConnect.split(",");
  const params: string[] = [];
  if (backup.length > 0) params.push(`backup=${backup.join(",")}`);
  if (root) params.push(`group=${root}`);
  return `zookeeper://${first}${params.length ? `?${params.join("&")}` : ""}`;
}

export interface NodeProviderOptions {
  /** A `registryAddress(...)`. */
  registry: string;
  /** What `whoAmI` answers after `node/` (default the application name). */
  name?: string;
  application?: string;
  /** Services to export (default TypeMatrixService and BrandService). */
  services?: readonly ServiceEntry[];
  /** `dubbo.service.shutdown.wait` in ms for `close()` (default 5000). */
  shutdownMs?: number;
  /** register-mode, metadata-type (Java 3.x defaults when omitted). */
  discovery?: ApplicationConfig;
  logger?: Logger;
}

export interface NodeProvider {
  readonly app: Application;
  /** `127.0.0.1:<port>` as registered. */
  readonly address: string;
  readonly port: number;
  /** Calls that reached a service method so far (echo and generic calls included). */
  served(): number;
  close(): Promise<void>;
}

/**
 * Starts a provider on a free loopback port with `longs: "bigint"` (the type matrix echoes Java
 * longs up to ±(2^63−1)), exported and registered once this resolves.
 */
export async function startNodeProvider(options: NodeProviderOptions): Promise<NodeProvider> {
  const name = options.name ?? options.application ?? "interop-node-provider";
  let served = 0;
  const counter: Filter = (next) => (invocation) => {
    served++;
    return next(invocation);
  };
  const app = createApplication({
    name: options.application ?? "interop-node-provider",
    registry: { address: options.registry, cacheFile: false },
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1", longs: "bigint" },
    services: options.services ?? [new TypeMatrixServiceImpl(name), new BrandServiceImpl()],
    filters: { provider: [counter] },
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
    shutdown: { timeout: options.shutdownMs ?? 5000 },
    ...(options.discovery ? { application: options.discovery } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    env: false,
  });
  await app.start();
  const url = app.exported[0];
  if (!url) throw new Error("the Node provider exported nothing");
  return {
    app,
    address: url.address,
    port: url.port,
    served: () => served,
    close: () => app.close(),
  };
}

export interface NodeConsumerOptions {
  registry: string;
  application?: string;
  /** How Java longs decode (default "bigint", which the type matrix needs). */
  longs?: "number" | "bigint";
  /** The migration step (Java 3.3's default APPLICATION_FIRST when omitted). */
  discovery?: ApplicationConfig;
  logger?: Logger;
}

/** A consumer application (not started: add references, then `start()`). */
export function createNodeConsumer(options: NodeConsumerOptions): Application {
  return createApplication({
    name: options.application ?? "interop-node-consumer",
    registry: { address: options.registry, cacheFile: false },
    protocol: { name: "dubbo", host: "127.0.0.1", longs: options.longs ?? "bigint" },
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
    ...(options.discovery ? { application: options.discovery } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    env: false,
  });
}
