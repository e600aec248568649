/**
 * The Greeter contract from proto/greet.proto (loaded at run time with protobufjs) and its
 * implementation: `greet` answers once, `greetStream` answers `count` times.
 */
import type { ServiceDefinition } from "@dubbo-ts/core";
import { idlContract, loadProto } from "@dubbo-ts/triple";

export interface GreetRequest {
  name: string;
  count?: number;
}

export interface GreetResponse {
  greeting: string;
}

/** The consumer's view of greet.GreeterService. */
export interface Greeter {
  greet(request: GreetRequest): Promise<GreetResponse>;
  greetStream(request: GreetRequest): Promise<AsyncIterable<GreetResponse>>;
}

/** proto/greet.proto, beside src/ and dist/ alike. */
export const GREET_PROTO = new URL("../proto/greet.proto", import.meta.url).pathname;

/** The contract of greet.GreeterService (interface com.example.greet.GreeterService). */
export async function greeterContract(): Promise<ServiceDefinition> {
  const root = await loadProto(GREET_PROTO);
  return idlContract(root.lookupService("greet.GreeterService"));
}

/** The provider side. */
export const greeterImpl = {
  async greet(request: GreetRequest): Promise<GreetResponse> {
    if (!request.name) throw new Error("name must not be empty");
    return { greeting: `Hello, ${request.name}!` };
  },
  async *greetStream(request: GreetRequest): AsyncIterable<GreetResponse> {
    for (let i = 1; i <= (request.count || 3); i++) {
      yield { greeting: `Hello #${i}, ${request.name}!` };
    }
  },
};
