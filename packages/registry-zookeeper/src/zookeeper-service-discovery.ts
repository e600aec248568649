import {
  type MetadataInfo,
  MIGRATION_RULE_GROUP,
  metadataInfoJson,
  type ServiceDiscovery,
  type ServiceInstance,
  ServiceUrl,
  toMetadataInfo,
  type Unwatch,
} from "@dubbo-ts/core/spi";
import type { Event } from "node-zookeeper-client";
import { fromCuratorJson, toCuratorJson } from "./curator-instance.js";
import type { Registrations } from "./registrations.js";
import { mkdirp, type RegistryContext } from "./registry-context.js";
import { ZkCode, zkCode } from "./zk-codes.js";

/** One watched read: re-run after each event (debounced), each reconnection, and after failures. */
interface DataWatch {
  read: () => Promise<void>;
  watcher: (event: Event) => void;
  timer: NodeJS.Timeout | undefined;
  reading: boolean;
  again: boolean;
  closed: boolean;
}

/**
 * Dubbo 3 application-level discovery on the registry's ZooKeeper session, with Java's layout:
 * instances under `/services/<app>/<host:port>` (or `/<group>/…` when the registry has a group,
 * `CuratorFrameworkUtils.getRootPath`) as Curator JSON, the mapping `<root>/mapping/<interface>`
 * and the metadata report `<root>/metadata/<app>/<revision>` (`ZookeeperMetadataReport`), and
 * migration rules in `<root>/config/DUBBO_SERVICEDISCOVERY_MIGRATION/<app>.migration`
 * (`ZookeeperDynamicConfiguration`). Instance nodes are registrations of the registry (retried,
 * written again after expiry or deletion); watches are re-read after every (re)connection.
 */
export class ZookeeperServiceDiscovery implements ServiceDiscovery {
  readonly #ctx: RegistryContext;
  readonly #registrations: Registrations;
  readonly #watches = new Set<DataWatch>();
  readonly #apps = new Map<
    string,
    {
      listeners: Set<(instances: ServiceInstance[]) => void>;
      latest: ServiceInstance[] | undefined;
      ready: Promise<void> | undefined;
      unwatch: Unwatch | undefined;
    }
  >();
  readonly #instancesRoot: string;

  constructor(ctx: RegistryContext, registrations: Registrations) {
    this.#ctx = ctx;
    this.#registrations = registrations;
    const root = ctx.options.root;
    this.#instancesRoot = root === "/dubbo" ? "/services" : root;
  }

  #root(): string {
    return this.#ctx.options.root === "/" ? "" : this.#ctx.options.root;
  }

  #instancePath(instance: ServiceInstance): string {
    return `${this.#instancesRoot}/${instance.name}/${instance.host}:${instance.port}`;
  }

  async registerInstance(instance: ServiceInstance): Promise<void> {
    const data = Buffer.from(toCuratorJson(instance, Date.now()));
    await this.#registrations.registerNode(this.#instancePath(instance), {
      label: `instance ${instance.name} ${instance.host}:${instance.port}`,
      ephemeral: true,
      data,
    });
  }

  async unregisterInstance(instance: ServiceInstance): Promise<void> {
    await this.#registrations.unregisterNode(this.#instancePath(instance), true);
  }

  /** `ZookeeperMetadataReport.registerServiceAppMapping`: compare-and-set of the app list. */
  async map(interfaceName: string, app: string): Promise<void> {
    const path = `${this.#root()}/mapping/${interfaceName}`;
    const session = this.#ctx.session;
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        const { data, stat } = await session.getData(path);
        const apps = parseApps(data);
        if (apps.includes(app)) return;
        await session.setData(path, Buffer.from([...apps, app].join(",")), stat.version);
        return;
      } catch (err) {
        const code = zkCode(err);
        if (code === ZkCode.BadVersion) continue;
        if (code !== ZkCode.NoNode) throw err;
      }
      try {
        await mkdirp(this.#ctx, parentOf(path));
        await session.create(path, false, this.#ctx.acl, Buffer.from(app));
        return;
      } catch (err) {
        if (zkCode(err) !== ZkCode.NodeExists) throw err;
      }
    }
    throw new Error(`the mapping ${path} keeps changing under us; gave up adding ${app}`);
  }

  watchMapping(interfaceName: string, listener: (apps: string[]) => void): Promise<Unwatch> {
    const path = `${this.#root()}/mapping/${interfaceName}`;
    let last: string | undefined;
    return this.#watchData(path, (data) => {
      const text = data?.toString("utf8") ?? "";
      if (text === last) return;
      last = text;
      listener(parseApps(data));
    });
  }

  /**
   * One ZooKeeper watch per application however many references follow it (Java shares one
   * ServiceInstancesChangedListener per application too): a children watch on `/services/<app>`
   * plus a data watch per instance; a change re-reads only the instances that are new or changed.
   */
  async watchInstances(
    app: string,
    listener: (instances: ServiceInstance[]) => void,
  ): Promise<Unwatch> {
    let shared = this.#apps.get(app);
    if (!shared) {
      shared = { listeners: new Set(), latest: undefined, ready: undefined, unwatch: undefined };
      this.#apps.set(app, shared);
    }
    const entry = shared;
    entry.listeners.add(listener);
    if (entry.ready) {
      await entry.ready;
      if (entry.latest && entry.listeners.has(listener)) listener([...entry.latest]);
    } else {
      entry.ready = this.#watchApp(app, (instances) => {
        entry.latest = instances;
        for (const l of [...entry.listeners]) l([...instances]);
      }).then((unwatch) => {
        entry.unwatch = unwatch;
      });
      await entry.ready;
    }
    return () => {
      if (!entry.listeners.delete(listener) || entry.listeners.size > 0) return;
      entry.unwatch?.();
      this.#apps.delete(app);
    };
  }

  #watchApp(app: string, deliver: (instances: ServiceInstance[]) => void): Promise<Unwatch> {
    const path = `${this.#instancesRoot}/${app}`;
    const known = new Map<string, ServiceInstance | undefined>();
    const changed = new Set<string>();
    let last: string | undefined;
    let epoch = -1;
    let schedule: () => void = () => {};
    const dataWatcher = (event: Event) => {
      const child = event.getPath().slice(path.length + 1);
      changed.add(child);
      schedule();
    };
    const readChild = async (child: string) => {
      try {
        const { data } = await this.#ctx.session.getData(`${path}/${child}`, dataWatcher);
        known.set(child, data ? fromCuratorJson(data.toString("utf8")) : undefined);
      } catch (err) {
        if (zkCode(err) !== ZkCode.NoNode) throw err;
        known.delete(child);
      }
    };
    return this.#watch(async (watcher, reschedule) => {
      schedule = reschedule;
      const session = this.#ctx.session;
      let children: string[];
      try {
        children = await session.getChildren(path, watcher);
      } catch (err) {
        if (zkCode(err) !== ZkCode.NoNode) throw err;
        // No instance yet: watch for the parent to appear.
        if (await session.exists(path, watcher)) throw err;
        children = [];
      }
      const present = new Set(children);
      for (const child of [...known.keys()]) if (!present.has(child)) known.delete(child);
      // After a new session every watch is gone: read every instance again.
      const all = this.#ctx.epoch !== epoch;
      epoch = this.#ctx.epoch;
      const toRead = children.filter((c) => all || !known.has(c) || changed.has(c));
      for (const c of toRead) changed.delete(c);
      for (let i = 0; i < toRead.length; i += 500) {
        await Promise.all(toRead.slice(i, i + 500).map(readChild));
      }
      const instances = [...present]
        .sort()
        .map((c) => known.get(c))
        .filter((i): i is ServiceInstance => i !== undefined);
      const key = JSON.stringify(instances);
      if (key === last) return;
      last = key;
      deliver(instances);
    });
  }

  async publishMetadata(info: MetadataInfo): Promise<void> {
    const path = `${this.#root()}/metadata/${info.app}/${info.revision}`;
    await this.#writePersistent(path, Buffer.from(metadataInfoJson(info)));
  }

  async publishServiceDefinition(
    key: Parameters<ServiceDiscovery["publishServiceDefinition"]>[0],
    json: string,
  ): Promise<void> {
    // BaseServiceMetadataIdentifier.getFilePathKey: empty parts are left out.
    const parts = [
      ServiceUrl.encode(key.interface),
      key.version,
      key.group,
      key.side,
      key.application,
    ];
    const path = `${this.#root()}/metadata/${parts.filter((p) => p).join("/")}`;
    await this.#writePersistent(path, Buffer.from(json));
  }

  async #writePersistent(path: string, data: Buffer): Promise<void> {
    await mkdirp(this.#ctx, parentOf(path));
    try {
      await this.#ctx.session.create(path, false, this.#ctx.acl, data);
    } catch (err) {
      if (zkCode(err) !== ZkCode.NodeExists) throw err;
      await this.#ctx.session.setData(path, data, -1);
    }
  }

  async getMetadata(app: string, revision: string): Promise<MetadataInfo | undefined> {
    const path = `${this.#root()}/metadata/${app}/${revision}`;
    try {
      const { data } = await this.#ctx.session.getData(path);
      if (!data) return undefined;
      return toMetadataInfo(JSON.parse(data.toString("utf8")), `metadata report ${path}`);
    } catch (err) {
      if (zkCode(err) === ZkCode.NoNode) return undefined;
      throw err;
    }
  }

  watchMigrationRule(app: string, listener: (rule: string | undefined) => void): Promise<Unwatch> {
    const path = `${this.#root()}/config/${MIGRATION_RULE_GROUP}/${app}.migration`;
    let last: string | undefined | null = null;
    return this.#watchData(path, (data) => {
      const text = data?.toString("utf8") || undefined;
      if (text === last) return;
      last = text;
      listener(text);
    });
  }

  /** Re-reads every watch: after a (re)connection, events may have been missed. */
  rereadAll(): void {
    for (const w of this.#watches) this.#run(w);
  }

  /** Stops every watch (registry close). */
  closeAll(): void {
    for (const w of this.#watches) this.#stop(w);
  }

  /** Watches one node's data; `deliver` gets undefined while the node does not exist. */
  #watchData(path: string, deliver: (data: Buffer | undefined) => void): Promise<Unwatch> {
    return this.#watch(async (watcher) => {
      try {
        const { data } = await this.#ctx.session.getData(path, watcher);
        deliver(data);
      } catch (err) {
        if (zkCode(err) !== ZkCode.NoNode) throw err;
        // Watch for the node to be created; it may have appeared meanwhile.
        if (await this.#ctx.session.exists(path, watcher)) throw err;
        deliver(undefined);
      }
    });
  }

  /** Runs `read` now (resolving after the first attempt) and again after each event. */
  async #watch(
    read: (watcher: (event: Event) => void, schedule: () => void) => Promise<void>,
  ): Promise<Unwatch> {
    const w: DataWatch = {
      read: async () => read(w.watcher, () => this.#schedule(w)),
      watcher: () => this.#schedule(w),
      timer: undefined,
      reading: false,
      again: false,
      closed: false,
    };
    this.#watches.add(w);
    await this.#run(w);
    return () => this.#stop(w);
  }

  #stop(w: DataWatch): void {
    w.closed = true;
    if (w.timer) clearTimeout(w.timer);
    w.timer = undefined;
    this.#watches.delete(w);
  }

  #schedule(w: DataWatch, delay = this.#ctx.options.notifyDelay): void {
    if (w.timer || w.closed || this.#ctx.closed) return;
    w.timer = setTimeout(() => {
      w.timer = undefined;
      void this.#run(w);
    }, delay);
    w.timer.unref();
  }

  async #run(w: DataWatch): Promise<void> {
    if (w.closed || this.#ctx.closed) return;
    if (w.reading) {
      w.again = true;
      return;
    }
    if (!this.#ctx.session.connected) return; // the next connection re-reads everything
    w.reading = true;
    try {
      await w.read();
    } catch (err) {
      this.#ctx.logger.warn({ err }, "application-level discovery read failed; will retry");
      this.#schedule(w, this.#ctx.options.retryPeriod);
    } finally {
      w.reading = false;
    }
    if (w.again) {
      w.again = false;
      await this.#run(w);
    }
  }
}

function parseApps(data: Buffer | undefined): string[] {
  if (!data) return [];
  return data
    .toString("utf8")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}
