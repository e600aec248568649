import { type Application, createApplication, type GenericService } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";

/** Which service a generic command calls, and how it finds the provider. */
export interface GenericTarget {
  readonly interface: string;
  readonly version?: string | undefined;
  readonly group?: string | undefined;
  /** Registry address (ignored when `url` is given). */
  readonly registry?: string | undefined;
  /** Direct provider address `dubbo://host:port`, bypassing the registry. */
  readonly url?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

/**
 * Runs `use` with a generic reference (Java's `GenericService`) to the target, inside a consumer
 * application named `dubbo-ts-cli` that registers nothing (`register: false`, as Java's QoS
 * `invoke` adds no consumer node) and is closed afterwards, whatever happens. No retries: a
 * command-line call runs once.
 */
export async function withGenericService<T>(
  targets: readonly GenericTarget[],
  use: (services: GenericService[]) => Promise<T>,
): Promise<T> {
  const registry = targets.find((t) => t.url === undefined)?.registry;
  const app: Application = createApplication({
    name: "dubbo-ts-cli",
    registry: registry === undefined ? false : { address: registry },
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
  });
  const services = targets.map((t) =>
    app.generic({
      interface: t.interface,
      version: t.version,
      group: t.group,
      url: t.url,
      timeout: t.timeoutMs ?? 5000,
      retries: 0,
      register: false,
      check: false,
    }),
  );
  try {
    await app.start();
    return await use(services);
  } finally {
    await app.close({ timeoutMs: 1000 });
  }
}
