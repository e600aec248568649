// @grpc/grpc-js unary calls with protobufjs messages: the messages of apache/dubbo-benchmark's
// Page.proto (Request/Response wrappers, google.protobuf.Timestamp dates) plus an echo text field.
// One channel = one HTTP/2 connection; every call is a stream on it. Messages are encoded with
// protobufjs reflection (`Type.encode/decode`) through a hand-built service definition, which is
// what @grpc/proto-loader generates minus its `toObject` conversion.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { serviceImpl } from "../lib/payloads.mjs";

const require = createRequire(import.meta.url);
const grpc = require("@grpc/grpc-js");
const protobuf = require("protobufjs");

/**
 * dubbo-benchmark's messages as protobuf (bench/proto/page.proto; also served over Triple by
 * impls/dubbo-ts-triple.mjs and compiled into the Java Triple rows).
 */
export const PROTO_DIR = fileURLToPath(new URL("../proto/", import.meta.url));
export const PROTO = readFileSync(`${PROTO_DIR}page.proto`, "utf8");

const root = protobuf.parse(PROTO, { keepCase: true }).root;
export const Request = root.lookupType("org.apache.dubbo.benchmark.bean.Request");
export const Response = root.lookupType("org.apache.dubbo.benchmark.bean.Response");

const METHODS = ["echo", "existUser", "createUser", "getUser", "listUser"];
const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

const definition = Object.fromEntries(
  METHODS.map((m) => [
    m,
    {
      path: `/org.apache.dubbo.benchmark.service.UserService/${m}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: (msg) => toBuffer(Request.encode(msg).finish()),
      requestDeserialize: (buf) => Request.decode(buf),
      responseSerialize: (msg) => toBuffer(Response.encode(msg).finish()),
      responseDeserialize: (buf) => Response.decode(buf),
      originalName: m,
    },
  ]),
);

export const BIRTHDAY = { seconds: Date.UTC(1968, 11, 8) / 1000, nanos: 0 };

/** A User message with the same values as lib/payloads.mjs makeUser, dates as Timestamps. */
export function pbUser(u) {
  const ms = Date.now();
  const now = { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
  return {
    id: u.id,
    name: u.name,
    sex: u.sex,
    birthday: BIRTHDAY,
    email: u.email,
    mobile: u.mobile,
    address: u.address,
    icon: u.icon,
    permissions: u.permissions,
    status: u.status,
    createTime: now,
    updateTime: now,
  };
}

export const userOut = (u) => u && { ...u, id: Number(u.id) };

export default {
  name: "grpc",
  label: "@grpc/grpc-js + protobufjs",

  async startServer({ host }) {
    const server = new grpc.Server();
    server.addService(definition, {
      echo: (call, cb) => cb(null, { text: serviceImpl.echo(call.request.text) }),
      existUser: (call, cb) => cb(null, { state: serviceImpl.existUser(call.request.email) }),
      createUser: (call, cb) => cb(null, { state: serviceImpl.createUser(call.request.user) }),
      getUser: (call, cb) =>
        cb(null, { user: pbUser(serviceImpl.getUser(Number(call.request.id))) }),
      listUser: (call, cb) => {
        const page = serviceImpl.listUser(call.request.page);
        cb(null, {
          page: { pageNo: page.pageNo, total: page.total, users: page.result.map(pbUser) },
        });
      },
    });
    const port = await new Promise((resolve, reject) =>
      server.bindAsync(`${host}:0`, grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    return {
      port,
      close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
    };
  },

  async startClient({ host, port }) {
    const client = new grpc.Client(`${host}:${port}`, grpc.credentials.createInsecure());
    await new Promise((resolve, reject) =>
      client.waitForReady(Date.now() + 10_000, (err) => (err ? reject(err) : resolve())),
    );
    const unary = (m) => {
      const d = definition[m];
      return (request) =>
        new Promise((resolve, reject) => {
          client.makeUnaryRequest(
            d.path,
            d.requestSerialize,
            d.responseDeserialize,
            request,
            (err, res) => (err ? reject(err) : resolve(res)),
          );
        });
    };
    const echo = unary("echo");
    const existUser = unary("existUser");
    const createUser = unary("createUser");
    const getUser = unary("getUser");
    const listUser = unary("listUser");
    const createArg = {};
    return {
      calls: {
        echo: (text) => echo({ text }),
        existUser: (email) => existUser({ email }),
        createUser: (user) => {
          createArg.user ??= pbUser(user);
          return createUser(createArg);
        },
        getUser: (id) => getUser({ id }),
        listUser: (page) => listUser({ page }),
      },
      canonical: {
        echo: (r) => r.text,
        existUser: (r) => r.state,
        createUser: (r) => r.state,
        getUser: (r) => userOut(r.user),
        listUser: (r) => ({ pageNo: r.page.pageNo, total: r.page.total, result: r.page.users }),
      },
      close: async () => client.close(),
    };
  },
};
