import { describe, expect, it } from "vitest";
import { ServiceUrl } from "../service-url.js";
import { createMetadataInfo } from "./metadata-info.js";
import { createMetadataServiceV2, fromMetadataInfoV2 } from "./metadata-service.js";
import { createServiceInstance, metadataServiceParams } from "./service-instance.js";

const url = ServiceUrl.parse(
  "tri://127.0.0.1:50051/com.jd.sellergoods.service.BrandService?interface=com.jd.sellergoods.service.BrandService&version=1.0.0&methods=findAll&side=provider&application=app",
);

describe("MetadataServiceV2 (core side)", () => {
  it("answers the current MetadataInfo with the revision in `version`, and reads it back", async () => {
    const info = createMetadataInfo("app", [url]);
    const service = createMetadataServiceV2(() => info);
    const answer = await service.getMetadataInfo({ revision: info.revision });
    expect(answer.version).toBe(info.revision);
    expect(fromMetadataInfoV2(answer, "test")).toEqual(info);
    // As Java: an empty revision gets the current info, an unknown one an empty MetadataInfoV2.
    expect((await service.getMetadataInfo({ revision: "" })).app).toBe("app");
    expect(await service.getMetadataInfo({ revision: "other" })).toEqual({
      app: "",
      version: "",
      services: {},
    });
  });

  it("an instance serving V2 on tri says so in its url-params and meta-v", () => {
    const instance = createServiceInstance({
      app: "app",
      host: "127.0.0.1",
      port: 20880,
      protocol: "dubbo",
      revision: "r1",
      metadataType: "local",
      release: "3.3.6",
      metadataService: { protocol: "tri", port: 50051, version: "2.0.0" },
    });
    expect(metadataServiceParams(instance)).toMatchObject({
      protocol: "tri",
      port: "50051",
      version: "2.0.0",
    });
    expect(instance.metadata["meta-v"]).toBe("2.0.0");
    expect(instance.port).toBe(20880);
  });
});
