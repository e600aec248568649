import type { Socket } from "node:net";
import type { Client } from "node-zookeeper-client";

/**
 * The two private members of node-zookeeper-client 1.1.3 we rely on, in one place so an upgrade
 * breaks here and nowhere else. Both fill gaps the library leaves (docs/hostile-input-and-failures.md B2/B4):
 *
 * - It has no read timeout: a connection whose server (or network) went silent stays "connected"
 *   forever, because its pings count as socket activity (ConnectionManager.onSocketTimeout). Java's
 *   ClientCnxn drops a connection that heard nothing for 2/3 of the session timeout.
 * - It clears its connect timeout as soon as TCP connects (onSocketConnected), so a server that
 *   accepts but never answers the handshake keeps it "connecting" forever.
 *
 * Destroying the current socket makes the library do what it does on any socket close: fail
 * pending requests with CONNECTION_LOSS and reconnect to the next server, keeping the session.
 */
interface ConnectionManagerInternals {
  socket?: Socket;
  state?: number;
  servers?: unknown[];
  serverAttempts?: number;
  nextServerIndex?: number;
  spinDelay?: number;
  connectTimeoutHandler?: NodeJS.Timeout | null;
  findNextServer?(callback: (server: unknown) => void): void;
  onSocketError?(error: Error): void;
  on?(event: "state", listener: (state: number) => void): unknown;
  removeListener?(event: "state", listener: (state: number) => void): unknown;
}

/** ConnectionManager.STATES.CONNECTING in node-zookeeper-client 1.1.3. */
export const CONNECTING_STATE = 1;

function internals(client: Client): ConnectionManagerInternals | undefined {
  const cm = (client as unknown as { connectionManager?: ConnectionManagerInternals })
    .connectionManager;
  return cm && typeof cm === "object" ? cm : undefined;
}

/** True when this version of node-zookeeper-client exposes what the watchdog needs. */
export function hasInternals(client: Client): boolean {
  const cm = internals(client);
  return typeof cm?.on === "function" && typeof cm.removeListener === "function";
}

/** Destroys the client's current socket (a no-op when it has none or it is already closed). */
export function dropConnection(client: Client): void {
  const socket = internals(client)?.socket;
  if (socket && !socket.destroyed) socket.destroy();
}

/**
 * Subscribes to the connection manager's raw state numbers (CONNECTING is not visible through the
 * public `state` event). Returns the function that unsubscribes.
 */
export function onRawState(client: Client, listener: (state: number) => void): () => void {
  const cm = internals(client);
  if (!cm?.on || !cm.removeListener) return () => {};
  cm.on("state", listener);
  return () => cm.removeListener?.("state", listener);
}

/**
 * Makes the client's reconnect loop stoppable; returns `stop`. Once every server was tried, the
 * library waits up to `spinDelay` (ConnectionManager.findNextServer, an anonymous setTimeout)
 * and then opens a new socket — also after `close()`, and it keeps the process alive meanwhile;
 * its connect timeout (`connectTimeoutHandler`, sessionTimeout / servers) is not cleared when we
 * destroy a socket that is still connecting. This replaces findNextServer with the same logic
 * (1.1.3) whose timer `stop` clears, and `stop` clears the connect timeout too, so a closed or
 * retired client holds no timer and opens no socket.
 */
export function guardReconnect(client: Client): () => void {
  const cm = internals(client);
  const original = cm?.findNextServer;
  if (!cm || typeof original !== "function" || !Array.isArray(cm.servers)) return () => {};
  const servers = cm.servers;
  let stopped = false;
  let spin: NodeJS.Timeout | undefined;
  cm.findNextServer = (callback) => {
    if (stopped) return;
    cm.nextServerIndex = (cm.nextServerIndex ?? 0) % servers.length;
    const next = () => {
      if (stopped) return;
      callback(servers[cm.nextServerIndex ?? 0]);
      cm.nextServerIndex = (cm.nextServerIndex ?? 0) + 1;
    };
    if (cm.serverAttempts === servers.length) {
      spin = setTimeout(
        () => {
          spin = undefined;
          next();
          // Reset attempts since we already waited for long enough (as the library does).
          cm.serverAttempts = 0;
        },
        Math.random() * (cm.spinDelay ?? 1000),
      );
    } else {
      cm.serverAttempts = (cm.serverAttempts ?? 0) + 1;
      process.nextTick(next);
    }
  };
  return () => {
    stopped = true;
    clearTimeout(spin);
    if (cm.connectTimeoutHandler) clearTimeout(cm.connectTimeoutHandler);
    cm.connectTimeoutHandler = null;
  };
}

/**
 * Calls `listener` with every socket error of the client (`connect ECONNREFUSED …`), which the
 * library swallows (ConnectionManager.onSocketError, bound when each socket is created): the
 * registry quotes the last one when it explains why it is not connected.
 */
export function onSocketError(client: Client, listener: (error: Error) => void): void {
  const cm = internals(client);
  const original = cm?.onSocketError;
  if (!cm || typeof original !== "function") return;
  cm.onSocketError = function (this: unknown, error: Error) {
    listener(error);
    return original.call(this, error);
  };
}
