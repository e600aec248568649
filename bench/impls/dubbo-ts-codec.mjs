// Our hessian2 codec for the codec micro-benchmark (bench/codec.mjs), through the public exports
// of @dubbo-ts/protocol: TypedWriter over a HessianWriter writes plain objects as their declared
// Java types (the DTOs registered with defineJavaClass, no wrappers; java.time fields as ISO-8601
// text); HessianReader decodes with the expected type.

import { PAGE_CLASS, pageWithTimeText, withTimeText } from "../lib/payloads.mjs";
import { defineBenchClasses, dubboTsUnavailable } from "./dubbo-ts.mjs";

let core;
let protocol;

export default {
  name: "dubbo-ts",

  async unavailable() {
    const reason = await dubboTsUnavailable({
      core: ["parseJavaType"],
      codec: ["TypedWriter", "HessianWriter", "HessianReader"],
    });
    if (reason) return reason;
    core = await import("@dubbo-ts/core/spi");
    protocol = await import("@dubbo-ts/protocol/codec");
    defineBenchClasses(core);
    return undefined;
  },

  /** The canonical value as a dubbo-ts caller holds it (done once, outside the timed loops). */
  prepare(value, cls) {
    return cls === PAGE_CLASS ? pageWithTimeText(value) : withTimeText(value);
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
