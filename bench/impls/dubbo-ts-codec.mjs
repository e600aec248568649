// Our hessian2 codec for the codec micro-benchmark (bench/codec.mjs), through the public exports
// of @dubbo-ts/protocol: TypedWriter over a HessianWriter writes plain objects as their declared
// Java types (the DTOs registered with defineJavaClass, no wrappers); HessianReader decodes with
// the expected type.

import { JAVA_CLASSES } from "../lib/payloads.mjs";
import { dubboTsUnavailable } from "./dubbo-ts.mjs";

let core;
let protocol;

export default {
  name: "dubbo-ts",

  async unavailable() {
    const reason = await dubboTsUnavailable({
      core: ["parseJavaType"],
      protocol: ["TypedWriter", "HessianWriter", "HessianReader"],
    });
    if (reason) return reason;
    core = await import("@dubbo-ts/core");
    protocol = await import("@dubbo-ts/protocol");
    for (const [name, fields] of Object.entries(JAVA_CLASSES))
      core.defineJavaClass({ name, fields });
    return undefined;
  },

  /** `cls` is a Java type name (`…User`, `…Page<…User>`). */
  encode(value, cls) {
    const out = new protocol.HessianWriter();
    new protocol.TypedWriter(out).write(value, cls, "value");
    return out.toBuffer();
  },

  decode(bytes, cls) {
    return new protocol.HessianReader(bytes).readValue(core.parseJavaType(cls));
  },
};
