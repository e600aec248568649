// dubbo-ts over Triple with the Java-interface contract (the hessian4 wrapper Java 3.3 uses for
// non-IDL services): the same definition, implementation and calls as impls/dubbo-ts.mjs, at the
// protocol level (`createTripleProtocol().export/refer` + `createProxy`), one HTTP/2 connection.
//
// Runs on the build output (`npx tsc -b`): "@dubbo-ts/*" resolve to packages/*/dist.

import { SERVICE, VERSION } from "../lib/payloads.mjs";
import {
  defineBenchClasses,
  definition,
  dubboTsUnavailable,
  implementation,
  userServiceCalls,
} from "./dubbo-ts.mjs";

export default {
  name: "dubbo-ts-tri",
  label: "dubbo-ts Triple (hessian4 wrapper)",

  unavailable: () => dubboTsUnavailable(),

  async startServer({ host }) {
    const core = await import("@dubbo-ts/core/spi");
    const { createTripleProtocol } = await import("@dubbo-ts/triple");
    defineBenchClasses(core);
    const protocol = createTripleProtocol({ host });
    const url = core.ServiceUrl.parse(
      `tri://${host}:0/${SERVICE}?interface=${SERVICE}&version=${VERSION}&side=provider`,
    );
    const invoker = core.createServiceInvoker({ url, implementation, definition });
    const exporter = await protocol.export(url, definition, invoker);
    return { port: exporter.url.port, close: () => protocol.close({ deadlineMs: 1000 }) };
  },

  async startClient({ host, port }) {
    const core = await import("@dubbo-ts/core/spi");
    const { createTripleProtocol } = await import("@dubbo-ts/triple");
    defineBenchClasses(core);
    const protocol = createTripleProtocol();
    const url = core.ServiceUrl.parse(
      `tri://${host}:${port}/${SERVICE}?interface=${SERVICE}&version=${VERSION}&timeout=60000`,
    );
    const invoker = protocol.refer(url, definition);
    const proxy = core.createProxy({ definition, invoker, version: VERSION });
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
