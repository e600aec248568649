// sofa-rpc-node 2.x with the dubbo-remoting protocol: the most complete Node implementation of the
// Dubbo protocol before dubbo-ts, used the way egg-dubbo-rpc uses it (its fastest configuration):
// a classMap (what egg-rpc-generator derives from the jar) so plain JS objects are encoded by
// compiled per-class hessian writers.
//
// What it needs to talk Dubbo directly (no registry): a `dubbo://host:port/<interface>` server
// URL, `group: ''`, a non-empty `version` (the provider looks services up by `interface:version`),
// and `{$class}` wrappers where the Java type is not what dubbo-remoting infers from the JS value
// (`long` for getUser; `boolean` results, which it would otherwise write without a result flag).
// RpcServer listens on every interface; the server below replaces _startServer to bind loopback.
import { createRequire } from "node:module";
import {
  JAVA_CLASSES,
  PAGE_CLASS,
  SERVICE,
  serviceImpl,
  USER_CLASS,
  VERSION,
} from "../lib/payloads.mjs";

const require = createRequire(import.meta.url);
const net = require("node:net");
const { RpcServer } = require("sofa-rpc-node").server;
const { RpcClient } = require("sofa-rpc-node").client;
const protocol = require("dubbo-remoting");

const logger = {
  debug() {},
  info() {},
  warn: (...args) => console.error("[sofa warn]", ...args),
  error: (...args) => console.error("[sofa error]", ...args),
};

/** Our `java.util.List<X>` type names → a dubbo-remoting classMap field descriptor. */
function fieldType(javaType) {
  const m = /^java\.util\.List<(.+)>$/.exec(javaType);
  if (m) return { type: "java.util.List", generic: [{ type: m[1] }] };
  return { type: javaType };
}

const classMap = Object.fromEntries(
  Object.entries(JAVA_CLASSES).map(([cls, fields]) => [
    cls,
    Object.fromEntries(Object.entries(fields).map(([f, t]) => [f, fieldType(t)])),
  ]),
);

const bool = (v) => ({ $class: "boolean", $: v });

export default {
  name: "sofa",
  label: "sofa-rpc-node + dubbo-remoting",

  async startServer({ host }) {
    const server = new RpcServer({
      logger,
      protocol,
      port: 0,
      group: "",
      version: VERSION,
      classMap,
      responseTimeout: 60_000,
      // graceful() would otherwise catch uncaught errors and keep the process alive.
      killTimeout: 1000,
    });
    // RpcServer#_startServer listens on all interfaces; listen on loopback instead (same logic).
    server._startServer = function startOnLoopback(port) {
      const s = net.createServer();
      s.once("error", (err) => this.emit("error", err));
      s.on("connection", (socket) => this._handleSocket(socket));
      s.listen(port, host, () => {
        this.publishPort = s.address().port;
      });
      return s;
    };
    server.addService(
      { interfaceName: SERVICE, version: VERSION, group: "" },
      {
        async echo(text) {
          return serviceImpl.echo(text);
        },
        async existUser(email) {
          return bool(serviceImpl.existUser(email));
        },
        async createUser(user) {
          return bool(serviceImpl.createUser(user));
        },
        async getUser(id) {
          return { $class: USER_CLASS, $: serviceImpl.getUser(id) };
        },
        async listUser(pageNo) {
          return {
            $class: PAGE_CLASS,
            $: serviceImpl.listUser(pageNo),
            generic: [{ type: USER_CLASS }],
          };
        },
      },
    );
    await server.start();
    return {
      port: server.publishPort,
      close: () => server.close(),
    };
  },

  async startClient({ host, port }) {
    const client = new RpcClient({
      logger,
      protocol,
      responseTimeout: 60_000,
      connectionOpts: { protocol, classMap, noDelay: true, connectTimeout: 3000 },
    });
    const consumer = client.createConsumer({
      interfaceName: SERVICE,
      version: VERSION,
      group: "",
      serverHost: `dubbo://${host}:${port}/${SERVICE}?serialization=hessian2&version=${VERSION}`,
      responseTimeout: 60_000,
    });
    await consumer.ready();
    const invoke = (method, args) => consumer.invoke(method, args, { responseTimeout: 60_000 });
    return {
      calls: {
        echo: (text) => invoke("echo", [text]),
        existUser: (email) => invoke("existUser", [email]),
        createUser: (user) => invoke("createUser", [{ $class: USER_CLASS, $: user }]),
        getUser: (id) => invoke("getUser", [{ $class: "long", $: id }]),
        listUser: (pageNo) => invoke("listUser", [pageNo]),
      },
      close: () => client.close(),
    };
  },
};
