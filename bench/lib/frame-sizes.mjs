// Sizes of the Dubbo frames of each scenario (16-byte header + hessian2 body), computed once with
// hessian.js from the same payloads, so the raw-socket floor moves the bytes an RPC framework moves.
//
// Request body (DubboCodec#encodeRequestData): dubbo version, path, version, method name, parameter
// descriptor, each argument, attachments map. Response body: the result flag (4 = value with
// attachments, as Dubbo ≥ 2.6.3 answers a 2.0.2 client) then the value and the attachments.
import { createRequire } from "node:module";
import { java, javaPage, javaUser } from "./hessian-shapes.mjs";
import { CREATE_USER_ARG, ECHO_TEXT, makePage, makeUser, SERVICE, VERSION } from "./payloads.mjs";

const require = createRequire(import.meta.url);
const hessian = require("hessian.js");

const HEADER = 16;

function size(writeAll) {
  const encoder = new hessian.EncoderV2();
  writeAll(encoder);
  return encoder.get().length;
}

function request(method, descriptor, args) {
  return (
    HEADER +
    size((e) => {
      e.write("2.0.2");
      e.write(SERVICE);
      e.write(VERSION);
      e.write(method);
      e.write(descriptor);
      for (const a of args) e.write(a);
      e.write({ path: SERVICE, interface: SERVICE, version: VERSION, timeout: "30000" });
    })
  );
}

function response(value) {
  return (
    HEADER +
    size((e) => {
      e.write(4);
      e.write(value);
      e.write({ dubbo: "2.0.2" });
    })
  );
}

const USER_DESC = "Lorg/apache/dubbo/benchmark/bean/User;";

/** Request and response frame sizes in bytes, per scenario. */
export const FRAME_SIZES = {
  echo: {
    request: request("echo", "Ljava/lang/String;", [ECHO_TEXT]),
    response: response(ECHO_TEXT),
  },
  existUser: {
    request: request("existUser", "Ljava/lang/String;", ["12345"]),
    response: response(true),
  },
  createUser: {
    request: request("createUser", USER_DESC, [javaUser(CREATE_USER_ARG)]),
    response: response(true),
  },
  getUser: {
    request: request("getUser", "J", [java.long(12345)]),
    response: response(javaUser(makeUser(12345))),
  },
  listUser: {
    request: request("listUser", "I", [java.int(12345)]),
    response: response(javaPage(makePage(12345))),
  },
};
