/**
 * Test doubles for dubbo-ts applications and plugins (`@dubbo-ts/core/testing`): an in-memory
 * registry and protocol (several instances can share one store/network to play several
 * processes), a fake invoker, and a seeded random source for balancer tests.
 */
export { createFakeInvoker, type FakeHandler, type FakeInvoker } from "./fake-invoker.js";
export {
  createMemoryNetwork,
  createMemoryProtocol,
  type MemoryNetwork,
  type MemoryProtocol,
} from "./memory-protocol.js";
export {
  createMemoryRegistry,
  createMemoryRegistryStore,
  type MemoryRegistry,
  type MemoryRegistryStore,
} from "./memory-registry.js";
export { withBuiltinFilters } from "./provider-filters.js";
export { seededRandom } from "./seeded-random.js";
