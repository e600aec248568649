// dubbo-ts Triple: our IDL server and client (packages/triple, node:http2 + protobufjs) with the
// same Page.proto messages as impls/grpc.mjs, unary calls at /org.apache.dubbo.benchmark.service.
// UserService/<method>. One client = one HTTP/2 connection; every call is a stream on it.
//
// Runs on the build output (`npx tsc -b`): "@dubbo-ts/triple" resolves to packages/triple/dist.
import { createRequire } from "node:module";
import path from "node:path";
import { serviceImpl } from "../lib/payloads.mjs";
import { PROTO_DIR, pbUser, userOut } from "./grpc.mjs";

const require = createRequire(import.meta.url);
const protobuf = require("protobufjs");

/** bench/proto/user_service.proto's UserService, resolved (at the path grpc.mjs calls). */
function userService() {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(PROTO_DIR, path.basename(target));
  root.loadSync("user_service.proto", { keepCase: true }).resolveAll();
  return root.lookupService("org.apache.dubbo.benchmark.service.UserService");
}

export default {
  name: "dubbo-ts-triple",
  label: "dubbo-ts Triple (IDL, protobufjs)",

  async startServer({ host }) {
    const { createIdlServer } = await import("@dubbo-ts/triple");
    const server = createIdlServer({ host, port: 0 });
    server.addService(userService(), {
      echo: (r) => ({ text: serviceImpl.echo(r.text) }),
      existUser: (r) => ({ state: serviceImpl.existUser(r.email) }),
      createUser: (r) => ({ state: serviceImpl.createUser(r.user) }),
      getUser: (r) => ({ user: pbUser(serviceImpl.getUser(Number(r.id))) }),
      listUser: (r) => {
        const page = serviceImpl.listUser(r.page);
        return { page: { pageNo: page.pageNo, total: page.total, users: page.result.map(pbUser) } };
      },
    });
    const port = await server.start();
    return { port, close: () => server.close(1000) };
  },

  async startClient({ host, port }) {
    const { createIdlClient } = await import("@dubbo-ts/triple");
    const client = createIdlClient(userService(), { address: `${host}:${port}` });
    await client.echo({ text: "warm" });
    const createArg = {};
    return {
      calls: {
        echo: (text) => client.echo({ text }),
        existUser: (email) => client.existUser({ email }),
        createUser: (user) => {
          createArg.user ??= pbUser(user);
          return client.createUser(createArg);
        },
        getUser: (id) => client.getUser({ id }),
        listUser: (page) => client.listUser({ page }),
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
