import net from "node:net";
import { createInFlight, type Logger } from "@dubbo-ts/core/spi";
import { encodeHeartbeatResponse, encodeReadOnlyEvent, MAX_EVENT_BODY } from "./event.js";
import type { ExportedServices } from "./exported-services.js";
import { type Frame, FrameDecoder } from "./frame-decoder.js";
import { MAGIC_HIGH, Status } from "./header.js";
import type { DecodeOptions } from "./hessian/decode-options.js";
import { hessian2Serialization } from "./hessian/hessian2-serialization.js";
import { createRejectionLog } from "./rejection-log.js";
import { handleRequest, type Peer } from "./request-handler.js";
import { nextRequestId } from "./request-id.js";
import { encodeErrorResponse as errorFrame } from "./response-codec.js";
import { looksLikeTelnet, serveTelnetLines } from "./telnet.js";
import { createCoalescingWriter } from "./write-coalescer.js";

/**
 * How long close() waits after "R" (and after the last request) before it refuses new requests
 * and closes sockets: time for consumers to read "R" and stop sending here.
 */
const QUIET_MS = 300;

export interface ServerOptions {
  readonly services: ExportedServices;
  /** Body limit of requests and responses (Java `payload`, 8 MiB). */
  readonly maxPayload: number;
  /** Connections with no read and no write for this long are closed (Java: 3 × heartbeat = 180 s). */
  readonly idleTimeout: number;
  readonly decode: DecodeOptions;
  readonly logger: Logger;
  /** Connections accepted at once (Java `accepts`); 0 or undefined = unlimited. */
  readonly maxConnections?: number | undefined;
  /** Telnet commands enabled on this port (the protocol's `telnet` parameter); none by default. */
  readonly telnet?: ReadonlySet<string> | undefined;
}

/** A listening Dubbo server on one port. */
export interface DubboServer {
  /** The bound port (useful after listening on port 0). */
  readonly port: number;
  readonly connectionCount: number;
  /** `remote -> local` of every open connection (QoS `ps -l <port>`). */
  connections(): { remote: string; local: string }[];
  /**
   * Graceful close: stops accepting, sends the read-only event "R" to every connection, keeps
   * serving until nothing runs and no request arrived for 300 ms (consumers have read "R"), or
   * `deadlineMs` passes; then refuses what still arrives (status 70) and closes every socket.
   */
  close(deadlineMs: number): Promise<void>;
}

/**
 * Listens on `host:port` (the only file owning server sockets). Per connection: a streaming frame
 * decoder, requests handed to `handleRequest` (method looked up before arguments are decoded),
 * heartbeats answered with the request's serialization id and body, responses written through a
 * cork/uncork-per-tick writer, idle connections closed after `idleTimeout`, and a stream that is
 * not Dubbo (wrong magic, negative length) closed at once.
 */
export function startServer(
  host: string,
  port: number,
  options: ServerOptions,
): Promise<DubboServer> {
  const sockets = new Set<net.Socket>();
  const calls = createInFlight();
  // Set once close() has drained the in-flight calls: a request that still arrives is refused
  // unexecuted (status 70), so a failover consumer may safely run it elsewhere; an executed call
  // whose answer is lost to the closing socket would run twice.
  let draining = false;
  // When the last request arrived (or "R" was sent): close() waits for a quiet spell first.
  let lastRequestAt = 0;

  const handlerOptions = {
    ...options,
    onRejected: createRejectionLog(options.logger, options.services),
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeout);
    const peer: Peer = {
      remoteAddress: `${socket.remoteAddress}:${socket.remotePort}`,
      localAddress: `${socket.localAddress}:${socket.localPort}`,
    };
    const decoder = new FrameDecoder({ maxPayload: options.maxPayload });
    const coalesced = createCoalescingWriter(socket);
    // Backpressure: a peer that does not read its responses stops being read.
    const write = (frame: Buffer) => {
      if (!coalesced(frame) && !socket.isPaused()) {
        socket.pause();
        socket.once("drain", () => socket.resume());
      }
    };
    const onFrame = (frame: Frame) => {
      const { header, body } = frame;
      if (!header.request) return; // a response sent to a server: ignored (docs/hostile-input-and-failures.md S11)
      if (body === null) {
        if (header.twoWay && !header.event) {
          const msg = `Fail to decode request due to: Data length too large: ${header.bodyLength}, max payload: ${options.maxPayload}`;
          handlerOptions.onRejected({ remoteAddress: peer.remoteAddress, reason: msg });
          write(errorFrame(header.id, Status.BadRequest, msg, hessian2Serialization));
        }
        return;
      }
      if (header.event) {
        // HeartbeatHandler: answer two-way events with the same serialization id and body.
        if (header.twoWay && body.length <= MAX_EVENT_BODY) {
          write(encodeHeartbeatResponse(header.id, header.serializationId, body));
        }
        return;
      }
      if (draining) {
        if (header.twoWay) {
          const msg = "provider is shutting down (read-only); the request was not executed";
          write(errorFrame(header.id, Status.ServiceError, msg, hessian2Serialization));
        }
        return;
      }
      calls.begin();
      lastRequestAt = Date.now();
      handleRequest(header, body, peer, handlerOptions)
        .then((response) => {
          if (response) write(response);
        })
        .catch((e: unknown) => options.logger.error({ err: e }, "dubbo: request handler failed"))
        .finally(calls.end);
    };
    socket.on("data", (chunk: Buffer) => {
      // A stream that does not start with the magic is not Dubbo: a telnet line gets Java's
      // telnet answer (telnet.ts), anything else is closed at once instead of waiting for 16 bytes.
      if (decoder.atFrameStart && chunk[0] !== MAGIC_HIGH) {
        if (looksLikeTelnet(chunk)) {
          serveTelnetLines(socket, chunk, options.telnet ?? new Set(), {
            services: options.services,
            port: socket.localPort ?? 0,
            connections: () =>
              [...sockets].map(
                (s) => `${s.remoteAddress}:${s.remotePort} -> ${s.localAddress}:${s.localPort}`,
              ),
          });
        } else {
          options.logger.warn({ peer: peer.remoteAddress }, "dubbo: closing a non-Dubbo stream");
          socket.destroy();
        }
        return;
      }
      let frames: Frame[];
      try {
        frames = decoder.decode(chunk);
      } catch (e) {
        options.logger.warn(
          { peer: peer.remoteAddress, err: (e as Error).message },
          "dubbo: closing a non-Dubbo stream",
        );
        socket.destroy();
        return;
      }
      for (const frame of frames) onFrame(frame);
    });
    socket.on("timeout", () => {
      options.logger.info({ peer: peer.remoteAddress }, "dubbo: closing an idle connection");
      socket.destroy();
    });
    socket.on("error", (e) =>
      options.logger.debug({ peer: peer.remoteAddress, err: e.message }, "dubbo: socket error"),
    );
    socket.on("close", () => sockets.delete(socket));
  });

  if (options.maxConnections) server.maxConnections = options.maxConnections;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      server.on("error", (e) => options.logger.error({ err: e }, "dubbo: server error"));
      const bound = (server.address() as net.AddressInfo).port;
      resolve({
        port: bound,
        get connectionCount() {
          return sockets.size;
        },
        connections: () =>
          [...sockets].map((s) => ({
            remote: `${s.remoteAddress}:${s.remotePort}`,
            local: `${s.localAddress}:${s.localPort}`,
          })),
        async close(deadlineMs: number) {
          const closed = new Promise<void>((r) => server.close(() => r()));
          // HeaderExchangeServer.sendChannelReadOnlyEvent: consumers stop choosing this provider.
          for (const s of sockets)
            createCoalescingWriter(s)(encodeReadOnlyEvent(nextRequestId(), hessian2Serialization));
          // Requests a consumer sent before it read "R" are still on their way: serve them, as
          // Java's provider does (a consumer with retries=0 must not see them fail). Drain once
          // nothing is running and nothing arrived for QUIET_MS, or at the deadline.
          const end = Date.now() + deadlineMs;
          lastRequestAt = Date.now();
          for (;;) {
            const now = Date.now();
            if (now >= end) break;
            if (calls.count > 0) {
              await calls.whenIdle(end - now);
              continue;
            }
            const quiet = lastRequestAt + QUIET_MS - now;
            if (quiet <= 0) break;
            await new Promise((r) => setTimeout(r, Math.min(quiet, end - now)));
          }
          draining = true;
          // Let the last responses leave before the sockets go.
          await new Promise((r) => setImmediate(r));
          for (const s of sockets) s.end();
          const forced = setTimeout(() => {
            for (const s of sockets) s.destroy();
          }, 1000);
          forced.unref();
          await closed;
          clearTimeout(forced);
        },
      });
    });
  });
}
