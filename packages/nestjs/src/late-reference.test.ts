import { describe, expect, it } from "vitest";
import { createLateReference } from "./late-reference.js";

interface Greeter {
  greet(name: string): Promise<string>;
}

describe("createLateReference", () => {
  it("rejects calls until bound, then forwards them, and rejects again once unbound", async () => {
    const late = createLateReference<Greeter>("com.example.Greeter", new Set(["greet"]));
    await expect(late.proxy.greet("early")).rejects.toThrow(
      "com.example.Greeter: the Dubbo application is not started yet",
    );
    late.bind({ greet: async (name) => `hello ${name}` });
    await expect(late.proxy.greet("now")).resolves.toBe("hello now");
    late.unbind("closed for the test");
    await expect(late.proxy.greet("late")).rejects.toThrow(
      "com.example.Greeter: closed for the test",
    );
  });

  it("is not thenable and has no other members, so Nest's lifecycle probes find nothing", async () => {
    const late = createLateReference<Greeter>("com.example.Greeter", new Set(["greet"]));
    expect((late.proxy as unknown as { then?: unknown }).then).toBeUndefined();
    expect(await Promise.resolve(late.proxy)).toBe(late.proxy);
    expect((late.proxy as unknown as { onModuleInit?: unknown }).onModuleInit).toBeUndefined();
  });
});
