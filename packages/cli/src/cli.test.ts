import { describe, expect, it } from "vitest";
import { runCliCaptured } from "./cli.js";
import { EXIT } from "./command.js";

function cli(args: string[]) {
  return runCliCaptured(args);
}

describe("dubbo-ts", () => {
  it("lists its commands and exit codes on --help", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain("contracts");
    expect(r.out).toContain("exit codes: 0 done, 1 failed or out of date, 2 wrong command line");
  });

  it("exits 2 on an unknown command or a wrong option, with the usage", async () => {
    const unknown = await cli(["deploy"]);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.err).toContain('unknown command "deploy"');
    const missing = await cli(["contracts", "api.jar"]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.err).toContain("--out <dir> is required");
    expect(missing.err).toContain("usage: dubbo-ts contracts");
    const bad = await cli(["contracts", "api.jar", "--out", "x", "--longs", "huge"]);
    expect(bad.err).toContain('--longs must be "number" or "bigint", got "huge"');
    expect((await cli(["contracts", "--nope"])).code).toBe(EXIT.usage);
  });

  it("exits 1 with what to do when given only Java sources", async () => {
    const r = await cli(["contracts", "packages/cli/test/fixtures/acme-api", "--out", "x"]);
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toContain("only .java sources, no class files");
  });

  it("exits 1 naming the input when it cannot be read", async () => {
    const r = await cli(["contracts", "no/such/api.jar", "--out", "x"]);
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toContain("no/such/api.jar: no such file or directory");
  });
});
