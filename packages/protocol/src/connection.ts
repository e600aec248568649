import net from "node:net";
import type { Logger } from "@dubbo-ts/core/spi";
import {
  encodeHeartbeatRequest,
  encodeHeartbeatResponse,
  eventKind,
  MAX_EVENT_BODY,
} from "./event.js";
import { type Frame, FrameDecoder } from "./frame-decoder.js";
import { Heartbeat } from "./heartbeat.js";
import { hessian2Serialization } from "./hessian/hessian2-serialization.js";
import { networkError } from "./network-error.js";
import { PendingCalls } from "./pending-calls.js";
import { nextRequestId } from "./request-id.js";
import { createCoalescingWriter, REQUEST_FLUSH_BYTES } from "./write-coalescer.js";

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

/**
 * One multiplexed client connection to a provider (the only file owning client sockets; Java's
 * HeaderExchangeClient). Calls are matched to responses by request id, each with its own timeout
 * (`PendingCalls`). A dead socket fails every pending call at once with `Code.Network` (never
 * re-sent) and reconnects with backoff; responses with unknown ids are dropped; nothing settles
 * twice. A heartbeat goes out after `heartbeat` ms without reads (`Heartbeat`).
 * The read-only event `"R"` marks the connection unavailable (calls in flight still complete).
 *
 * Availability (what the cluster routes by) follows Java's `DubboInvoker.isAvailable()`
 * (`client.isConnected()` and not read-only): a connection that was lost, or whose first attempt
 * failed, is unavailable until a reconnect succeeds — reconnect attempts included — so a killed
 * provider gets no calls while the registry still lists it. A fresh connection (never tried, or
 * its first attempt under way) counts as available, so that a just-referred provider can be
 * picked at once; its first calls wait for the connect.
 *
 * Constructing does no I/O: the first `request` (or `connect`) opens the socket.
 */
export class Connection {
  private state: State = "idle";
  private socket: net.Socket | undefined;
  private write: ((frame: Buffer) => boolean) | undefined;
  private connecting: Promise<void> | undefined;
  private readonly pending: PendingCalls;
  private readonly heartbeat: Heartbeat;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempts = 0;
  private readOnly = false;
  /** Never connected and no attempt failed yet. */
  private fresh = true;

  constructor(private readonly options: ConnectionOptions) {
    this.pending = new PendingCalls(this.address);
    this.heartbeat = new Heartbeat(options.heartbeat, {
      send: () => this.write?.(encodeHeartbeatRequest(nextRequestId(), hessian2Serialization)),
      dead: (idle) => {
        this.options.logger.warn(
          { provider: this.address, idle },
          "dubbo: no reads for 3 heartbeats, reconnecting",
        );
        this.socket?.destroy();
      },
    });
  }

  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** Calls waiting for their response. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * True while connected (and not read-only), or while fresh (see the class comment); false once
   * the provider sent "R", from a lost connection (or a failed first attempt) until a reconnect
   * succeeds, and after close.
   */
  isAvailable(): boolean {
    if (this.readOnly) return false;
    if (this.state === "open") return true;
    return this.fresh && (this.state === "idle" || this.state === "connecting");
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
   * `timeoutMs` ≤ 0 the call is one-way: it resolves (with null) once written. An error thrown by
   * `build` rejects the returned promise. An open connection sends at once (same tick).
   */
  request(build: (id: bigint) => Buffer, timeoutMs: number): Promise<Frame | null> {
    if (this.state === "open") return this.send(build, timeoutMs);
    return this.connect().then(() => this.send(build, timeoutMs));
  }

  private send(build: (id: bigint) => Buffer, timeoutMs: number): Promise<Frame | null> {
    const write = this.write;
    if (!write || this.state !== "open") {
      return Promise.reject(networkError(this.address, undefined, "connection closed"));
    }
    const id = nextRequestId();
    let frame: Buffer;
    try {
      frame = build(id);
    } catch (e) {
      return Promise.reject(e);
    }
    if (timeoutMs <= 0) {
      write(frame);
      return Promise.resolve(null);
    }
    const response = this.pending.add(id, timeoutMs);
    write(frame);
    return response;
  }

  /** Closes for good: pending calls fail with `Code.Network`, no reconnect. Idempotent. */
  close(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    clearTimeout(this.reconnectTimer);
    this.heartbeat.stop();
    this.pending.failAll(networkError(this.address, undefined, "connection closed"));
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
        if (
          socket.localPort === socket.remotePort &&
          socket.localAddress === socket.remoteAddress
        ) {
          // TCP simultaneous open with itself: nothing listened on a local port of the ephemeral
          // range and the kernel picked that very port as the source. Kept, the connection would
          // read its own requests back forever and hold the port against the provider's return.
          // Go's net package refuses it the same way (selfConnect in net/tcpsock_posix.go).
          return socket.destroy(new Error("connected to itself: nothing listens on the port"));
        }
        settled = true;
        this.socket = socket;
        this.write = createCoalescingWriter(socket, REQUEST_FLUSH_BYTES);
        this.state = "open";
        this.connecting = undefined;
        this.attempts = 0;
        this.readOnly = false;
        this.fresh = false;
        this.heartbeat.start();
        resolve();
      });
      socket.on("data", (chunk: Buffer) => {
        this.heartbeat.read();
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
          this.fresh = false;
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
          this.fresh = false;
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
    if (header.request) return; // requests sent to a client are ignored (docs/hostile-input-and-failures.md S11)
    if (!this.pending.settle(frame)) {
      this.options.logger.debug(
        { provider: this.address, id: String(header.id) },
        "dubbo: dropping a response with an unknown id",
      );
    }
  }

  private onClose(socket: net.Socket): void {
    if (this.socket !== socket && this.state !== "connecting") return;
    this.socket = undefined;
    this.write = undefined;
    this.connecting = undefined;
    this.heartbeat.stop();
    this.fresh = false;
    this.pending.failAll(
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
}
