// The node:http2 floor: what one unary gRPC-shaped exchange costs on node:http2 itself, with no RPC
// framework. The client opens a stream per call (request HEADERS + one DATA frame with END_STREAM);
// the server gathers the request, answers HEADERS + one DATA + trailers (`waitForTrailers`, as every
// gRPC server must send grpc-status in trailers) and the client gathers the answer. Bodies are
// prebuilt: the gRPC-framed protobuf messages of impls/grpc.mjs (the same bytes the grpc and
// Triple rows move), so no encoding or decoding is measured. The ceiling of any Triple or gRPC
// implementation built on node:http2.
import http2 from "node:http2";
import { CREATE_USER_ARG, ECHO_TEXT, SCENARIO_NAMES, serviceImpl } from "../lib/payloads.mjs";
import { pbUser, Request, Response } from "./grpc.mjs";

const PATH = "/org.apache.dubbo.benchmark.service.UserService/";

/** One gRPC length-prefixed message (flag 0, 4-byte big-endian length) around `message`. */
function grpcFrame(type, message) {
  const body = type.encode(message).finish();
  const frame = Buffer.alloc(5 + body.length);
  frame.writeUInt32BE(body.length, 1);
  frame.set(body, 5);
  return frame;
}

const REQUESTS = {
  echo: { text: ECHO_TEXT },
  existUser: { email: "7" },
  createUser: { user: pbUser(CREATE_USER_ARG) },
  getUser: { id: 7 },
  listUser: { page: 7 },
};

function responseOf(name) {
  if (name === "echo") return { text: ECHO_TEXT };
  if (name === "existUser" || name === "createUser") return { state: true };
  if (name === "getUser") return { user: pbUser(serviceImpl.getUser(7)) };
  const page = serviceImpl.listUser(7);
  return { page: { pageNo: 7, total: page.total, users: page.result.map(pbUser) } };
}

const RESPONSE_HEADERS = { ":status": 200, "content-type": "application/grpc" };
const TRAILERS = { "grpc-status": "0" };

export default {
  name: "http2-floor",
  label: "node:http2 floor (prebuilt gRPC bodies)",

  async startServer({ host }) {
    const responses = Object.fromEntries(
      SCENARIO_NAMES.map((n) => [`${PATH}${n}`, grpcFrame(Response, responseOf(n))]),
    );
    const server = http2.createServer();
    server.on("stream", (stream, headers) => {
      const body = responses[headers[":path"]];
      stream.on("data", () => {});
      stream.on("end", () => {
        stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
        stream.end(body);
      });
      stream.on("wantTrailers", () => stream.sendTrailers(TRAILERS));
      stream.on("error", () => {});
    });
    await new Promise((resolve) => server.listen(0, host, resolve));
    return {
      port: server.address().port,
      close: () => new Promise((resolve) => server.close(resolve)),
    };
  },

  async startClient({ host, port }) {
    const session = http2.connect(`http://${host}:${port}`);
    await new Promise((resolve, reject) => {
      session.once("connect", resolve);
      session.once("error", reject);
    });
    session.on("error", () => {});
    const call = (name) => {
      const headers = {
        ":method": "POST",
        ":path": `${PATH}${name}`,
        "content-type": "application/grpc",
        te: "trailers",
      };
      const body = grpcFrame(Request, REQUESTS[name]);
      return () =>
        new Promise((resolve, reject) => {
          const stream = session.request(headers, { endStream: false });
          const chunks = [];
          stream.on("data", (chunk) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("close", () => resolve(Buffer.concat(chunks)));
          stream.end(body);
        });
    };
    const calls = Object.fromEntries(SCENARIO_NAMES.map((n) => [n, call(n)]));
    // No values to check: the floor answers with prebuilt bytes. The check is that one whole
    // gRPC message came (sizes vary by a byte or two with the timestamps in the users).
    const check = Object.fromEntries(
      SCENARIO_NAMES.map((n) => [
        n,
        (body) => body.length > 5 && body.readUInt32BE(1) + 5 === body.length,
      ]),
    );
    return { calls, check, close: async () => session.close() };
  },
};
