import net from "node:net";
import type { Logger } from "@dubbo-ts/core/spi";
import type { CommandExecutor } from "./command-executor.js";
import { serveHttp } from "./http-exchange.js";
import { type AccessPolicy, FOREIGN_IP_REFUSED, mayConnect, plainAddress } from "./permission.js";
import { PROMPT, serveTelnet, WELCOME } from "./telnet-session.js";

/** QosProcessHandler: the welcome waits this long, so an HTTP client's first bytes cancel it. */
const WELCOME_DELAY_MS = 500;
/** IdleStateHandler(0, 0, 5 * 60) on telnet sessions. */
const IDLE_MS = 5 * 60 * 1000;

/** A listening QoS server. */
export interface QosServer {
  /** The bound port (useful when listening on port 0). */
  readonly port: number;
  /**
   * Stops listening at once and closes every session within a second (so a command running now
   * can still answer); idempotent.
   */
  close(): Promise<void>;
}

export interface QosServerOptions {
  /** Where to listen; default all interfaces, as Java (`qos.host` unset). */
  readonly host?: string | undefined;
  readonly port: number;
  readonly policy: AccessPolicy;
  readonly executor: CommandExecutor;
  readonly logger: Logger;
  /**
   * The caller's address as the access rules see it; default the socket's remote address. Tests
   * inject a foreign address here to exercise the refusal paths from 127.0.0.1.
   */
  readonly remoteAddressOf?: ((socket: net.Socket) => string) | undefined;
}

/**
 * One port for telnet and HTTP, as Java's QoS server (Server.java, QosProcessHandler): the first
 * byte decides — `G` or `P` is HTTP (GET/POST), anything else a telnet session, which also gets
 * the Dubbo logo and `dubbo>` after 500 ms. Foreign connections that policy refuses get Java's
 * refusal text and are closed. Resolves undefined (and logs a warning) when the port cannot be
 * bound, as Java logs "Fail to start qos server" and goes on.
 */
export async function startQosServer(options: QosServerOptions): Promise<QosServer | undefined> {
  const { policy, executor, logger } = options;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", (e) => logger.debug({ err: e.message }, "qos: socket error"));
    const address = plainAddress(
      options.remoteAddressOf ? options.remoteAddressOf(socket) : (socket.remoteAddress ?? ""),
    );
    if (!mayConnect(policy, address)) {
      logger.warn({ remote: address }, "qos: foreign IP refused");
      socket.end(FOREIGN_IP_REFUSED);
      return;
    }
    socket.setNoDelay(true);
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    const welcome = setTimeout(() => socket.write(WELCOME + PROMPT), WELCOME_DELAY_MS);
    socket.once("close", () => clearTimeout(welcome));
    socket.once("data", (first: Buffer) => {
      if (first[0] === 0x47 || first[0] === 0x50) {
        clearTimeout(welcome);
        serveHttp(socket, executor, address, first);
      } else {
        serveTelnet(socket, executor, address, first);
      }
    });
  });
  const bound = await new Promise<boolean>((resolve) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      logger.warn(
        { err: e, port: options.port },
        `qos: cannot listen on port ${options.port} (${e.code ?? e.message}); the application goes on without QoS: set application.qosPort (DUBBO_APPLICATION_QOS_PORT) to a free port, or qosEnable: false`,
      );
      resolve(false);
    });
    server.listen(options.port, options.host, () => resolve(true));
  });
  if (!bound) return undefined;
  server.on("error", (e) => logger.error({ err: e }, "qos: server error"));
  const port = (server.address() as net.AddressInfo).port;
  logger.info({ port }, `qos-server bind ${options.host ?? "*"}:${port}`);
  let closed = false;
  return {
    port,
    async close() {
      if (closed) return;
      closed = true;
      // Stop listening at once; open sessions get a second to finish their answer (`shutdown`
      // answers after the application, and so this server, has closed).
      server.close();
      for (const s of sockets) if (s.bytesRead === 0) s.destroy();
      const timer = setTimeout(() => {
        for (const s of sockets) s.destroy();
      }, 1000);
      timer.unref();
    },
  };
}
