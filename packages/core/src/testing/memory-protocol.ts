import { createCallPlanner } from "../call-plan.js";
import { GenericResult } from "../generic.js";
import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import type { Exporter, Protocol } from "../protocol.js";
import type { Result } from "../result.js";
import { Code, RpcError } from "../rpc-error.js";
import type { ServiceDefinition } from "../service-definition.js";
import { type ServiceUrl, serviceKey } from "../service-url.js";

interface Server {
  readonly address: string;
  readonly services: Map<string, Invoker>;
  readonly pending: Set<{ reject: (e: RpcError) => void; done: Promise<unknown> }>;
  readOnly: boolean;
  readonly referrers: Set<{ readOnly: boolean }>;
  /** The owning protocol's log of received invocations. */
  readonly received: Invocation[];
}

/** What several in-memory protocols share, like the loopback network between processes. */
export interface MemoryNetwork {
  readonly servers: Map<string, Server>;
  nextPort: number;
}

export function createMemoryNetwork(): MemoryNetwork {
  return { servers: new Map(), nextPort: 30_000 };
}

/** An in-memory `Protocol` for tests. */
export interface MemoryProtocol extends Protocol {
  readonly network: MemoryNetwork;
  /** Addresses this protocol serves. */
  readonly addresses: readonly string[];
  /** Every invocation a provider of this protocol received, in order. */
  readonly received: Invocation[];
  readonly closed: boolean;
  /** Simulates `kill -9`: the server vanishes, its pending calls fail with `Code.Network`. */
  kill(): void;
}

/**
 * A loopback "wire" without sockets: `export` serves an invoker at `host:port` (port 0 picks one),
 * `refer` returns an invoker that finds it there. Arguments are copied with `structuredClone`
 * (class instances arrive as plain objects, as after a real round trip). The per-call timeout
 * is the call plan's (→ `Code.Timeout`); a missing server → `Code.Network`.
 * `close()` marks its servers read-only (their referrers become unavailable, as after `"R"`),
 * waits for calls in flight up to the deadline, then removes them.
 */
export function createMemoryProtocol(
  network: MemoryNetwork = createMemoryNetwork(),
): MemoryProtocol {
  const mine = new Set<Server>();
  const received: Invocation[] = [];
  const referred = new Set<{ readOnly: boolean; destroyed: boolean }>();
  let closed = false;

  const stop = (server: Server, error?: RpcError) => {
    network.servers.delete(server.address);
    mine.delete(server);
    if (error) for (const p of server.pending) p.reject(error);
    for (const r of server.referrers) r.readOnly = true;
  };

  const protocol: MemoryProtocol = {
    name: "dubbo",
    network,
    received,
    get addresses() {
      return [...mine].map((s) => s.address);
    },
    get closed() {
      return closed;
    },
    async export(
      url: ServiceUrl,
      definition: ServiceDefinition,
      invoker: Invoker,
    ): Promise<Exporter> {
      if (closed) throw new Error("memory protocol is closed");
      const port = url.port === 0 ? network.nextPort++ : url.port;
      const address = `${url.host}:${port}`;
      let server = network.servers.get(address);
      if (server && !mine.has(server)) {
        throw new RpcError(Code.Network, `listen EADDRINUSE: address already in use ${address}`);
      }
      if (!server) {
        server = {
          address,
          services: new Map(),
          pending: new Set(),
          readOnly: false,
          referrers: new Set(),
          received,
        };
        network.servers.set(address, server);
        mine.add(server);
      }
      const key = serviceKey(
        definition.interface,
        url.getParameter("version"),
        url.getParameter("group"),
      );
      server.services.set(key, invoker);
      const exportedUrl = url.with({ port });
      const s = server;
      return {
        url: exportedUrl,
        async unexport() {
          s.services.delete(key);
        },
      };
    },
    refer(url: ServiceUrl): Invoker {
      const state = { readOnly: false, destroyed: false };
      referred.add(state);
      const address = url.address;
      const planCall = createCallPlanner(url);
      network.servers.get(address)?.referrers.add(state);
      return {
        url,
        isAvailable: () => !state.readOnly && !state.destroyed && network.servers.has(address),
        async destroy() {
          state.destroyed = true;
          referred.delete(state);
        },
        invoke(invocation: Invocation): Promise<Result> {
          const server = network.servers.get(address);
          if (!server || state.destroyed) {
            return Promise.reject(new RpcError(Code.Network, `connect ECONNREFUSED ${address}`));
          }
          server.referrers.add(state);
          const key = serviceKey(invocation.serviceName, invocation.version, invocation.group);
          const target = server.services.get(key);
          if (!target) {
            return Promise.reject(
              new RpcError(Code.Unknown, `Not found exported service: ${key} in ${address}`),
            );
          }
          // What the dubbo protocol puts on the wire besides the caller's attachments.
          const plan = invocation.call ?? planCall(invocation);
          const { return: _, ...sent } = invocation.attachments;
          const copy: Invocation = {
            ...invocation,
            call: undefined,
            args: structuredClone(invocation.args),
            attachments: {
              ...sent,
              timeout: String(plan.timeout),
              ...(plan.token === undefined ? {} : { token: plan.token }),
            },
            remoteAddress: "127.0.0.1:50000",
            localAddress: address,
          };
          server.received.push(copy);
          const timeout = plan.timeout;
          let timer: NodeJS.Timeout | undefined;
          let reject!: (e: RpcError) => void;
          const failed = new Promise<never>((_, r) => {
            reject = r;
          });
          const done = target.invoke(copy).then(
            // A generic call's result travels as PojoUtils.generalize shapes it.
            (r) => ({
              ...r,
              value: structuredClone(
                r.value instanceof GenericResult ? r.value.toPlain() : r.value,
              ),
            }),
            (e: unknown) => {
              throw RpcError.from(e);
            },
          );
          const entry = { reject, done };
          server.pending.add(entry);
          const timedOut = new Promise<never>((_, r) => {
            timer = setTimeout(
              () =>
                r(
                  new RpcError(
                    Code.Timeout,
                    `Waiting server-side response timeout. timeout: ${timeout} ms, method: ${invocation.methodName}`,
                  ),
                ),
              timeout,
            );
          });
          return Promise.race([done, failed, timedOut]).finally(() => {
            clearTimeout(timer);
            server.pending.delete(entry);
          });
        },
      };
    },
    async close(options) {
      if (closed) return;
      closed = true;
      const deadline = Date.now() + (options?.deadlineMs ?? 10_000);
      for (const server of mine) {
        server.readOnly = true;
        for (const r of server.referrers) r.readOnly = true;
      }
      for (const server of [...mine]) {
        while (server.pending.size > 0 && Date.now() < deadline) {
          await Promise.race([
            Promise.allSettled([...server.pending].map((p) => p.done)),
            new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()))),
          ]);
        }
        stop(server, new RpcError(Code.Network, `connection to ${server.address} closed`));
      }
      for (const r of referred) r.destroyed = true;
    },
    kill() {
      closed = true;
      for (const server of [...mine]) {
        stop(
          server,
          new RpcError(Code.Network, `connection to ${server.address} reset (ECONNRESET)`),
        );
      }
    },
  };
  return protocol;
}
