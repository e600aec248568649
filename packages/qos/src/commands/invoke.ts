import type { QosProvider } from "../qos-model.js";
import type { QosCommand } from "./command.js";

const USAGE =
  'Please input method name, eg: \r\ninvoke xxxMethod(1234, "abcd", {"prop" : "value"})\r\n' +
  'invoke XxxService.xxxMethod(1234, "abcd", {"prop" : "value"})\r\n' +
  'invoke com.xxx.XxxService.xxxMethod(1234, "abcd", {"prop" : "value"})';

function simpleName(iface: string): string {
  return iface.slice(iface.lastIndexOf(".") + 1);
}

function matches(service: string, p: QosProvider): boolean {
  const s = service.toLowerCase();
  return (
    p.serviceKey.toLowerCase() === s ||
    p.interface.toLowerCase() === s ||
    simpleName(p.interface).toLowerCase() === s
  );
}

/**
 * JSON of the result as Java's `JsonUtils.toJson` prints the real object: the generic form's
 * `class` keys are dropped (no Java bean has a property named `class`), longs as numbers.
 */
function toJson(value: unknown): string {
  return (
    JSON.stringify(value, function (key, v) {
      if (key === "class" && typeof v === "string" && !Array.isArray(this)) return undefined;
      return typeof v === "bigint" ? v.toString() : v;
    }) ?? "null"
  );
}

/**
 * `invoke [service.]method(jsonArgs)` (InvokeTelnet.java): calls an exported method with JSON
 * arguments, realized to the Java types the contract declares, and prints
 * `result: <json>` and `elapsed: N ms.` as Java does. (Java's `cd`/`select` state is not kept:
 * name the service.)
 */
export const invoke: QosCommand = {
  name: "invoke",
  summary: "Invoke the service method.",
  example: ['invoke IHelloService.sayHello("xxxx")', 'invoke sayHello("xxxx")'],
  async execute({ model }, args) {
    if (args.length === 0) return USAGE;
    const message = args.join(" ");
    const open = message.indexOf("(");
    if (open < 0 || !message.endsWith(")"))
      return "Invalid parameters, format: service.method(args)";
    let method = message.slice(0, open).trim();
    const param = message.slice(open + 1, -1).trim();
    const dot = method.lastIndexOf(".");
    if (dot < 0) {
      return 'If you want to invoke like [invoke sayHello("xxxx")], please execute cd command first, or you can execute it like [invoke IHelloService.sayHello("xxxx")]';
    }
    const service = method.slice(0, dot).trim();
    method = method.slice(dot + 1).trim();
    let list: unknown[];
    try {
      list = JSON.parse(`[${param}]`) as unknown[];
    } catch (e) {
      return `Invalid json argument, cause: ${(e as Error).message}`;
    }
    let out = `Use default service ${service}.`;
    const provider = model.providers().find((p) => matches(service, p));
    if (!provider) return `${out}\r\nNo such service ${service}`;
    if (!provider.methods.includes(method)) {
      return `${out}\r\nNo such method ${method} in service ${service}`;
    }
    const start = Date.now();
    try {
      const value = await model.invoke(provider.serviceKey, method, list);
      out += `\r\nresult: ${toJson(value)}\r\nelapsed: ${Date.now() - start} ms.`;
      return out;
    } catch (e) {
      return `Failed to invoke method ${method}, cause: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    }
  },
};
