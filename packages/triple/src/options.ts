import { DEFAULT_MAX_MESSAGE_SIZE } from "./message-codec.js";

/** Limits and timers shared by the Triple server and client, with gRPC/Dubbo defaults. */
export interface TripleLimits {
  /** Largest message received, after decompression (4 MiB, gRPC's default). */
  readonly maxMessageSize: number;
  /** Largest header list (SETTINGS_MAX_HEADER_LIST_SIZE), 32 KiB: above gRPC's 8 KiB because Dubbo attachments travel as headers. */
  readonly maxHeaderListSize: number;
  /** Streams a client may open at once on one connection; grpc-java's unlimited is a DoS door, 1000. */
  readonly maxConcurrentStreams: number;
  /** Client keep-alive PING interval, ms (30 000); 0 disables. */
  readonly keepAliveTime: number;
  /** Client PING ACK timeout, ms (20 000, grpc's keepalive timeout). */
  readonly keepAliveTimeout: number;
}

export const DEFAULT_LIMITS: TripleLimits = {
  maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE,
  maxHeaderListSize: 32 * 1024,
  maxConcurrentStreams: 1000,
  keepAliveTime: 30_000,
  keepAliveTimeout: 20_000,
};

/** A positive integer option, or its default; anything else is a start-up RangeError naming it. */
export function positiveOption(
  value: unknown,
  fallback: number,
  name: string,
  allowZero = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < 0 ||
    (value === 0 && !allowZero)
  ) {
    throw new RangeError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Reads the limits from user options, validating each. */
export function resolveLimits(options: Partial<TripleLimits>): TripleLimits {
  return {
    maxMessageSize: positiveOption(
      options.maxMessageSize,
      DEFAULT_LIMITS.maxMessageSize,
      "maxMessageSize (bytes)",
    ),
    maxHeaderListSize: positiveOption(
      options.maxHeaderListSize,
      DEFAULT_LIMITS.maxHeaderListSize,
      "maxHeaderListSize (bytes)",
    ),
    maxConcurrentStreams: positiveOption(
      options.maxConcurrentStreams,
      DEFAULT_LIMITS.maxConcurrentStreams,
      "maxConcurrentStreams",
    ),
    keepAliveTime: positiveOption(
      options.keepAliveTime,
      DEFAULT_LIMITS.keepAliveTime,
      "keepAliveTime (ms)",
      true,
    ),
    keepAliveTimeout: positiveOption(
      options.keepAliveTimeout,
      DEFAULT_LIMITS.keepAliveTimeout,
      "keepAliveTimeout (ms)",
    ),
  };
}

/**
 * TLS (h2 over TLS, ALPN "h2") instead of h2c. A server uses it when `key` and `cert` are set; a
 * client when `ca` is set (the certificates it trusts; `servername` for SNI and the check).
 */
export interface TlsOptions {
  readonly key?: string | Buffer | undefined;
  readonly cert?: string | Buffer | undefined;
  readonly ca?: string | Buffer | undefined;
  readonly servername?: string | undefined;
}

/** The server side of `tls`: key and certificate, or undefined for h2c. */
export function serverTls(tls: TlsOptions | undefined) {
  if (!tls?.key && !tls?.cert) return undefined;
  if (!tls.key || !tls.cert) {
    throw new TypeError("tls needs both key and cert to serve over TLS (PEM strings or Buffers)");
  }
  return { key: tls.key, cert: tls.cert };
}

/** The client side of `tls`: the trusted CA (and SNI name), or undefined for h2c. */
export function clientTls(tls: TlsOptions | undefined) {
  return tls?.ca ? { ca: tls.ca, servername: tls.servername } : undefined;
}
