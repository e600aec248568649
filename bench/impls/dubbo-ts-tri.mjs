// dubbo-ts over Triple with the Java-interface contract (the hessian4 wrapper Java 3.3 uses for
// non-IDL services): the same definition, implementation and calls as impls/dubbo-ts.mjs, at the
// protocol level (`createTripleProtocol().export/refer` + `createProxy`), one HTTP/2 connection.
//
// Runs on the build output (`npx tsc -b`): "@dubbo-ts/*" resolve to packages/*/dist.

import { protocolLevelImpl } from "./dubbo-ts.mjs";

export default protocolLevelImpl({
  name: "dubbo-ts-tri",
  label: "dubbo-ts Triple (hessian4 wrapper)",
  scheme: "tri",
  createProtocol: async (options) =>
    (await import("@dubbo-ts/triple")).createTripleProtocol(options),
});
