import type { Logger } from "@dubbo-ts/core";
import type { ACL } from "node-zookeeper-client";
import type { ResolvedOptions } from "./registry-options.js";
import { ZkCode, zkCode } from "./zk-codes.js";
import type { ZookeeperSession } from "./zookeeper-session.js";

/**
 * What the registry's parts (registrations, watches) share: the session, the options and the
 * registry-wide state they must consult. The registry owns it; the parts only read it and call
 * `armRetry()` when they owe work to the retry timer.
 */
export interface RegistryContext {
  readonly options: ResolvedOptions;
  readonly logger: Logger;
  readonly session: ZookeeperSession;
  /** The ACL of every node we create. */
  readonly acl: ACL[];
  /** Bumped on every new session: a node written under an older one died with it. */
  readonly epoch: number;
  readonly closed: boolean;
  /** Starts the retry timer (one for the whole registry) unless it already runs. */
  armRetry(): void;
}

/** Creates every missing node of `path` as PERSISTENT with the registry's ACL. */
export async function mkdirp(ctx: RegistryContext, path: string): Promise<void> {
  if (path === "/") return;
  await ctx.session.mkdirp(path, ctx.acl);
}

/** Deletes a node; a node that is already gone counts as deleted. */
export async function removeNode(ctx: RegistryContext, path: string): Promise<void> {
  try {
    await ctx.session.remove(path);
  } catch (err) {
    if (zkCode(err) !== ZkCode.NoNode) throw err;
  }
}
