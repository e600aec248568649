import type { ServiceInstance } from "@dubbo-ts/core/spi";

/** The payload class Java's `ZookeeperServiceDiscovery` stores in each Curator instance. */
export const ZOOKEEPER_INSTANCE_CLASS = "org.apache.dubbo.registry.zookeeper.ZookeeperInstance";

/**
 * The node data of an instance under `/services/<app>/<host:port>`: Curator x-discovery's
 * `ServiceInstance` JSON (`JsonInstanceSerializer`) with Dubbo's `ZookeeperInstance` payload,
 * as `CuratorFrameworkUtils.build` writes it.
 */
export function toCuratorJson(instance: ServiceInstance, registrationTimeUTC: number): string {
  const id = `${instance.host}:${instance.port}`;
  return JSON.stringify({
    name: instance.name,
    id,
    address: instance.host,
    port: instance.port,
    sslPort: null,
    payload: {
      "@class": ZOOKEEPER_INSTANCE_CLASS,
      id,
      name: instance.name,
      metadata: instance.metadata,
    },
    registrationTimeUTC,
    serviceType: "DYNAMIC",
    uriSpec: null,
  });
}

/** Reads an instance node's JSON; undefined for data that is not a Curator instance. */
export function fromCuratorJson(text: string): ServiceInstance | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const payload = (r.payload ?? {}) as Record<string, unknown>;
  const name = typeof r.name === "string" ? r.name : undefined;
  const host = typeof r.address === "string" ? r.address : undefined;
  const port = Number(r.port);
  if (!name || !host || !Number.isInteger(port) || port <= 0) return undefined;
  const metadata: Record<string, string> = {};
  const rawMetadata = (payload.metadata ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(rawMetadata)) if (v != null) metadata[k] = String(v);
  return { name, host, port, metadata };
}
