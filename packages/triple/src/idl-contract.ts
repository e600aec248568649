import type { ServiceDefinition } from "@dubbo-ts/core/spi";
import type protobuf from "protobufjs";
import { describeService, type IdlService, lowerFirst } from "./idl.js";

/** The `.proto` services made into contracts, by service name (`greet.GreeterService`). */
const contracts = new Map<string, IdlService>();

/**
 * The Java interface Dubbo's Triple generator (Dubbo3TripleGenerator) makes of a `.proto`
 * service: `<java_package>.<Service>` when the file sets `java_package`, else
 * `<package>.<Service>`. Java registers the service under it (`interface=`), while calls use the
 * proto name in the path (`/greet.GreeterService/Greet`).
 */
function javaInterfaceOf(service: protobuf.Service): string {
  const javaPackage = service.parent?.options?.java_package;
  return typeof javaPackage === "string" && javaPackage !== ""
    ? `${javaPackage}.${service.name}`
    : service.fullName.replace(/^\./, "");
}

/**
 * A `.proto` service as a contract for a dubbo-ts application, so that it is exported, registered
 * (`tri://host:port/greet.GreeterService`) and referred through the registry, load balancing and
 * filters like any service. Methods are the rpcs in lowerCamelCase (`greet`, `greetStream`, the
 * names Java's generated interface has), each taking the request message (an async iterable of
 * them for client/bidi streaming) and returning the response (an async iterable for server/bidi
 * streaming). The contract's interface is the Java interface name (see `javaInterfaceOf`), so
 * Java consumers and providers find it in the registry; `options.interface` overrides it.
 * Calling this is what lets the tri protocol serve and call the service in protobuf
 * (without it, the interface is treated as a Java interface in the hessian4 wrapper).
 */
export function idlContract(
  service: protobuf.Service,
  options: { interface?: string } = {},
): ServiceDefinition {
  const described = describeService(service);
  const iface = options.interface ?? javaInterfaceOf(service);
  contracts.set(described.name, described);
  contracts.set(iface, described);
  const types = new Map(service.methodsArray.map((m) => [m.name, m]));
  return {
    interface: iface,
    methods: described.methods.map((m) => ({
      name: lowerFirst(m.name),
      parameterTypes: [types.get(m.name)!.resolvedRequestType!.fullName.replace(/^\./, "")],
      returnType: types.get(m.name)!.resolvedResponseType!.fullName.replace(/^\./, ""),
    })),
  };
}

/** The `.proto` service behind an interface name, if `idlContract` made it a contract. */
export function idlServiceOf(name: string): IdlService | undefined {
  return contracts.get(name);
}
