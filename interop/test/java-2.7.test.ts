/**
 * Interop with Java Dubbo 2.7 (interop/java, module dubbo27) both ways, on the shared
 * ZooKeeper ensemble: see suite.ts.
 */
import { defineInteropSuite } from "./suite.js";

defineInteropSuite("2.7");
