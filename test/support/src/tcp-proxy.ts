import net from "node:net";

/**
 * A TCP proxy on 127.0.0.1 in front of one ZooKeeper server, to cut a client's traffic:
 * `blackhole()` stops moving bytes both ways on every connection (new ones too) as a network
 * partition does, `refuse()` closes every connection and each new one at once (the server is
 * down), `open()` restores normal forwarding.
 */
export class TcpProxy {
  readonly #server: net.Server;
  readonly #target: number;
  readonly #pairs = new Set<{ a: net.Socket; b: net.Socket }>();
  #mode: "open" | "blackhole" | "refuse" = "open";
  accepted = 0;

  private constructor(server: net.Server, target: number) {
    this.#server = server;
    this.#target = target;
  }

  static async start(targetPort: number, mode: "open" | "refuse" = "open"): Promise<TcpProxy> {
    const server = net.createServer();
    const proxy = new TcpProxy(server, targetPort);
    proxy.#mode = mode;
    server.on("connection", (socket) => proxy.#accept(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** `127.0.0.1:<port>` to use as a connect string. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Connections currently open through the proxy. */
  get connections(): number {
    return this.#pairs.size;
  }

  #accept(a: net.Socket): void {
    this.accepted++;
    if (this.#mode === "refuse") {
      a.destroy();
      return;
    }
    const b = net.connect(this.#target, "127.0.0.1");
    const pair = { a, b };
    this.#pairs.add(pair);
    const end = () => {
      if (!this.#pairs.delete(pair)) return;
      a.destroy();
      b.destroy();
    };
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      from.on("data", (chunk) => to.write(chunk));
      from.on("close", end);
      from.on("error", end);
    }
    if (this.#mode === "blackhole") {
      a.pause();
      b.pause();
    }
  }

  blackhole(): void {
    this.#mode = "blackhole";
    for (const { a, b } of this.#pairs) {
      a.pause();
      b.pause();
    }
  }

  refuse(): void {
    this.#mode = "refuse";
    for (const { a, b } of [...this.#pairs]) {
      a.destroy();
      b.destroy();
    }
    this.#pairs.clear();
  }

  open(): void {
    this.#mode = "open";
    for (const { a, b } of this.#pairs) {
      a.resume();
      b.resume();
    }
  }

  async close(): Promise<void> {
    this.refuse();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
