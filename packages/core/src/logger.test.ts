import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The TypeScript module hooks of the repository's test support (a private workspace).
const register = createRequire(import.meta.url).resolve("@dubbo-ts/test-support/register-ts");
const logger = fileURLToPath(new URL("./logger.ts", import.meta.url));

/** The stderr of a child process (stderr a pipe, as under a log collector) that runs `code`. */
function stderrOf(code: string): string {
  const script = `import { createDefaultLogger } from ${JSON.stringify(logger)};\n${code}`;
  const result = spawnSync(
    process.execPath,
    ["--conditions=source", "--import", register, "--input-type=module", "-e", script],
    { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
  );
  expect(result.status, result.stderr).toBe(0);
  return result.stderr;
}

describe("the default logger", () => {
  it("writes warnings and errors, not info, as JSON to stderr when it is not a terminal", () => {
    const lines = stderrOf(
      'const log = createDefaultLogger({ name: "orders" }); log.info("hidden"); log.warn({ port: 20880 }, "registry not connected"); log.error("boom");',
    )
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.msg, l.name])).toEqual([
      [40, "registry not connected", "orders"],
      [50, "boom", "orders"],
    ]);
    expect(lines[0]!.port).toBe(20880);
  });

  it("writes human-readable lines (pino-pretty) when asked, as on a terminal", () => {
    const text = stderrOf(
      'createDefaultLogger({ pretty: true, name: "orders" }).warn({ port: 20880 }, "registry not connected");',
    );
    expect(text).toMatch(/WARN.*\(orders\): registry not connected/);
    expect(text).toContain(`"port":20880`);
    expect(() => JSON.parse(text)).toThrow();
  });
});
