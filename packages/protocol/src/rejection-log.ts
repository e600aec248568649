import { type Logger, toParameterDescriptor } from "@dubbo-ts/core/spi";
import type { ExportedServices } from "./exported-services.js";

/** What a refused request said about itself, as far as it was read. */
export interface Rejection {
  /** The caller's `host:port`. */
  readonly remoteAddress: string;
  /** The status-40 message sent back. */
  readonly reason: string;
  readonly service?: string | undefined;
  readonly version?: string | null | undefined;
  readonly method?: string | undefined;
  /** The JVM parameter descriptor the caller sent, e.g. `J` for `long`. */
  readonly descriptor?: string | undefined;
}

/** Logs refused requests; see `createRejectionLog`. */
export type RejectionLog = (rejection: Rejection) => void;

/** At most this many warnings per window; the rest are counted and reported with the next one. */
const PER_WINDOW = 10;
const WINDOW_MS = 10_000;

/**
 * Requests refused with status 40 (unknown method or signature, an undecodable body, another
 * serialization, over the payload) are answered correctly, but the caller's operator is the one
 * who sees the error: this logs each at `warn` with the caller's address and the descriptor it
 * sent, and for an unknown method the signatures the service does have under that name (a
 * `long` sent for `java.lang.Long` is the usual mismatch). Rate-limited per server (10 per 10 s,
 * then one line with the count of those left out), since a misbehaving client can send thousands;
 * no timer is involved.
 */
export function createRejectionLog(logger: Logger, services: ExportedServices): RejectionLog {
  let windowStart = 0;
  let logged = 0;
  let suppressed = 0;
  return (rejection) => {
    const now = Date.now();
    if (now - windowStart >= WINDOW_MS) {
      windowStart = now;
      logged = 0;
    }
    if (logged >= PER_WINDOW) {
      suppressed++;
      return;
    }
    logged++;
    const { remoteAddress, service, method, descriptor, version, reason } = rejection;
    const fields: Record<string, unknown> = { peer: remoteAddress, reason };
    if (service !== undefined) fields.service = service;
    if (method !== undefined) fields.method = method;
    if (descriptor !== undefined) fields.descriptor = descriptor;
    if (suppressed > 0) fields.suppressed = suppressed;
    suppressed = 0;
    let text = `dubbo: refused a request from ${remoteAddress} (status 40)`;
    if (service !== undefined && method !== undefined) {
      text = `dubbo: refused ${service}.${method}(${descriptor ?? "?"}) from ${remoteAddress} (status 40)`;
      const same = services
        .candidates(service, version ?? null)
        .flatMap((s) => s.definition.methods.filter((m) => m.name === method));
      if (same.length > 0) {
        const offered = same.map((m) => `${m.name}(${toParameterDescriptor(m.parameterTypes)})`);
        fields.offered = offered;
        text += `: the service has ${offered.join(", ")} (${same.map((m) => m.parameterTypes.join(", ")).join(" | ")})`;
      } else if (services.candidates(service, version ?? null).length > 0) {
        text += ": the service has no method of that name";
      }
    }
    logger.warn(fields, text);
  };
}
