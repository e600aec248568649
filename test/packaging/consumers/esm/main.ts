// A TypeScript ESM consumer (module/moduleResolution NodeNext, strict, skipLibCheck off so the
// shipped .d.ts files are checked too) using the decorators and every public entry point.
import {
  Code,
  createApplication,
  JavaClass,
  JavaField,
  JavaInterface,
  Reference,
  RpcError,
  type ServiceProxy,
} from "@dubbo-ts/core";
import { resolveServiceDefinition } from "@dubbo-ts/core/spi";
import { createMemoryRegistry } from "@dubbo-ts/core/testing";
import { dubbo } from "@dubbo-ts/fastify";
import { DubboModule, InjectReference } from "@dubbo-ts/nestjs";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { hessian2Serialization } from "@dubbo-ts/protocol/codec";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";

@JavaClass("com.example.packaging.Greeting")
export class Greeting {
  @JavaField("java.lang.String") text = "";
  @JavaField("int") count = 0;
}

@JavaInterface<Greeter>("com.example.packaging.Greeter", {
  greet: { params: ["java.lang.String", "int"], returns: "com.example.packaging.Greeting" },
})
export abstract class Greeter {
  abstract greet(name: string, count: number): Promise<Greeting>;
}

class Caller {
  @Reference({ contract: Greeter, version: "1.0.0" }) greeter!: Greeter;
}

// Type-level checks: the proxy is typed by the contract, the testing entry point is reachable.
const typed: (app: ReturnType<typeof createApplication>) => ServiceProxy<Greeter> = (app) =>
  app.reference(Greeter, { version: "1.0.0" });
void typed;
void createMemoryRegistry;
void hessian2Serialization;
void resolveServiceDefinition;
void dubbo;
void DubboModule.forRoot({ name: "packaging-check-esm", references: [Greeter] });
void InjectReference(Greeter);
const notFound: Code = Code.NoInvoker;

const caller = new Caller();
const app = createApplication({
  name: "packaging-check-esm",
  components: [caller],
  plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
});
await app.start();
try {
  const greeting: Greeting = await caller.greeter.greet("typescript esm", 2);
  console.log(JSON.stringify({ text: greeting.text, count: greeting.count }));
} catch (err) {
  const rpc = RpcError.from(err);
  console.error(rpc.code === notFound ? "no provider" : rpc.message);
  process.exitCode = 1;
} finally {
  await app.close();
}
