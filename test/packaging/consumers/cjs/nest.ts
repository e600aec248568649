// The CommonJS consumer's Nest side: a Nest application context (NestJS's classic CommonJS
// setup) whose provider gets the Greeter reference through @dubbo-ts/nestjs, run against the
// plain JS provider. Printed as JSON; the test compares it.
import { DubboModule, InjectReference } from "@dubbo-ts/nestjs";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { Injectable, Module } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { Greeter } from "./main";

@Injectable()
class Caller {
  constructor(@InjectReference(Greeter) readonly greeter: Greeter) {}
}

@Module({
  imports: [
    DubboModule.forRoot({
      name: "packaging-check-nest-cjs",
      plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
      references: [{ contract: Greeter, version: "1.0.0" }],
    }),
  ],
  providers: [Caller],
})
class AppModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    const greeting = await app.get(Caller).greeter.greet("nest cjs", 4);
    console.log(JSON.stringify({ text: greeting.text, count: greeting.count }));
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
