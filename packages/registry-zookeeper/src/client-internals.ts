import type { Socket } from "node:net";
import type { Client } from "node-zookeeper-client";

/**
 * The two private members of node-zookeeper-client 1.1.3 we rely on, in one place so an upgrade
 * breaks here and nowhere else. Both fill gaps the library leaves (docs/robustness.md B2/B4):
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
