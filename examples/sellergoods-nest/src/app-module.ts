import {
  BRAND_SERVICE_VERSION,
  BrandService,
} from "@dubbo-ts/example-sellergoods-service/contract";
import { DubboModule } from "@dubbo-ts/nestjs";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { Module } from "@nestjs/common";
import { ConfigModule, ConfigService } from "@nestjs/config";
import { BrandController } from "./brand-controller.js";

const DEFAULT_REGISTRY = "zookeeper://127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183";

/**
 * jd-sellergoods-web as a Nest application: the Dubbo application comes from the environment
 * through `@nestjs/config` (`DUBBO_REGISTRY_ADDRESS`, `DUBBO_APPLICATION_NAME`), and BrandService
 * is injected into the controller by Nest.
 */
@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    DubboModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        name: config.get<string>("DUBBO_APPLICATION_NAME") ?? "jd-sellergoods-nest",
        registry: { address: config.get<string>("DUBBO_REGISTRY_ADDRESS") ?? DEFAULT_REGISTRY },
        // The consumer registers itself with this address (no provider port is opened).
        protocol: { name: "dubbo", host: "127.0.0.1" },
        // Start without a provider: endpoints answer 503 NoInvoker until one registers.
        consumer: { check: false },
        plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
      }),
      references: [{ contract: BrandService, version: BRAND_SERVICE_VERSION }],
    }),
  ],
  controllers: [BrandController],
})
export class AppModule {}
