import net from "node:net";
import { Code, type Logger, RpcError } from "@dubbo-ts/core";
import {
  encodeHeartbeatRequest,
  encodeHeartbeatResponse,
  eventKind,
  MAX_EVENT_BODY,
} from "./event.js";
import { type Frame, FrameDecoder } from "./frame-decoder.js";
import { hessian2Serialization } from "./hessian/hessian2-serialization.js";
import { networkError } from "./network-error.js";
import { nextRequestId } from "./request-id.js";
import { createCoalescingWriter } from "./write-coalescer.js";

export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** Body limit of responses; a larger one fails its call at once (Java: status 90). */
  readonly maxPayload: number;
  /** A heartbeat is sent after this long without reads (60 s); no read for 3× this → reconnect. */
  readonly heartbeat: number;
  readonly connectTimeout: number;
  /** First reconnect delay; doubles up to `maxReconnectDelay` (with jitter), reset on success. */
  readonly reconnectDelay: number;
  readonly maxReconnectDelay: number;
}

type State = "idle" | "connecting" | "open" | "backoff" | "closed";

interface Pending {
  resolve(frame: Frame): void;
  reject(error: RpcError): void;
  timer: NodeJS.Timeout;
}

/**
 * One multiplexed client connection to a provider (the only file owning client sockets; Java's
 * HeaderExchangeClient + DefaultFuture). Calls are matched to responses by request id; each has
 * its own timeout (`Code.Timeout`); a dead socket fails every pending call at once with
 * `Code.Network` (never re-sent) and reconnects with backoff; responses with unknown ids are
 * dropped; nothing settles twice. A heartbeat goes out after `heartbeat` ms without reads.
 * The read-only event `"R"` marks the connection unavailable (calls in flight still complete).
 *
 * Constructing does no I/O: the first `request` (or `connect`) opens the socket.
 */
export class Connection {
  private state: State = "idle";
  private socket: net.Socket | undefined;
  private write: ((frame: Buffer) => boolean) | undefined;
  private connecting: Promise<void> | undefined;
  private readonly pending = new Map<bigint, Pending>();
  private lastRead = 0;
  private lastHeartbeat = 0;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempts = 0;
  private readOnly = false;

  constructor(private readonly options: ConnectionOptions) {}

  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** Calls waiting for their response. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** False once the provider sent "R", while reconnecting, and after close. */
  isAvailable(): boolean {
    return (
      (this.state === "open" || this.state === "idle" || this.state === "connecting") &&
      !this.readOnly
    );
  }

  /** Opens the socket if needed; rejects with `Code.Network` if it cannot (within `connectTimeout`). */
  connect(): Promise<void> {
    if (this.state === "open") return Promise.resolve();
    if (this.state === "closed")
      return Promise.reject(networkError(this.address, undefined, "connection closed"));
    if (this.state === "backoff") {
      return Promise.reject(networkError(this.address, undefined, "not connected (reconnecting)"));
    }
    if (!this.connecting) this.connecting = this.open();
    return this.connecting;
  }

  /**
   * Sends the frame built for a fresh request id and resolves with the response frame. With
   * `timeoutMs` ≤ 0 the call is one-way: it resolves (with null) once written.
   */
  async request(build: (id: bigint) => Buffer, timeoutMs: number): Promise<Frame | null> {
    await this.connect();
    const id = nextRequestId();
    const frame = build(id);
    if (!this.write || this.state !== "open")
      throw networkError(this.address, undefined, "connection closed");
    if (timeoutMs <= 0) {
      this.write(frame);
      return null;
    }
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) {
          reject(
            new RpcError(
              Code.Timeout,
              `Waiting server-side response timeout. timeout: ${timeoutMs} ms, request id: ${id}, provider: ${this.address}`,
            ),
          );
        }
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.write!(frame);
    });
  }

  /** Closes for good: pending calls fail with `Code.Network`, no reconnect. Idempotent. */
  close(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.heartbeatTimer);
    this.failPending(networkError(this.address, undefined, "connection closed"));
    this.socket?.destroy();
  }

  private open(): Promise<void> {
    this.state = "connecting";
    return new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port });
      const decoder = new FrameDecoder({ maxPayload: this.options.maxPayload });
      let settled = false;
      const timer = setTimeout(
        () => socket.destroy(new Error(`connect timeout ${this.options.connectTimeout} ms`)),
        this.options.connectTimeout,
      );
      socket.setNoDelay(true);
      socket.once("connect", () => {
        clearTimeout(timer);
        if (this.state === "closed") return socket.destroy();
        settled = true;
        this.socket = socket;
        this.write = createCoalescingWriter(socket);
        this.state = "open";
        this.connecting = undefined;
        this.attempts = 0;
        this.readOnly = false;
        this.lastRead = Date.now();
        this.scheduleHeartbeat(this.options.heartbeat);
        resolve();
      });
      socket.on("data", (chunk: Buffer) => {
        this.lastRead = Date.now();
        let frames: Frame[];
        try {
          frames = decoder.decode(chunk);
        } catch (e) {
          this.options.logger.warn(
            { provider: this.address, err: (e as Error).message },
            "dubbo: provider sent a non-Dubbo stream",
          );
          socket.destroy();
          return;
        }
        for (const f of frames) this.onFrame(f);
      });
      socket.on("error", (e) => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          reject(networkError(this.address, e));
        }
        this.options.logger.debug(
          { provider: this.address, err: e.message },
          "dubbo: socket error",
        );
      });
      socket.on("close", () => {
        clearTimeout(timer);
        if (!settled) {
          settled = true;
          reject(
            networkError(this.address, undefined, "connection closed before it was established"),
          );
        }
        this.onClose(socket);
      });
    });
  }

  private onFrame(frame: Frame): void {
    const { header, body } = frame;
    if (header.event) {
      if (header.request && body) {
        if (header.twoWay && body.length <= MAX_EVENT_BODY) {
          this.write?.(encodeHeartbeatResponse(header.id, header.serializationId, body));
        }
        const kind = eventKind(body, header.serializationId);
        if (kind === "readonly") this.readOnly = true; // HeaderExchangeHandler: channel.readonly
        if (kind === "writeable") this.readOnly = false;
      }
      return; // heartbeat responses only refresh lastRead
    }
    if (header.request) return; // requests sent to a client are ignored (robustness.md S11)
    const pending = this.pending.get(header.id);
    if (!pending) {
      this.options.logger.debug(
        { provider: this.address, id: String(header.id) },
        "dubbo: dropping a response with an unknown id",
      );
      return;
    }
    this.pending.delete(header.id);
    clearTimeout(pending.timer);
    pending.resolve(frame);
  }

  private onClose(socket: net.Socket): void {
    if (this.socket !== socket && this.state !== "connecting") return;
    this.socket = undefined;
    this.write = undefined;
    this.connecting = undefined;
    clearTimeout(this.heartbeatTimer);
    this.failPending(
      networkError(this.address, undefined, "connection closed with the call in flight"),
    );
    if (this.state === "closed") return;
    this.state = "backoff";
    const base = Math.min(
      this.options.maxReconnectDelay,
      this.options.reconnectDelay * 2 ** this.attempts++,
    );
    const delay = base / 2 + Math.random() * (base / 2);
    this.options.logger.info(
      { provider: this.address, delay: Math.round(delay) },
      "dubbo: connection lost, reconnecting",
    );
    this.reconnectTimer = setTimeout(() => {
      if (this.state !== "backoff") return;
      this.connecting = this.open();
      this.connecting.catch(() => undefined);
    }, delay);
    this.reconnectTimer.unref();
  }

  private failPending(error: RpcError): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const p of calls) {
      clearTimeout(p.timer);
      p.reject(error);
    }
  }

  /** IdleStateHandler(readerIdle = heartbeat) + ReconnectTimerTask (3 × heartbeat). */
  private scheduleHeartbeat(delay: number): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => this.checkIdle(), Math.max(delay, 1));
    this.heartbeatTimer.unref();
  }

  private checkIdle(): void {
    if (this.state !== "open" || !this.socket) return;
    const { heartbeat } = this.options;
    const now = Date.now();
    const idle = now - this.lastRead;
    if (idle >= heartbeat * 3) {
      this.options.logger.warn(
        { provider: this.address, idle },
        "dubbo: no reads for 3 heartbeats, reconnecting",
      );
      this.socket.destroy();
      return;
    }
    if (idle >= heartbeat && now - this.lastHeartbeat >= heartbeat) {
      this.lastHeartbeat = now;
      this.write?.(encodeHeartbeatRequest(nextRequestId(), hessian2Serialization));
    }
    const sinceRead = heartbeat - (now - this.lastRead);
    this.scheduleHeartbeat(sinceRead > 0 ? sinceRead : heartbeat);
  }
}
