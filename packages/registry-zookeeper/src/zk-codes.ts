import zookeeper from "node-zookeeper-client";

const { Exception } = zookeeper;

/** ZooKeeper error codes the registry acts on (KeeperException.Code). */
export const ZkCode = {
  ConnectionLoss: Exception.CONNECTION_LOSS,
  NoNode: Exception.NO_NODE,
  NodeExists: Exception.NODE_EXISTS,
  BadVersion: Exception.BAD_VERSION,
  NoAuth: Exception.NO_AUTH,
  SessionExpired: Exception.SESSION_EXPIRED,
  OperationTimeout: Exception.OPERATION_TIMEOUT,
} as const;

/** The ZooKeeper error code of an error from node-zookeeper-client, or undefined. */
export function zkCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

/** An error carrying a ZooKeeper code, as node-zookeeper-client's own errors do. */
export function zkError(code: number, message: string): Error & { code: number } {
  return Object.assign(new Error(message), { code });
}
