/**
 * Interop with Java Dubbo 3.3 (interop/java, module dubbo33) both ways, on the shared
 * ZooKeeper ensemble: see suite.ts.
 */
import { defineInteropSuite } from "./suite.js";

defineInteropSuite("3.3");
