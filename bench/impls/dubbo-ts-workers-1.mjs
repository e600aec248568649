// The baseline of impls/dubbo-ts-workers.mjs: the same provider script and client, 1 worker (the
// provider serves in one process, as without `protocol.workers`).
import { workersImpl } from "./dubbo-ts-workers.mjs";

export default workersImpl("dubbo-ts-workers-1", 1);
