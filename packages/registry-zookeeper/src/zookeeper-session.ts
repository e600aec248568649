import type { Logger } from "@dubbo-ts/core/spi";
import zookeeper, { type ACL, type Client, type Event, type Stat } from "node-zookeeper-client";
import {
  CONNECTING_STATE,
  dropConnection,
  guardReconnect,
  hasInternals,
  onRawState,
  onSocketError,
} from "./client-internals.js";
import { ZkCode, zkCode, zkError } from "./zk-codes.js";

const { CreateMode, State } = zookeeper;

/** What a session tells its owner. Called synchronously from the client's events. */
export interface SessionListener {
  /** Connected; `newSession` is true for the first connection of a fresh session (start, expiry). */
  connected(newSession: boolean): void;
  /** Lost the connection; the session (and its ephemeral nodes and watches) may still live. */
  disconnected(): void;
  /** The server said the session is gone; a new client is already connecting. */
  expired(): void;
}

export interface ZookeeperSessionOptions {
  /** `h1:p1,h2:p2[/chroot]`. */
  connectString: string;
  serverCount: number;
  /** Requested session timeout; the server clamps it to [2, 20] × tickTime. */
  sessionTimeout: number;
  /** `user:password` for the digest scheme, or undefined. */
  digest: string | undefined;
  logger: Logger;
}

/** Counters for tests and monitoring; they only grow. */
export interface SessionStats {
  /** node-zookeeper-client instances created: 1 + one per expiry or auth failure. */
  clientsCreated: number;
  expirations: number;
  /** Connections this code dropped because the server went silent (see client-internals.ts). */
  forcedDisconnects: number;
}

/**
 * One logical ZooKeeper session that outlives node-zookeeper-client instances: that client is dead
 * after `expired` (it closes, never reconnects: docs/hostile-input-and-failures.md B4), so on expiry this creates a
 * new one — and only then; a plain disconnect is left to the client's own reconnect loop, which
 * keeps the session, its ephemerals and its watches (SetWatches). A watchdog adds what the client
 * lacks: a read timeout of 2/3 of the negotiated session timeout and a handshake timeout of
 * sessionTimeout / servers, as Java's ClientCnxn has.
 *
 * Operations fail at once with CONNECTION_LOSS while disconnected, rather than queueing inside the
 * client without bound; the owner retries them when `connected` fires.
 */
export class ZookeeperSession {
  readonly stats: SessionStats = { clientsCreated: 0, expirations: 0, forcedDisconnects: 0 };
  readonly #options: ZookeeperSessionOptions;
  readonly #listener: SessionListener;
  #client: Client | undefined;
  #detach: (() => void) | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #closed = false;
  #connected = false;
  #waiters = new Set<() => void>();
  #since = Date.now();
  #lastError: string | undefined;

  constructor(options: ZookeeperSessionOptions, listener: SessionListener) {
    this.#options = options;
    this.#listener = listener;
  }

  /** Creates the client and starts connecting; returns at once. */
  start(): void {
    if (this.#client || this.#closed) return;
    this.#since = Date.now();
    this.#newClient();
  }

  /** When the session last connected, or (while not connected) since when it has not been. */
  get since(): number {
    return this.#since;
  }

  /** Why the last connection attempt failed (socket error, handshake or read timeout), if it did. */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** The current session id as 16 hex digits (as zkCli prints it), or undefined before connecting. */
  get sessionId(): string | undefined {
    if (!this.#connected || !this.#client) return undefined;
    return this.#client.getSessionId().toString("hex");
  }

  /** The session timeout the server granted (or the requested one before connecting). */
  get sessionTimeout(): number {
    return this.#connected && this.#client
      ? this.#client.getSessionTimeout()
      : this.#options.sessionTimeout;
  }

  /** Resolves true once connected, false after `timeoutMs` or when closed. */
  waitConnected(timeoutMs: number): Promise<boolean> {
    if (this.#connected) return Promise.resolve(true);
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve(this.#connected);
      };
      const timer = setTimeout(done, timeoutMs);
      this.#waiters.add(done);
    });
  }

  #newClient(): void {
    const { connectString, sessionTimeout, digest, logger } = this.#options;
    const client = zookeeper.createClient(connectString, {
      sessionTimeout,
      spinDelay: 1000,
      retries: 0,
    });
    this.stats.clientsCreated++;
    // Stopped when the client retires or closes: its reconnect timers then hold nothing open.
    const stopReconnecting = guardReconnect(client);
    onSocketError(client, (error) => {
      if (this.#client === client) this.#lastError = error.message;
    });
    if (digest) client.addAuthInfo("digest", Buffer.from(digest));
    let first = true;
    let connectingSince: number | undefined;
    // Read timeout bookkeeping: when the server last answered, and the probe in flight.
    let lastHeard = Date.now();
    let probe: number | undefined;
    const onState = (state: { name: string }) => {
      if (this.#client !== client) return;
      if (state === State.SYNC_CONNECTED) {
        this.#connected = true;
        this.#since = Date.now();
        this.#lastError = undefined;
        connectingSince = undefined;
        lastHeard = Date.now();
        probe = undefined;
        const newSession = first;
        first = false;
        logger.info(
          { sessionId: client.getSessionId().toString("hex"), timeout: client.getSessionTimeout() },
          newSession ? "ZooKeeper session established" : "ZooKeeper reconnected (same session)",
        );
        for (const w of [...this.#waiters]) w();
        this.#listener.connected(newSession);
      } else if (state === State.DISCONNECTED) {
        if (!this.#connected) return;
        this.#connected = false;
        this.#since = Date.now();
        logger.warn("ZooKeeper connection lost; keeping the session and the provider lists");
        this.#listener.disconnected();
      } else if (state === State.EXPIRED || state === State.AUTH_FAILED) {
        const expired = state === State.EXPIRED;
        if (this.#connected) this.#since = Date.now();
        this.#connected = false;
        this.#lastError = expired ? "the session expired" : "authentication failed";
        this.stats.expirations += expired ? 1 : 0;
        logger.warn(
          expired
            ? "ZooKeeper session expired; creating a new client to re-register and re-subscribe"
            : "ZooKeeper authentication failed; creating a new client",
        );
        this.#retire();
        if (this.#closed) return;
        if (expired) {
          this.#newClient();
          this.#listener.expired();
        } else {
          // Back off: a wrong password fails again at once.
          const t = setTimeout(() => {
            if (!this.#closed && !this.#client) this.#newClient();
          }, sessionTimeout);
          t.unref();
        }
      }
    };
    client.on("state", onState);
    const offRaw = onRawState(client, (raw) => {
      if (raw === CONNECTING_STATE && connectingSince === undefined) connectingSince = Date.now();
    });
    // One timer per client, re-armed by nothing: it is cleared when the client retires.
    const tick = Math.max(100, Math.min(1000, Math.floor(sessionTimeout / 10)));
    const watchdog = setInterval(() => {
      if (this.#client !== client) return;
      const now = Date.now();
      const timeout = this.sessionTimeout;
      if (this.#connected) {
        // Java's ClientCnxn: a connection that heard nothing for 2/3 of the session timeout is
        // dead; it pings after 1/3 of silence, so a live server always answers in time.
        const readTimeout = Math.floor((timeout * 2) / 3);
        if (now - lastHeard > readTimeout) {
          logger.warn({ silentMs: now - lastHeard }, "ZooKeeper server silent; reconnecting");
          this.#lastError = `the server was silent for ${now - lastHeard} ms`;
          this.stats.forcedDisconnects++;
          lastHeard = now;
          probe = undefined;
          dropConnection(client);
        } else if (probe === undefined && now - lastHeard >= timeout / 3) {
          const sent = now;
          probe = sent;
          client.exists("/", (err) => {
            // Any answer from the server (even an error) proves the connection alive; a
            // CONNECTION_LOSS is made up locally when the socket closes and proves nothing.
            if (zkCode(err) !== ZkCode.ConnectionLoss) lastHeard = Math.max(lastHeard, Date.now());
            if (probe === sent) probe = undefined;
          });
        }
      } else if (connectingSince !== undefined) {
        const handshake = Math.max(2000, Math.floor(timeout / this.#options.serverCount));
        if (now - connectingSince > handshake) {
          this.#lastError = `no answer to the handshake within ${handshake} ms`;
          connectingSince = now;
          dropConnection(client);
        }
      }
    }, tick);
    watchdog.unref();
    if (!hasInternals(client)) {
      logger.warn("node-zookeeper-client internals changed; silent servers are not detected");
    }
    this.#client = client;
    this.#watchdog = watchdog;
    this.#detach = () => {
      client.removeListener("state", onState);
      offRaw();
      stopReconnecting();
    };
    client.connect();
  }

  /** Detaches the current client and makes sure its socket is gone. */
  #retire(): void {
    const client = this.#client;
    if (!client) return;
    clearInterval(this.#watchdog);
    this.#watchdog = undefined;
    this.#detach?.();
    this.#detach = undefined;
    this.#client = undefined;
    this.#connected = false;
    // Keep a listener so a late socket error is never an unhandled 'error' event.
    client.on("error", () => {});
    dropConnection(client);
  }

  /**
   * Ends the session: sends closeSession when connected (ZooKeeper then deletes our ephemeral
   * nodes at once) and waits up to `graceMs` for the server to close the socket.
   */
  async close(graceMs = 2000): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const w of [...this.#waiters]) w();
    const client = this.#client;
    if (!client) return;
    const wasConnected = this.#connected;
    clearInterval(this.#watchdog);
    this.#watchdog = undefined;
    this.#detach?.();
    this.#detach = undefined;
    this.#client = undefined;
    this.#connected = false;
    if (wasConnected) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        client.once("disconnected", () => {
          clearTimeout(timer);
          resolve();
        });
        client.close();
      });
    } else {
      client.close();
    }
    client.on("error", () => {});
    dropConnection(client);
  }

  #require(): Client {
    if (this.#closed) throw zkError(ZkCode.ConnectionLoss, "the registry is closed");
    if (!this.#connected || !this.#client) {
      throw zkError(ZkCode.ConnectionLoss, "not connected to ZooKeeper");
    }
    return this.#client;
  }

  /** Runs one client call; rejects with the ZooKeeper error, or after the session timeout. */
  #call<T>(
    name: string,
    path: string,
    run: (client: Client, done: (err: unknown, value?: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let client: Client;
      try {
        client = this.#require();
      } catch (err) {
        reject(err);
        return;
      }
      let settled = false;
      // A safety net only: the watchdog fails stuck requests with CONNECTION_LOSS sooner.
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        reject(zkError(ZkCode.OperationTimeout, `${name} ${path} timed out`));
      }, this.sessionTimeout + 1000);
      timer.unref();
      run(client, (err, value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(value as T);
      });
    });
  }

  /** Creates a node (with `data` when given); `ephemeral` nodes vanish with the session. */
  create(path: string, ephemeral: boolean, acl: ACL[], data?: Buffer): Promise<void> {
    const mode = ephemeral ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT;
    return this.#call("create", path, (c, done) =>
      data
        ? c.create(path, data, acl, mode, (err) => done(err))
        : c.create(path, acl, mode, (err) => done(err)),
    );
  }

  /** The node's data and stat; `watcher` fires once on its next change or deletion. */
  getData(
    path: string,
    watcher?: (event: Event) => void,
  ): Promise<{ data: Buffer | undefined; stat: Stat }> {
    return this.#call("getData", path, (c, done) => {
      const cb = (err: unknown, data?: Buffer, stat?: Stat) =>
        done(err, err ? undefined : { data: data ?? undefined, stat: stat! });
      if (watcher) c.getData(path, watcher, cb);
      else c.getData(path, cb);
    });
  }

  /** Writes the node's data if its version is still `version` (-1: any version). */
  setData(path: string, data: Buffer, version: number): Promise<Stat> {
    return this.#call("setData", path, (c, done) =>
      c.setData(path, data, version, (err, stat) => done(err, stat)),
    );
  }

  /** Creates every missing node of `path` as PERSISTENT with `acl` (existing ones are kept). */
  mkdirp(path: string, acl: ACL[]): Promise<void> {
    return this.#call("mkdirp", path, (c, done) =>
      c.mkdirp(path, acl, CreateMode.PERSISTENT, (err) => done(err)),
    );
  }

  /** Deletes a node whatever its version. */
  remove(path: string): Promise<void> {
    return this.#call("remove", path, (c, done) => c.remove(path, -1, (err) => done(err)));
  }

  /** The node's stat, or null when it does not exist; `watcher` fires once on its next change. */
  exists(path: string, watcher?: (event: Event) => void): Promise<Stat | null> {
    return this.#call<Stat | null>("exists", path, (c, done) =>
      watcher
        ? c.exists(path, watcher, (err, stat) => done(err, stat ?? null))
        : c.exists(path, (err, stat) => done(err, stat ?? null)),
    );
  }

  /**
   * The children of `path`, leaving `watcher` armed for the next change (one-shot, as ZooKeeper
   * watches are). node-zookeeper-client keeps one watcher per function and path, so passing the
   * same function again does not stack watchers.
   */
  getChildren(path: string, watcher: (event: Event) => void): Promise<string[]> {
    return this.#call("getChildren", path, (c, done) =>
      c.getChildren(path, watcher, (err, children) => done(err, children)),
    );
  }

  /** True when `stat` says the node is an ephemeral of the current session. */
  ownsEphemeral(stat: Stat): boolean {
    const client = this.#client;
    return !!client && this.#connected && stat.ephemeralOwner.equals(client.getSessionId());
  }
}
