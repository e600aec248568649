import type { Registry, RegistryStatus } from "./registry.js";
import type { ServiceUrl } from "./service-url.js";

/**
 * Every provider URL the registry holds for the consumer's interface, whatever its version, group,
 * classifier or `enabled` flag: one subscription with Java's wildcards (`version=*`, `group=*`,
 * `enabled=*`; UrlUtils.isMatch), read once and dropped. Used only to explain a failure, so it
 * never throws: a registry that cannot answer within `timeoutMs` gives `undefined`.
 */
export async function listRegistered(
  registry: Registry,
  consumerUrl: ServiceUrl,
  timeoutMs = 3000,
): Promise<readonly ServiceUrl[] | undefined> {
  const wildcard = consumerUrl.with({ protocol: "consumer" }).withParameters({
    category: "providers",
    version: "*",
    group: "*",
    classifier: "*",
    enabled: "*",
    check: "false",
  });
  let urls: readonly ServiceUrl[] | undefined;
  const listener = (notified: ServiceUrl[]) => {
    urls = notified.filter((u) => u.protocol !== "empty");
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      registry.subscribe(wildcard, listener),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    await registry.unsubscribe(wildcard, listener).catch(() => {});
  }
  return urls;
}

/**
 * What the registry has for an interface, for the "no provider" message: versions, groups and
 * protocols with their counts and a few addresses, e.g. `2 providers: version 2.0.0, no group,
 * dubbo (2: 10.0.0.5:20880, 10.0.0.6:20880)`; disabled ones are marked.
 */
export function describeRegistered(urls: readonly ServiceUrl[]): string {
  if (urls.length === 0) return "no provider of this interface at all";
  const groups = new Map<string, string[]>();
  for (const url of urls) {
    const version = url.getParameter("version");
    const group = url.getParameter("group");
    const disabled =
      url.getParameter("disabled") === "true" || url.getParameter("enabled") === "false";
    const key = [
      version ? `version ${version}` : "no version",
      group ? `group ${group}` : "no group",
      url.protocol,
      ...(disabled ? ["disabled"] : []),
    ].join(", ");
    groups.set(key, [...(groups.get(key) ?? []), url.address]);
  }
  const parts = [...groups].map(([key, addresses]) => {
    const shown = addresses.slice(0, 3).join(", ");
    const more = addresses.length > 3 ? ` and ${addresses.length - 3} more` : "";
    return `${key} (${addresses.length}: ${shown}${more})`;
  });
  return `${urls.length} provider${urls.length === 1 ? "" : "s"}: ${parts.join("; ")}`;
}

/** The registry's status when it says it is not connected, else undefined. */
export function disconnected(registry: Registry): RegistryStatus | undefined {
  const status = registry.status?.();
  return status && !status.connected ? status : undefined;
}

/** "the registry 127.0.0.1:2181 is not connected (for 5.0 s; last error: connect ECONNREFUSED …)". */
export function describeDisconnected(status: RegistryStatus): string {
  const seconds = ((Date.now() - status.since) / 1000).toFixed(1);
  const error = status.lastError ? `; last error: ${status.lastError}` : "";
  return `the registry ${status.address} is not connected (for ${seconds} s${error})`;
}
