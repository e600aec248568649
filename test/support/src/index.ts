/**
 * `@dubbo-ts/test-support`: what dubbo-ts's own test suites share (a private workspace, never
 * published). Packages' tests import it by name instead of reaching into each other's folders.
 */

export { testEnsemble } from "./ensemble.js";
export { freePort } from "./free-port.js";
export { IntegrationContract } from "./integration-contract.js";
export { parsePrometheus } from "./prometheus.js";
export { type ProviderProcess, REGISTER_TS, startProviderProcess } from "./provider-process.js";
export { connectRaw, httpGet, type RawSocketClient } from "./qos-client.js";
export { TcpProxy } from "./tcp-proxy.js";
export { sleep, waitFor } from "./wait-for.js";
export { type RawClient, rawClient, readBarrier } from "./zookeeper.js";
