/**
 * Real Nest application contexts (NestFactory) around Dubbo applications that share an in-memory
 * registry and network (core's testing plugins), as two processes would share ZooKeeper and TCP.
 * The real protocol and ZooKeeper are exercised by examples/sellergoods-nest's tests.
 */
import "reflect-metadata";
import { Code, JavaInterface, Reference, RpcError, Service } from "@dubbo-ts/core";
import type { Constructor } from "@dubbo-ts/core/spi";
import {
  createMemoryNetwork,
  createMemoryProtocol,
  createMemoryRegistry,
  createMemoryRegistryStore,
} from "@dubbo-ts/core/testing";
import { type INestApplicationContext, Injectable, Module } from "@nestjs/common";
import { ConfigModule, ConfigService } from "@nestjs/config";
import { NestFactory } from "@nestjs/core";
import { afterEach, describe, expect, it } from "vitest";
import { DubboModule, DubboRuntime, getReferenceToken, InjectReference } from "./index.js";

@JavaInterface<Greeter>("com.example.nest.Greeter", {
  greet: { params: ["java.lang.String"], returns: "java.lang.String" },
})
abstract class Greeter {
  abstract greet(name: string): Promise<string>;
}

@Injectable()
class Punctuation {
  readonly mark = "!";
}

/** A Nest provider that is also a Dubbo service, with a Nest dependency of its own. */
@Injectable()
@Service({ version: "1.0.0" })
class GreeterImpl extends Greeter {
  constructor(private readonly punctuation: Punctuation) {
    super();
  }
  override async greet(name: string): Promise<string> {
    return `hello ${name}${this.punctuation.mark}`;
  }
}

/** Gets its reference through Nest's DI. */
@Injectable()
class Caller {
  constructor(@InjectReference(Greeter) readonly greeter: Greeter) {}
}

/** Gets its reference through core's own `@Reference` field decorator. */
@Injectable()
class FieldCaller {
  @Reference({ contract: Greeter, version: "1.0.0" }) greeter!: Greeter;
}

const store = createMemoryRegistryStore();
const network = createMemoryNetwork();
/** Plugin factories: every Dubbo application gets its own registry and protocol on the shared store. */
const plugins = () => ({
  registry: () => createMemoryRegistry(store),
  protocol: () => createMemoryProtocol(network),
});
const contexts: INestApplicationContext[] = [];

async function start(module: Constructor): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(module as never, { logger: false });
  contexts.push(context);
  return context;
}

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

@Module({
  imports: [
    DubboModule.forRoot({
      name: "nest-provider",
      registry: { address: "zookeeper://127.0.0.1:2181" },
      protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
      plugins: plugins(),
      env: false,
    }),
  ],
  providers: [Punctuation, GreeterImpl],
})
class ProviderModule {}

@Module({
  imports: [
    ConfigModule.forRoot({
      ignoreEnvFile: true,
      load: [() => ({ dubbo: { name: "nest-consumer", address: "zookeeper://127.0.0.1:2181" } })],
    }),
    DubboModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        name: config.getOrThrow<string>("dubbo.name"),
        registry: { address: config.getOrThrow<string>("dubbo.address") },
        protocol: { name: "dubbo", host: "127.0.0.1" },
        plugins: plugins(),
        env: false,
      }),
      references: [{ contract: Greeter, version: "1.0.0", retries: 0 }],
    }),
  ],
  providers: [Caller, FieldCaller],
})
class ConsumerModule {}

describe("DubboModule", () => {
  it("exports @Service Nest providers and injects typed references through Nest's DI", async () => {
    const provider = await start(ProviderModule);
    expect(provider.get(DubboRuntime).application.exported.map((u) => u.path)).toEqual([
      "com.example.nest.Greeter",
    ]);
    const consumer = await start(ConsumerModule);
    expect(consumer.get(DubboRuntime).application.config?.name).toBe("nest-consumer");
    // Nest owns the signals (enableShutdownHooks): core's own hook is off.
    expect(consumer.get(DubboRuntime).application.config?.shutdown.hook).toBe(false);
    await expect(consumer.get(Caller).greeter.greet("nest")).resolves.toBe("hello nest!");
    await expect(consumer.get(FieldCaller).greeter.greet("field")).resolves.toBe("hello field!");
    // The token is public, for @Inject(getReferenceToken(Greeter)) users.
    expect(consumer.get(getReferenceToken(Greeter))).toBe(consumer.get(Caller).greeter);
  });

  it("closes the Dubbo application gracefully when Nest shuts down", async () => {
    const provider = await start(ProviderModule);
    const consumer = await start(ConsumerModule);
    const greeter = consumer.get(Caller).greeter;
    await expect(greeter.greet("before")).resolves.toBe("hello before!");
    await provider.close();
    expect(provider.get(DubboRuntime).application.state).toBe("closed");
    // The provider unregistered: the consumer has no provider left.
    const err = await greeter.greet("after").then(
      () => undefined,
      (e: unknown) => RpcError.from(e),
    );
    expect(err?.code).toBe(Code.NoInvoker);
    await consumer.close();
    expect(consumer.get(DubboRuntime).application.state).toBe("closed");
    await expect(greeter.greet("closed")).rejects.toThrow(
      "com.example.nest.Greeter: the Nest application is shutting down",
    );
  });

  it("fails Nest's start when the Dubbo application cannot start", async () => {
    @Module({
      imports: [
        DubboModule.forRoot({
          name: "nest-consumer-without-provider",
          registry: { address: "zookeeper://127.0.0.1:2181" },
          plugins: plugins(),
          env: false,
          references: [{ contract: Greeter, version: "9.9.9" }],
        }),
      ],
    })
    class NoProviderModule {}
    const err = await start(NoProviderModule).then(
      () => undefined,
      (e: unknown) => RpcError.from(e),
    );
    expect(err?.code).toBe(Code.NoInvoker);
  });

  it("refuses the same contract twice without a name to tell them apart", () => {
    expect(() => DubboModule.forRoot({ name: "x", references: [Greeter, Greeter] })).toThrow(
      "dubbo-ts:reference:com.example.nest.Greeter is listed twice",
    );
  });

  it("injects references a feature module declares with forFeature", async () => {
    /** A controller-like class of a feature module. */
    @Injectable()
    class FeatureCaller {
      constructor(@InjectReference(Greeter, "feature") readonly greeter: Greeter) {}
    }
    @Module({
      imports: [DubboModule.forFeature([{ contract: Greeter, version: "1.0.0", name: "feature" }])],
      providers: [FeatureCaller],
    })
    class FeatureModule {}
    @Module({
      imports: [
        DubboModule.forRoot({
          name: "nest-feature-consumer",
          registry: { address: "zookeeper://127.0.0.1:2181" },
          protocol: { name: "dubbo", host: "127.0.0.1" },
          plugins: plugins(),
          env: false,
        }),
        FeatureModule,
      ],
    })
    class RootModule {}
    await start(ProviderModule);
    const consumer = await start(RootModule);
    await expect(consumer.get(FeatureCaller).greeter.greet("feature")).resolves.toBe(
      "hello feature!",
    );
    expect(() => DubboModule.forFeature([Greeter, Greeter])).toThrow(
      "DubboModule.forFeature references: dubbo-ts:reference:com.example.nest.Greeter is listed twice",
    );
  });
});
