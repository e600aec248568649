import type { Logger } from "./logger.js";
import type { Protocol } from "./protocol.js";
import type { Registry } from "./registry.js";
import type { ExportedService } from "./service-export.js";
import type { ConnectedReference } from "./service-reference.js";

/** What a started application holds, in the order graceful shutdown releases it. */
export interface ShutdownParts {
  readonly exported: readonly ExportedService[];
  readonly references: readonly ConnectedReference[];
  readonly protocol: Protocol | undefined;
  readonly registry: Registry | undefined;
  readonly logger: Logger;
}

/**
 * Graceful shutdown within `timeoutMs` (Java's DubboShutdownHook order): unregister every
 * provider and consumer URL, close the protocol (it sends `"R"` to every connection, serves what
 * consumers sent before reading it and waits for calls in flight), refuse new calls to the
 * services and wait for those still running, destroy the references, close the registry.
 * Failures of one step are logged and never stop the next.
 */
export async function shutdown(parts: ShutdownParts, timeoutMs: number): Promise<void> {
  const { exported, references, protocol, registry, logger } = parts;
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(0, deadline - Date.now());
  if (registry) {
    const urls = [
      ...exported.filter((e) => e.registered).map((e) => e.url),
      ...references.flatMap((r) => (r.registeredUrl ? [r.registeredUrl] : [])),
    ];
    await Promise.all(
      urls.map((u) =>
        registry
          .unregister(u)
          .catch((e: unknown) =>
            logger.warn({ err: e, url: u.toFullString() }, "unregister failed"),
          ),
      ),
    );
  }
  // The protocol sends "R" now and keeps serving what consumers sent before reading it (as
  // Java's provider does: a retries=0 call must not fail); it refuses, unexecuted, what arrives
  // once it has drained, and closes. Calls already running finish within the deadline.
  if (protocol) {
    await protocol
      .close({ deadlineMs: remaining() })
      .catch((e: unknown) => logger.warn({ err: e }, "protocol close failed"));
  }
  // Nothing new may run from here on (a protocol that still delivers gets a retryable refusal).
  for (const e of exported) e.invoker.refuseNewCalls();
  for (const e of exported) {
    if (!(await e.invoker.whenIdle(remaining()))) {
      logger.warn(
        { service: e.url.serviceKey, inFlight: e.invoker.inFlight },
        "service calls still running at the shutdown deadline",
      );
    }
    await e.invoker.destroy();
    await e.accessLog?.close();
  }
  await Promise.all(references.map((r) => r.invoker.destroy().catch(() => {})));
  await registry?.close().catch((e: unknown) => logger.warn({ err: e }, "registry close failed"));
}
