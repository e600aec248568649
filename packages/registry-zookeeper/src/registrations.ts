import type { ServiceUrl } from "@dubbo-ts/core";
import zookeeper, { type Event } from "node-zookeeper-client";
import { mkdirp, type RegistryContext, removeNode } from "./registry-context.js";
import { ZkCode, zkCode } from "./zk-codes.js";
import { parentPath } from "./zookeeper-paths.js";

const { Event: ZkEvent } = zookeeper;

interface Registration {
  /** What the node stands for, in logs (the URL, or the instance). */
  label: string;
  path: string;
  ephemeral: boolean;
  /** The node's data (instance nodes); URL nodes have none. */
  data: Buffer | undefined;
  done: boolean;
  running: boolean;
  /** Our node was deleted while a write was still in flight; write again when it ends. */
  deletedWhileRunning?: boolean;
}

/**
 * The nodes this registry writes (Java's `FailbackRegistry` register/unregister half): each is
 * written once connected, retried until it is, written again after a new session or when someone
 * else deletes it, and removed on `unregister` (retried too when ZooKeeper does not answer).
 */
export class Registrations {
  readonly #ctx: RegistryContext;
  readonly #registrations = new Map<string, Registration>();
  /** Paths whose removal failed and is retried, with whether the node is ephemeral. */
  readonly #pendingRemovals = new Map<string, boolean>();
  /** One watcher for all our own nodes (node-zookeeper-client dedupes it per path). */
  readonly #ownNodeWatcher = (event: Event) => this.#onOwnNodeEvent(event);

  constructor(ctx: RegistryContext) {
    this.#ctx = ctx;
  }

  get size(): number {
    return this.#registrations.size;
  }

  /**
   * Operations owed to the retry timer: unwritten nodes and removals. A write in flight is not
   * owed: its node may already be visible to others while it still arms the node's watch.
   */
  get pending(): number {
    let n = this.#pendingRemovals.size;
    for (const r of this.#registrations.values()) if (!r.done && !r.running) n++;
    return n;
  }

  /** True when the node at `path` is written (under the current session). */
  isDone(path: string): boolean {
    return this.#registrations.get(path)?.done === true;
  }

  owesWork(): boolean {
    if (this.#pendingRemovals.size > 0) return true;
    for (const r of this.#registrations.values()) if (!r.done) return true;
    return false;
  }

  /** Writes the node at `path` for `url` (resolves also when the write failed and is owed). */
  register(url: ServiceUrl, path: string): Promise<void> {
    return this.registerNode(path, {
      label: url.toFullString(),
      ephemeral: url.getBoolean("dynamic", true),
    });
  }

  /**
   * Writes a node with optional data, or — registered already with other data — writes the new
   * data into it. Resolves also when the write failed and is owed to the retry timer.
   */
  async registerNode(
    path: string,
    node: { label: string; ephemeral: boolean; data?: Buffer | undefined },
  ): Promise<void> {
    this.#pendingRemovals.delete(path);
    let reg = this.#registrations.get(path);
    if (!reg) {
      reg = { ...node, data: node.data, path, done: false, running: false };
      this.#registrations.set(path, reg);
    } else if (node.data && !reg.data?.equals(node.data)) {
      reg.data = node.data;
      reg.label = node.label;
      if (reg.done && !reg.running) {
        try {
          await this.#ctx.session.setData(path, node.data, -1);
          return;
        } catch (err) {
          this.#ctx.logger.warn({ err, path }, "updating our node failed; writing it again");
          reg.done = false;
        }
      } else {
        reg.done = false;
      }
    }
    if (!reg.done) await this.#doRegister(reg);
  }

  async #doRegister(reg: Registration): Promise<void> {
    const ctx = this.#ctx;
    if (reg.running || !ctx.session.connected) {
      if (!reg.running) ctx.armRetry();
      return;
    }
    reg.running = true;
    reg.deletedWhileRunning = false;
    const epoch = ctx.epoch;
    try {
      await this.#createNode(reg);
      // Watch our own node: deleted by someone else while our session lives, it is written
      // again (apache/dubbo#2972: otherwise the provider silently vanishes from the registry).
      const stat = await ctx.session.exists(reg.path, this.#ownNodeWatcher);
      if (!stat) throw new Error(`node ${reg.path} vanished right after it was created`);
      // Written under a session that has since expired: the node is gone again.
      reg.done = epoch === ctx.epoch;
      if (this.#registrations.get(reg.path) !== reg) {
        // Unregistered while we were writing: take the node back out.
        await removeNode(ctx, reg.path);
      } else if (reg.done) {
        ctx.logger.info({ path: reg.path }, "registered");
      }
    } catch (err) {
      reg.done = false;
      if (epoch === ctx.epoch) {
        ctx.logger.warn(
          { err, node: reg.label, retryMs: ctx.options.retryPeriod },
          "register failed; will retry",
        );
        ctx.armRetry();
      }
    } finally {
      reg.running = false;
    }
    if (this.#registrations.get(reg.path) !== reg || ctx.closed) return;
    // The node's watch fired while this write was still running (someone deleted the node right
    // after we wrote it), or the session changed meanwhile: write again, now.
    if (reg.deletedWhileRunning) await this.#rewriteDeleted(reg);
    else if (!reg.done && epoch !== ctx.epoch) await this.#doRegister(reg);
  }

  /** Our node was deleted by someone else while our session lives: write it again. */
  #rewriteDeleted(reg: Registration): Promise<void> {
    this.#ctx.logger.warn(
      { path: reg.path },
      "our node was deleted by someone else; writing it again",
    );
    reg.done = false;
    return this.#doRegister(reg);
  }

  /**
   * Creates the node (parents PERSISTENT). An ephemeral that already exists is ours when its
   * ephemeralOwner is our session; otherwise it is a leftover of an expired session that ZooKeeper
   * has not yet deleted, and is deleted and re-created (apache/dubbo#5125, #5135, #12740).
   */
  async #createNode(reg: Registration): Promise<void> {
    const ctx = this.#ctx;
    await mkdirp(ctx, parentPath(reg.path));
    for (let attempt = 0; ; attempt++) {
      try {
        await ctx.session.create(reg.path, reg.ephemeral, ctx.acl, reg.data);
        return;
      } catch (err) {
        if (zkCode(err) !== ZkCode.NodeExists) throw err;
      }
      if (!reg.ephemeral) return;
      const stat = await ctx.session.exists(reg.path);
      if (stat && ctx.session.ownsEphemeral(stat)) {
        if (reg.data) await ctx.session.setData(reg.path, reg.data, -1);
        return;
      }
      if (attempt >= 3) throw new Error(`node ${reg.path} keeps existing under another session`);
      if (stat) {
        ctx.logger.warn({ path: reg.path }, "deleting a stale node of another session");
        await removeNode(ctx, reg.path);
      }
    }
  }

  #onOwnNodeEvent(event: Event): void {
    const path = event.getPath();
    const reg = this.#registrations.get(path);
    if (this.#ctx.closed || !reg) return;
    if (reg.running) {
      // The write in flight has armed this watch; it must not end believing the node exists.
      if (event.getType() === ZkEvent.NODE_DELETED) reg.deletedWhileRunning = true;
      return;
    }
    if (!reg.done) return;
    if (event.getType() === ZkEvent.NODE_DELETED) {
      void this.#rewriteDeleted(reg);
    } else {
      // Data changed: watches are one-shot, so arm it again.
      this.#ctx.session.exists(path, this.#ownNodeWatcher).catch(() => {});
    }
  }

  /** Removes the node at `path` (or owes its removal to the retry timer). */
  unregister(url: ServiceUrl, path: string): Promise<void> {
    return this.unregisterNode(path, url.getBoolean("dynamic", true));
  }

  /** Removes the node at `path`; `ephemeral` is used when it was never registered here. */
  async unregisterNode(path: string, ephemeralIfUnknown: boolean): Promise<void> {
    const ctx = this.#ctx;
    const reg = this.#registrations.get(path);
    this.#registrations.delete(path);
    // Never written (ZooKeeper was down) or still being written (doRegister removes it after).
    if (reg && (!reg.done || reg.running)) return;
    const ephemeral = reg?.ephemeral ?? ephemeralIfUnknown;
    if (!ctx.session.connected) {
      this.#pendingRemovals.set(path, ephemeral);
      ctx.armRetry();
      return;
    }
    try {
      await removeNode(ctx, path);
      ctx.logger.info({ path }, "unregistered");
    } catch (err) {
      ctx.logger.warn({ err, path }, "unregister failed; will retry");
      this.#pendingRemovals.set(path, ephemeral);
      ctx.armRetry();
    }
  }

  /**
   * A new session owns none of our nodes: every one is written again (Java's `recover()`), and
   * removals of ephemerals are moot (those died with the old session).
   */
  onNewSession(): void {
    this.onExpired();
    for (const [path, ephemeral] of this.#pendingRemovals) {
      if (ephemeral) this.#pendingRemovals.delete(path);
    }
  }

  onExpired(): void {
    for (const r of this.#registrations.values()) r.done = false;
  }

  /** Runs every owed write and removal now. */
  runOwed(): void {
    const ctx = this.#ctx;
    for (const r of this.#registrations.values()) if (!r.done) void this.#doRegister(r);
    for (const [path, ephemeral] of [...this.#pendingRemovals]) {
      this.#pendingRemovals.delete(path);
      removeNode(ctx, path).catch((err) => {
        if (ctx.closed) return;
        ctx.logger.warn({ err, path }, "unregister failed; will retry");
        this.#pendingRemovals.set(path, ephemeral);
        ctx.armRetry();
      });
    }
  }

  /**
   * Deletes every node we wrote (Java's `destroy()`): closing the session removes ephemerals too,
   * but persistent (dynamic=false) nodes need the explicit delete. Forgets everything after.
   */
  async removeAll(): Promise<void> {
    if (this.#ctx.session.connected) {
      const paths = [...this.#registrations.values()].filter((r) => r.done).map((r) => r.path);
      const all = [...paths, ...this.#pendingRemovals.keys()];
      await Promise.allSettled(all.map((p) => removeNode(this.#ctx, p)));
    }
    this.#registrations.clear();
    this.#pendingRemovals.clear();
  }
}
