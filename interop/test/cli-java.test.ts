/**
 * The CLI against a real Java Dubbo 3.3 provider (interop/java, QoS switched on by system property
 * on a free port): `ls` decodes the nodes Java wrote, `invoke` calls it through the generic path,
 * `ping` echoes it, and `qos` talks to its QoS port as `curl` would.
 */

import { runCliCaptured } from "@dubbo-ts/cli";
import { freePort } from "@dubbo-ts/test-support";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildJava, type JavaProvider, startJavaProvider } from "../java.js";
import { registryAddress } from "../node/apps.js";

const MATRIX = "com.jd.interop.TypeMatrixService";

function cli(...args: string[]) {
  return runCliCaptured(args);
}

describe("dubbo-ts with a Java Dubbo 3.3 provider", () => {
  const registry = registryAddress(inject("zkConnect"), `cli-java-${process.pid}`);
  let provider: JavaProvider;
  let qos: string;

  beforeAll(async () => {
    buildJava();
    const qosPort = await freePort();
    qos = `127.0.0.1:${qosPort}`;
    provider = await startJavaProvider({
      version: "3.3",
      registry,
      services: ["matrix"],
      jvmOptions: [
        "-Ddubbo.application.qos-enable=true",
        `-Ddubbo.application.qos-port=${qosPort}`,
        "-Ddubbo.application.qos-accept-foreign-ip=false",
      ],
    });
  });

  afterAll(async () => {
    await provider?.stop();
  });

  it("ls and describe decode what Java registered", async () => {
    const ls = await cli("ls", "--registry", registry);
    expect(ls.code).toBe(0);
    expect(ls.out).toContain(MATRIX);
    expect(ls.out).toMatch(
      /dubbo:\/\/127\.0\.0\.1:\d+ {2}version=1\.0\.0 .*side=provider {2}dubbo=2\.0\.2 {2}release=3\.3\.6/,
    );
    const d = JSON.parse((await cli("describe", MATRIX, "--registry", registry, "--json")).out);
    expect(d.methods).toContain("makePage");
    expect(d.versions).toEqual(["1.0.0"]);
  });

  it("invoke returns Java's generic result, and a Java exception exits 1 with its class", async () => {
    const page = await cli(
      "invoke",
      `${MATRIX}.makePage`,
      "[2, 3]",
      "--types",
      "int,int",
      "--version",
      "1.0.0",
      "--registry",
      registry,
    );
    expect(page.err).toBe("");
    expect(JSON.parse(page.out)).toMatchObject({
      class: "com.jd.interop.Page",
      total: 23,
      pageNum: 2,
      items: [{ id: 4, name: "Brand 4" }, { id: 5 }, { id: 6 }],
    });
    const failed = await cli(
      "invoke",
      `${MATRIX}.fail`,
      '["no", 7]',
      "--types",
      "java.lang.String,int",
      "--version",
      "1.0.0",
      "--registry",
      registry,
    );
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("com.jd.interop.BrandException");
  });

  it("ping echoes the Java provider", async () => {
    const r = await cli("ping", MATRIX, "--registry", registry);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^dubbo:\/\/127\.0\.0\.1:\d+ {2}ok/);
  });

  it("qos runs Java's QoS commands over HTTP", async () => {
    const ls = await cli("qos", qos, "ls");
    expect(ls.code).toBe(0);
    expect(ls.out).toContain("As Provider side:");
    expect(ls.out).toContain(MATRIX);
    expect((await cli("qos", qos, "ready")).code).toBe(0);
    const down = await cli("qos", "127.0.0.1:1", "ls", "--timeout", "2000");
    expect(down.code).toBe(1);
    expect(down.err).toContain("cannot reach the QoS server at 127.0.0.1:1");
  });
});
