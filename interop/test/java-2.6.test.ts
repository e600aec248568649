/**
 * Interop with Java Dubbo 2.6 (interop/java, module dubbo26) both ways, on the shared
 * ZooKeeper ensemble: see suite.ts.
 */
import { defineInteropSuite } from "./suite.js";

defineInteropSuite("2.6");
