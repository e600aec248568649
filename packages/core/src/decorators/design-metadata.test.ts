import { transformSync } from "@swc/core";
import { describe, expect, it } from "vitest";
import { createApplication } from "../application.js";
import * as core from "../index.js";
import { createMemoryProtocol } from "../testing/memory-protocol.js";

/**
 * Compiles TypeScript with swc the way tsx/esbuild/Vite/Bun do it (legacy decorators, NO design
 * metadata), or as tsc with emitDecoratorMetadata does (`metadata: true`), and runs it with
 * `@dubbo-ts/core` bound to this package: the decorators see exactly what such a build gives them.
 */
function compile(source: string, metadata: boolean): Record<string, unknown> {
  const { code } = transformSync(source, {
    filename: "user-code.ts",
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: metadata },
      target: "es2022",
    },
    module: { type: "commonjs" },
  });
  const exports: Record<string, unknown> = {};
  const require = (name: string) => {
    if (name === "@dubbo-ts/core") return core;
    throw new Error(`unexpected import ${name}`);
  };
  new Function("require", "exports", "module", code)(require, exports, { exports });
  return exports;
}

const plugins = { protocol: () => createMemoryProtocol() };

const CONTRACT = `
  import { JavaInterface, JavaMethod } from "@dubbo-ts/core";
  @JavaInterface("com.example.order.OrderService")
  export class OrderService {
    @JavaMethod({ params: ["java.lang.Long"], returns: "java.lang.String" })
    find(id: number): Promise<string> { throw new Error("contract"); }
  }
`;

describe("a build without decorator metadata (tsx, esbuild…)", () => {
  it("says so for a @Reference field typed with a contract class, instead of 'no contract'", async () => {
    const { Client } = compile(
      `${CONTRACT}
       import { Reference } from "@dubbo-ts/core";
       export class Client { @Reference() orders!: OrderService; }`,
      false,
    ) as { Client: new () => object };
    const app = createApplication({ name: "esbuild-user", registry: false, env: false, plugins });
    app.inject(new Client());
    await expect(app.start()).rejects.toThrow(
      "@Reference Client.orders: no contract: the field's class cannot be read because this build emits no decorator metadata (tsx, esbuild, Vite, Bun and Babel never do; tsc and swc do with emitDecoratorMetadata / jsc.transform.decoratorMetadata): either compile with tsc or swc and enable it, or name the types explicitly (contract: in @Reference options",
    );
  });

  it("never suggests a Java type for a DTO field it could not see", () => {
    let message = "";
    try {
      compile(
        `import { JavaClass, JavaField } from "@dubbo-ts/core";
         @JavaClass("com.example.order.Order")
         export class Order { @JavaField() note!: string; }`,
        false,
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'Order.note: the Java type is not declared and this build emits no decorator metadata (tsx, esbuild, Vite, Bun and Babel never do; tsc and swc do with emitDecoratorMetadata / jsc.transform.decoratorMetadata): either compile with tsc or swc and enable it, or name the types explicitly (contract: in @Reference options, @JavaField("<Java type>") on DTO fields, @JavaMethod({ params: [...], returns }) on contract methods)',
    );
    expect(message).not.toContain("java.lang.Long");
  });

  it("refuses a contract method whose parameters it cannot see, naming the cause", () => {
    const { Shop } = compile(
      `import { JavaInterface, JavaMethod } from "@dubbo-ts/core";
       @JavaInterface("com.example.Shop")
       export class Shop { @JavaMethod() find(name: string, page: number): Promise<string> { throw new Error(); } }`,
      false,
    ) as { Shop: abstract new () => object };
    const app = createApplication({ name: "esbuild-user", registry: false, env: false, plugins });
    app.reference(Shop, { url: "dubbo://127.0.0.1:1" });
    return expect(app.start()).rejects.toThrow(
      "reference(Shop): com.example.Shop.find has 2 parameter(s) but Java types for 0, and this build emits no decorator metadata",
    );
  });
});

describe("a build with decorator metadata", () => {
  it("explains Object: an interface, a union or a class imported with import type", async () => {
    const { Client } = compile(
      `import { Reference } from "@dubbo-ts/core";
       interface OrderService { find(id: number): Promise<string> }
       export class Client { @Reference() orders!: OrderService; }`,
      true,
    ) as { Client: new () => object };
    const app = createApplication({ name: "tsc-user", registry: false, env: false, plugins });
    app.inject(new Client());
    await expect(app.start()).rejects.toThrow(
      "@Reference Client.orders: no contract: the field's TS type is an interface, a union, or a class imported with `import type` (compiled code only sees Object); import the contract class (@JavaInterface) as a value, or set contract (or interface with method types) in the options",
    );
  });
});
