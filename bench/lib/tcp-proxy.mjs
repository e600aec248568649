// A TCP relay on 127.0.0.1 that the registry benchmark puts between one process and ZooKeeper, so
// it can cut that process off (a partition, not a crash) and let it back in.
//
// blackhole(): keeps accepted sockets open but forwards nothing either way, like a network that
// drops packets; new connections are accepted and ignored too. open(): tears every relayed
// connection down (the client sees a reset and reconnects) and relays normally again.
import net from "node:net";

export class TcpProxy {
  /** Starts a relay to 127.0.0.1:targetPort on a free loopback port. */
  static async start(targetPort) {
    const proxy = new TcpProxy(targetPort);
    await new Promise((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    proxy.port = proxy.server.address().port;
    return proxy;
  }

  constructor(targetPort) {
    this.targetPort = targetPort;
    this.blocked = false;
    this.pairs = new Set();
    this.server = net.createServer((client) => this.accept(client));
    this.port = 0;
  }

  get address() {
    return `127.0.0.1:${this.port}`;
  }

  accept(client) {
    client.on("error", () => {});
    if (this.blocked) {
      // Accept and ignore: the peer's connect succeeds but nothing ever answers.
      const pair = { client, upstream: undefined };
      this.pairs.add(pair);
      client.on("close", () => this.pairs.delete(pair));
      client.pause();
      return;
    }
    const upstream = net.connect(this.targetPort, "127.0.0.1");
    upstream.on("error", () => client.destroy());
    const pair = { client, upstream };
    this.pairs.add(pair);
    const forward = (from, to) =>
      from.on("data", (chunk) => {
        if (!this.blocked) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on("close", close);
    upstream.on("close", close);
  }

  blackhole() {
    this.blocked = true;
  }

  open() {
    this.blocked = false;
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream?.destroy();
    }
    this.pairs.clear();
  }

  async close() {
    this.open();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
}
