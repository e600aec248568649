import {
  type Invoker,
  type ServiceDefinition,
  ServiceUrl,
  toParameterDescriptor,
} from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { ExportedServices } from "./exported-services.js";

const definition: ServiceDefinition = {
  interface: "t.Shop",
  methods: [
    { name: "get", parameterTypes: ["long"], returnType: "java.lang.String" },
    { name: "get", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
    { name: "get", parameterTypes: ["long"], returnType: "int" },
  ],
};

const invoker = {} as Invoker;

function urlOf(query: string): ServiceUrl {
  return ServiceUrl.parse(`dubbo://127.0.0.1:20000/t.Shop?${query}`);
}

describe("ExportedServices", () => {
  it("indexes methods by name and descriptor, the first of duplicates winning", () => {
    const services = new ExportedServices();
    const s = services.add(urlOf("version=1.0"), definition, invoker);
    expect(s.findMethod("get", "J")).toBe(definition.methods[0]);
    const text = toParameterDescriptor(["java.lang.String"]);
    expect(s.findMethod("get", text)).toBe(definition.methods[1]);
    expect(s.findMethod("get", "I")).toBeUndefined();
    expect(s.findMethod("put", "J")).toBeUndefined();
  });

  it("finds candidates by path and version in any group, and forgets removed ones", () => {
    const services = new ExportedServices();
    const plain = services.add(urlOf("version=1.0"), definition, invoker);
    const grouped = services.add(urlOf("version=1.0&group=g"), definition, invoker);
    const unversioned = services.add(urlOf(""), definition, invoker);
    expect(services.candidates("t.Shop", "1.0")).toEqual([plain, grouped]);
    // "", "0.0.0" and "*" all mean "no version".
    expect(services.candidates("t.Shop", "0.0.0")).toEqual([unversioned]);
    expect(services.candidates("t.Shop", "2.0")).toEqual([]);
    services.remove(plain);
    expect(services.candidates("t.Shop", "1.0")).toEqual([grouped]);
    services.remove(grouped);
    expect(services.candidates("t.Shop", "1.0")).toEqual([]);
    expect(services.keys()).toEqual(["t.Shop"]);
  });
});
