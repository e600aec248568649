// dubbo-ts consumer → dubbo-ts provider over a direct URL (no registry in the hot path), at the
// protocol level: the provider is `createDubboProtocol().export(url, definition,
// createServiceInvoker(…))`, the consumer `createProxy({ definition, invoker: protocol.refer(url) })`
// — the wire path (codec, connection, server) plus the proxy, without cluster, directory or
// filters. impls/dubbo-ts-app.mjs measures the same calls through createApplication.
//
// Runs on the build output (`npx tsc -b`): "@dubbo-ts/*" resolve to packages/*/dist.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CREATE_USER_ARG,
  JAVA_TIME_CLASSES,
  METHODS,
  makePage,
  makeUserText,
  SERVICE,
  serviceImpl,
  VERSION,
  withTimeText,
} from "../lib/payloads.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Why dubbo-ts cannot run (no build output, missing exports), or undefined. */
export async function dubboTsUnavailable(needed = {}) {
  for (const pkg of ["core", "protocol"]) {
    if (!existsSync(path.join(root, "packages", pkg, "dist", "index.js"))) {
      return `packages/${pkg}/dist is missing: run \`npx tsc -b\` (npm run bench does)`;
    }
  }
  try {
    const core = await import("@dubbo-ts/core/spi");
    const protocol = await import("@dubbo-ts/protocol");
    const codec = await import("@dubbo-ts/protocol/codec");
    const want = {
      core: [
        "defineJavaClass",
        "createServiceInvoker",
        "createProxy",
        "ServiceUrl",
        ...(needed.core ?? []),
      ],
      protocol: ["createDubboProtocol", ...(needed.protocol ?? [])],
      codec: [...(needed.codec ?? [])],
    };
    const missing = [
      ...want.core.filter((n) => !(n in core)).map((n) => `@dubbo-ts/core.${n}`),
      ...want.protocol.filter((n) => !(n in protocol)).map((n) => `@dubbo-ts/protocol.${n}`),
      ...want.codec.filter((n) => !(n in codec)).map((n) => `@dubbo-ts/protocol/codec.${n}`),
    ];
    return missing.length ? `the build output lacks ${missing.join(", ")}` : undefined;
  } catch (err) {
    return `cannot load the build output: ${String(err?.message ?? err).split("\n")[0]}`;
  }
}

/** Registers the benchmark DTOs (User, Page) with their Java field types (java.time as text). */
export function defineBenchClasses(core) {
  for (const [name, fields] of Object.entries(JAVA_TIME_CLASSES)) {
    core.defineJavaClass({ name, fields });
  }
}

/**
 * The createUser argument with its java.time fields as text. The agent always passes
 * CREATE_USER_ARG (built once, as dubbo-benchmark does); this is the same user as a dubbo-ts
 * caller holds it, also built once.
 */
export const CREATE_USER_TEXT = withTimeText(CREATE_USER_ARG);

/** The agent's calls of the bench scenarios on a UserService proxy (every dubbo-ts client). */
export function userServiceCalls(proxy) {
  return {
    echo: (text) => proxy.echo(text),
    existUser: (email) => proxy.existUser(email),
    createUser: () => proxy.createUser(CREATE_USER_TEXT),
    getUser: (id) => proxy.getUser(id),
    listUser: (pageNo) => proxy.listUser(pageNo),
  };
}

export const definition = { interface: SERVICE, methods: METHODS };

export const implementation = {
  async echo(text) {
    return serviceImpl.echo(text);
  },
  async existUser(email) {
    return serviceImpl.existUser(email);
  },
  async createUser(user) {
    return serviceImpl.createUser(user);
  },
  async getUser(id) {
    return makeUserText(id);
  },
  async listUser(pageNo) {
    return makePage(pageNo, makeUserText);
  },
};

/**
 * A protocol-level implementation (`export`/`refer` + `createProxy`, no application): `scheme` is
 * the URL's protocol, `createProtocol(options)` loads and makes the plugin. dubbo-ts and
 * dubbo-ts-tri differ only in these.
 */
export function protocolLevelImpl({ name, label, scheme, createProtocol }) {
  return {
    name,
    label,

    unavailable: () => dubboTsUnavailable(),

    async startServer({ host }) {
      const core = await import("@dubbo-ts/core/spi");
      defineBenchClasses(core);
      const protocol = await createProtocol({ host });
      const url = core.ServiceUrl.parse(
        `${scheme}://${host}:0/${SERVICE}?interface=${SERVICE}&version=${VERSION}&side=provider`,
      );
      const invoker = core.createServiceInvoker({ url, implementation, definition });
      const exporter = await protocol.export(url, definition, invoker);
      return {
        port: exporter.url.port,
        close: () => protocol.close({ deadlineMs: 1000 }),
      };
    },

    async startClient({ host, port }) {
      const core = await import("@dubbo-ts/core/spi");
      defineBenchClasses(core);
      const protocol = await createProtocol({});
      const url = core.ServiceUrl.parse(
        `${scheme}://${host}:${port}/${SERVICE}?interface=${SERVICE}&version=${VERSION}&timeout=60000`,
      );
      const invoker = protocol.refer(url, definition);
      const proxy = core.createProxy({ definition, invoker, version: VERSION });
      // refer() connects in the background; the first call waits for it.
      await proxy.echo("ready");
      return {
        calls: userServiceCalls(proxy),
        close: async () => {
          await invoker.destroy();
          await protocol.close({ deadlineMs: 1000 });
        },
      };
    },
  };
}

export default protocolLevelImpl({
  name: "dubbo-ts",
  label: "dubbo-ts (protocol + proxy)",
  scheme: "dubbo",
  createProtocol: async (options) =>
    (await import("@dubbo-ts/protocol")).createDubboProtocol(options),
});
