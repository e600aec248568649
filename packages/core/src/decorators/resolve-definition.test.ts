import { describe, expect, it } from "vitest";
import { getJavaClass } from "../java-type.js";
import { defineJavaInterface, JavaInterface, JavaMethod, Param } from "./contract.js";
import { defineJavaClassFrom, defineJavaEnum, JavaClass, JavaField } from "./java-class.js";
import { resolveServiceDefinition } from "./resolve-definition.js";

@JavaClass("com.jd.pojo.TbBrand")
class TbBrand {
  @JavaField("java.lang.Long") id!: number;
  @JavaField() name!: string;
  @JavaField() firstChar!: string;
}

const stub = (): never => {
  throw new Error("contract only");
};

@JavaInterface("com.jd.sellergoods.service.BrandService")
abstract class BrandContract {
  @JavaMethod("java.util.List<com.jd.pojo.TbBrand>")
  findAll(): Promise<TbBrand[]> {
    return stub();
  }
  @JavaMethod({ params: ["int", "int"], returns: "com.jd.entity.PageResult" })
  findPage(_pageNum: number, _pageSize: number): Promise<unknown> {
    return stub();
  }
  @JavaMethod({ returns: "com.jd.pojo.TbBrand" })
  findOne(@Param("java.lang.Long") _id: number): Promise<TbBrand | null> {
    return stub();
  }
  @JavaMethod()
  add(_brand: TbBrand): Promise<void> {
    return stub();
  }
  @JavaMethod()
  rename(_name: string, _force: boolean): void {}
}

describe("resolveServiceDefinition", () => {
  it("combines declared Java types with unambiguous TS types", () => {
    const def = resolveServiceDefinition({ contract: BrandContract });
    expect(def.interface).toBe("com.jd.sellergoods.service.BrandService");
    expect(def.methods).toEqual([
      {
        name: "findAll",
        parameterTypes: [],
        returnType: "java.util.List<com.jd.pojo.TbBrand>",
      },
      { name: "findPage", parameterTypes: ["int", "int"], returnType: "com.jd.entity.PageResult" },
      { name: "findOne", parameterTypes: ["java.lang.Long"], returnType: "com.jd.pojo.TbBrand" },
      { name: "add", parameterTypes: ["com.jd.pojo.TbBrand"], returnType: "java.lang.Object" },
      { name: "rename", parameterTypes: ["java.lang.String", "boolean"], returnType: "void" },
    ]);
  });

  it("lets an implementation class inherit the contract and refine it", () => {
    class Impl extends BrandContract {
      @JavaMethod({ returns: "void" })
      override add(_brand: TbBrand): Promise<void> {
        return Promise.resolve();
      }
    }
    const def = resolveServiceDefinition({ target: Impl, interface: "com.x.Other" });
    expect(def.interface).toBe("com.x.Other");
    expect(def.methods.find((m) => m.name === "add")?.returnType).toBe("void");
    expect(def.methods.map((m) => m.name)).toContain("findOne");
  });

  it("reads the contract of an implementation that only implements it", () => {
    class Impl {
      @JavaMethod()
      hello(name: string): string {
        return name;
      }
    }
    const def = resolveServiceDefinition({ target: Impl, contract: BrandContract });
    expect(def.methods.map((m) => m.name)).toEqual([
      "hello",
      "findAll",
      "findPage",
      "findOne",
      "add",
      "rename",
    ]);
    expect(def.methods[0]).toEqual({
      name: "hello",
      parameterTypes: ["java.lang.String"],
      returnType: "java.lang.String",
    });
  });

  it("accepts method types declared on @JavaInterface for abstract contracts", () => {
    interface Greeter {
      greet(name: string, times: number): Promise<string>;
    }
    @JavaInterface<Greeter>("com.x.Greeter", {
      greet: { params: ["java.lang.String", "int"], returns: "java.lang.String" },
    })
    abstract class GreeterContract {}
    expect(resolveServiceDefinition({ contract: GreeterContract }).methods).toEqual([
      {
        name: "greet",
        parameterTypes: ["java.lang.String", "int"],
        returnType: "java.lang.String",
      },
    ]);
  });

  it("accepts a plain ServiceDefinition", () => {
    const definition = {
      interface: "com.x.Plain",
      methods: [{ name: "m", parameterTypes: ["long"], returnType: "void" }],
    };
    expect(resolveServiceDefinition({ contract: definition })).toEqual(definition);
  });

  it("refuses an undeclared number parameter, naming the method and what to write", () => {
    class Bad {
      @JavaMethod()
      find(_id: number): void {}
    }
    expect(() => resolveServiceDefinition({ target: Bad, interface: "com.x.Bad" })).toThrow(
      'Bad: com.x.Bad.find parameter 1 of 1: the TS type number does not say which Java type to use (int, long, double, java.lang.Integer, java.lang.Long…); declare it once on the contract, e.g. @Param("java.lang.Long") or @JavaMethod({ params: [...] })',
    );
  });

  it("refuses arrays and interfaces as ambiguous", () => {
    interface Shape {
      x: number;
    }
    class Bad {
      @JavaMethod()
      a(_ids: string[]): void {}
      @JavaMethod()
      b(_s: Shape): void {}
    }
    expect(() => resolveServiceDefinition({ target: Bad, interface: "com.x.Bad" })).toThrow(
      /com\.x\.Bad\.a parameter 1 of 1: the TS type Array does not say which Java type to use \(java\.util\.List<…>/,
    );
    defineJavaInterface(Bad, "com.x.Bad", { a: { params: ["java.lang.String[]"] } });
    expect(() => resolveServiceDefinition({ target: Bad })).toThrow(
      /com\.x\.Bad\.b parameter 1 of 1: the TS type Object \(an interface, union or any\)/,
    );
  });

  it("refuses more declared types than parameters", () => {
    class Bad {
      @JavaMethod({ params: ["int", "int"] })
      a(_x: number): void {}
    }
    expect(() => resolveServiceDefinition({ target: Bad, interface: "com.x.Bad" })).toThrow(
      "Bad: com.x.Bad.a declares 2 Java parameter types but the method has 1 parameters",
    );
  });

  it("requires an interface name and at least one method", () => {
    class NoName {
      @JavaMethod()
      a(): void {}
    }
    expect(() => resolveServiceDefinition({ target: NoName })).toThrow(
      /NoName: no Java interface name; set \{ interface: "com.x.FooService" \}/,
    );
    class NoMethods {}
    expect(() => resolveServiceDefinition({ target: NoMethods, interface: "com.x.E" })).toThrow(
      /NoMethods: the contract of com\.x\.E declares no methods/,
    );
    expect(() =>
      resolveServiceDefinition({ target: NoName, interface: "not a java name" }),
    ).toThrow(/must be a fully qualified name like/);
  });

  it("rejects malformed Java type names where they are declared", () => {
    expect(() => {
      class C {
        @JavaMethod({ params: ["List<"] })
        a(_x: unknown): void {}
      }
      return C;
    }).toThrow(/C\.a parameter 0: bad Java type "List<"/);
  });
});

describe("@JavaClass", () => {
  it("registers DTOs with declared and inferred field types, subclass fields first", () => {
    expect(getJavaClass("com.jd.pojo.TbBrand")).toMatchObject({
      name: "com.jd.pojo.TbBrand",
      fields: { id: "java.lang.Long", name: "java.lang.String", firstChar: "java.lang.String" },
      ctor: TbBrand,
    });
    class Base {
      @JavaField("long") created!: number;
    }
    @JavaClass("com.x.Child")
    class Child extends Base {
      @JavaField() brand!: TbBrand;
      @JavaField() active!: boolean;
    }
    expect(Object.entries(getJavaClass("com.x.Child")!.fields)).toEqual([
      ["brand", "com.jd.pojo.TbBrand"],
      ["active", "java.lang.Boolean"],
      ["created", "long"],
    ]);
    expect(getJavaClass("com.x.Child")!.ctor).toBe(Child);
  });

  it("throws at declaration for an ambiguous field type", () => {
    class Price {
      @JavaField() amount!: number;
    }
    expect(() => defineJavaClassFrom(Price, "com.x.Price")).toThrow(
      'Price.amount: the TS type number does not say which Java type to use (int, long, double, java.lang.Integer, java.lang.Long…); declare it once on the contract, e.g. @JavaField("java.lang.Long")',
    );
  });

  it("registers enums by constant names", () => {
    defineJavaEnum("com.x.Status", ["ON", "OFF"]);
    expect(getJavaClass("com.x.Status")?.enumValues).toEqual(["ON", "OFF"]);
    expect(() => defineJavaEnum("com.x.Empty", [])).toThrow(/give the enum's constant names/);
  });
});

describe("overloads declared on @JavaInterface", () => {
  @JavaInterface<Finder>("com.acme.Finder", {
    find: [
      { params: ["long"], returns: "com.acme.Item" },
      { params: ["java.lang.String", "int"], returns: "com.acme.Item" },
    ],
    count: { params: [], returns: "int" },
  })
  abstract class Finder {
    abstract find(id: number): Promise<unknown>;
    abstract find(name: string, limit: number): Promise<unknown>;
    abstract count(): Promise<number>;
  }

  it("become one method definition each, in declaration order", () => {
    expect(resolveServiceDefinition({ contract: Finder }).methods).toEqual([
      { name: "find", parameterTypes: ["long"], returnType: "com.acme.Item" },
      { name: "find", parameterTypes: ["java.lang.String", "int"], returnType: "com.acme.Item" },
      { name: "count", parameterTypes: [], returnType: "int" },
    ]);
  });

  it("must declare every parameter type and the return type", () => {
    class Partial {}
    expect(() =>
      defineJavaInterface(Partial, "com.acme.Partial", { find: [{ params: ["long"] }] }),
    ).toThrow(/Partial.find overload 0: declare every parameter type and the return type/);
  });
});
