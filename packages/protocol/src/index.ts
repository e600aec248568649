/**
 * @dubbo-ts/protocol: the Dubbo 2 protocol (`dubbo://`, TCP + hessian2), byte-compatible with
 * Java Dubbo 2.6, 2.7 and 3.x. `createDubboProtocol()` is the plugin an application passes to
 * `createApplication({ plugins: { protocol } })`; codec pieces are in `@dubbo-ts/protocol/codec`.
 */
export { createDubboProtocol, type DubboProtocolOptions } from "./dubbo-protocol.js";
