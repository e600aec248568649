// A TypeScript CommonJS consumer compiled with NestJS's classic default tsconfig (module
// commonjs, so moduleResolution node10): types come from the packages' top-level `types`/
// `typesVersions`, and at run time `require()` loads the ESM packages (Node 20.19+).
import { createApplication, JavaClass, JavaField, JavaInterface, RpcError } from "@dubbo-ts/core";
import { resolveServiceDefinition } from "@dubbo-ts/core/spi";
import { createMemoryRegistry } from "@dubbo-ts/core/testing";
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

// Every subpath export resolves with moduleResolution node10 too (typesVersions).
void createMemoryRegistry;
void resolveServiceDefinition;
void hessian2Serialization;

async function main(): Promise<void> {
  const app = createApplication({
    name: "packaging-check-cjs",
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
  });
  const greeter = app.reference(Greeter, { version: "1.0.0" });
  await app.start();
  try {
    const greeting: Greeting = await greeter.greet("typescript cjs", 3);
    console.log(JSON.stringify({ text: greeting.text, count: greeting.count }));
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(RpcError.from(err).message);
    process.exitCode = 1;
  });
}
