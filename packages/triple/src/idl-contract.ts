import type { ServiceDefinition } from "@dubbo-ts/core";
import type protobuf from "protobufjs";
import { describeService, type IdlService, lowerFirst } from "./idl.js";

/** The `.proto` services made into contracts, by service name (`greet.GreeterService`). */
const contracts = new Map<string, IdlService>();

/**
 * A `.proto` service as a contract for a dubbo-ts application, so that it is exported, registered
 * (`tri://host:port/greet.GreeterService`) and referred through the registry, load balancing and
 * filters like any service. Methods are the rpcs in lowerCamelCase (`greet`, `greetStream`, the
 * names Java's generated interface has), each taking the request message (an async iterable of
 * them for client/bidi streaming) and returning the response (an async iterable for server/bidi
 * streaming). Calling this is what lets the tri protocol serve and call the service in protobuf
 * (without it, the interface is treated as a Java interface in the hessian4 wrapper).
 */
export function idlContract(service: protobuf.Service): ServiceDefinition {
  const described = describeService(service);
  contracts.set(described.name, described);
  const types = new Map(service.methodsArray.map((m) => [m.name, m]));
  return {
    interface: described.name,
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
