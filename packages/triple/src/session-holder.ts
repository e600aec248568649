import { type ClientHttp2Session, connect } from "node:http2";
import { connect as netConnect } from "node:net";
import type { Logger } from "@dubbo-ts/core/spi";

export interface SessionOptions {
  readonly host: string;
  readonly port: number;
  /** PING interval in ms on a connection (keep-alive); 0 disables. */
  readonly keepAliveTime: number;
  /** A PING without its ACK after this many ms closes the connection. */
  readonly keepAliveTimeout: number;
  readonly maxHeaderListSize: number;
  /** Connect with TLS (h2) trusting `ca`; h2c without. */
  readonly tls?:
    | { readonly ca: string | Buffer; readonly servername?: string | undefined }
    | undefined;
  readonly logger: Logger;
}

/** How long a failed address is reported unavailable before a call may try it again, ms. */
const RETRY_AFTER_MS = 2000;

/**
 * The one HTTP/2 connection (h2c) to a provider address, shared by every call and invoker of that
 * address; calls are multiplexed as streams. Opened lazily by `session()` and opened again after
 * it closed, failed or got GOAWAY (a GOAWAY'd connection finishes its streams and is then closed
 * by Node). While open, a PING every `keepAliveTime` ms checks the peer; no ACK within
 * `keepAliveTimeout` destroys the connection (its streams fail with UNAVAILABLE).
 */
export class SessionHolder {
  private current: ClientHttp2Session | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** When the last connection failed (0: it did not, or one has succeeded since). */
  private failedAt = 0;
  /** Calls in flight over this address (counted by `startCall`). */
  inFlight = 0;

  constructor(private readonly options: SessionOptions) {}

  /**
   * False for `RETRY_AFTER_MS` after a connection failed (the invoker reports unavailable, so
   * clusters prefer other providers), then true again so that a call tries to reconnect: a
   * provider that comes back is used again without being re-registered.
   */
  get healthy(): boolean {
    return this.failedAt === 0 || Date.now() - this.failedAt > RETRY_AFTER_MS;
  }

  /** `https` with TLS, else `http` (the `:scheme` of requests). */
  get scheme(): "http" | "https" {
    return this.options.tls ? "https" : "http";
  }

  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  session(): ClientHttp2Session {
    if (this.closed) throw new Error(`the connection to ${this.address} is closed`);
    const existing = this.current;
    if (existing && !existing.closed && !existing.destroyed) return existing;
    const { host, port, logger } = this.options;
    const tls = this.options.tls;
    const session = connect(`${this.scheme}://${host.includes(":") ? `[${host}]` : host}:${port}`, {
      settings: { enablePush: false, maxHeaderListSize: this.options.maxHeaderListSize },
      maxSessionMemory: 64,
      ...(tls
        ? { ca: tls.ca, ...(tls.servername ? { servername: tls.servername } : {}) }
        : // h2c: our own socket, so that small frames leave at once (no Nagle delay).
          { createConnection: () => netConnect({ host, port, noDelay: true }) }),
    });
    this.current = session;
    session.on("connect", () => {
      this.failedAt = 0;
    });
    session.on("error", (error) => {
      this.failedAt = Date.now();
      logger.debug({ err: error, address: this.address }, "triple: connection error");
    });
    session.on("goaway", () => {
      if (this.current === session) this.current = undefined;
    });
    session.on("close", () => {
      if (this.current === session) this.current = undefined;
      if (!this.current) this.stopKeepAlive();
    });
    this.startKeepAlive();
    return session;
  }

  /** Closes the connection after its in-flight streams (GOAWAY); idempotent. */
  close(): void {
    this.closed = true;
    this.stopKeepAlive();
    this.current?.close();
    this.current = undefined;
  }

  private startKeepAlive(): void {
    const { keepAliveTime, keepAliveTimeout } = this.options;
    if (keepAliveTime <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      const s = this.current;
      if (!s || s.closed || s.destroyed || s.connecting) return;
      const guard = setTimeout(() => {
        this.failedAt = Date.now();
        s.destroy(new Error(`no PING ACK from ${this.address} within ${keepAliveTimeout} ms`));
      }, keepAliveTimeout);
      guard.unref();
      try {
        s.ping((error) => {
          clearTimeout(guard);
          if (error) this.options.logger.debug({ err: error }, "triple: PING failed");
        });
      } catch {
        clearTimeout(guard);
      }
    }, keepAliveTime);
    this.timer.unref();
  }

  private stopKeepAlive(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
