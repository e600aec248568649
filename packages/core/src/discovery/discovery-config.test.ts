import { describe, expect, it } from "vitest";
import { resolveConfig } from "../config/resolve-config.js";

describe("application discovery settings", () => {
  it("defaults to Java 3.3's: register-mode all, APPLICATION_FIRST, local metadata", () => {
    expect(resolveConfig({ code: { name: "a" } }).application).toEqual({
      registerMode: "all",
      serviceDiscoveryMigration: "APPLICATION_FIRST",
      metadataType: "local",
    });
  });

  it("takes the environment over code, as every other key", () => {
    const config = resolveConfig({
      code: { name: "a", application: { registerMode: "interface" } },
      env: {
        DUBBO_APPLICATION_REGISTER_MODE: "instance",
        DUBBO_APPLICATION_SERVICE_DISCOVERY_MIGRATION: "force_application",
        DUBBO_APPLICATION_METADATA_TYPE: "remote",
      },
    });
    expect(config.application).toEqual({
      registerMode: "instance",
      serviceDiscoveryMigration: "FORCE_APPLICATION",
      metadataType: "remote",
    });
  });

  it("names the key and the accepted values when one is wrong", () => {
    expect(() =>
      resolveConfig({ code: { name: "a" }, env: { DUBBO_APPLICATION_REGISTER_MODE: "both" } }),
    ).toThrow(
      /DUBBO_APPLICATION_REGISTER_MODE \(environment\) must be one of interface, instance, all/,
    );
    expect(() =>
      resolveConfig({
        code: {
          name: "a",
          application: { serviceDiscoveryMigration: "SOMETIMES" as "FORCE_INTERFACE" },
        },
      }),
    ).toThrow(/application.serviceDiscoveryMigration .* must be one of FORCE_INTERFACE/);
    expect(() =>
      resolveConfig({ code: { name: "a", application: { mode: "x" } as object } }),
    ).toThrow(/unknown key "mode"/);
  });
});
