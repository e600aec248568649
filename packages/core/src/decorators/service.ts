import { type Constructor, METHOD_OPTIONS, ownMap, SERVICE } from "./metadata.js";
import type { MethodOptions, ServiceOptions } from "./options.js";

/**
 * Plain-function form of `@Service`: marks a class as a provider implementation. Nothing is
 * exported until an application that receives an instance (or scans the class) starts.
 */
export function defineService(target: Constructor, options: ServiceOptions = {}): void {
  Reflect.defineMetadata(SERVICE, { ...options }, target);
}

/**
 * Class decorator: `@Service({ interface: "com.jd.sellergoods.service.BrandService", version: "1.0.0" })`.
 * Options absent here fall back to the application's `provider` defaults, then Dubbo's.
 */
export function Service(options: ServiceOptions = {}): ClassDecorator {
  return (target) => {
    defineService(target, options);
  };
}

/** Plain-function form of `@Method`: per-method options of a service class. */
export function defineMethodOptions(
  target: Constructor,
  method: string,
  options: MethodOptions,
): void {
  const map = ownMap<MethodOptions>(METHOD_OPTIONS, target);
  map.set(method, { ...map.get(method), ...options });
}

/** Method decorator: `@Method({ timeout: 3000, executes: 10 })` on a service method. */
export function Method(options: MethodOptions): MethodDecorator {
  return (target, key) => {
    defineMethodOptions(target.constructor, String(key), options);
  };
}

/**
 * The `@Service` options of a class (inherited from a decorated superclass too), merged with its
 * `@Method` options; `undefined` when the class is not a service.
 */
export function getServiceOptions(target: Constructor): ServiceOptions | undefined {
  const options = Reflect.getMetadata(SERVICE, target) as ServiceOptions | undefined;
  if (!options) return undefined;
  const methods: Record<string, MethodOptions> = {};
  const perMethod = Reflect.getMetadata(METHOD_OPTIONS, target) as
    | Map<string, MethodOptions>
    | undefined;
  for (const [name, m] of perMethod ?? []) methods[name] = { ...m };
  for (const [name, m] of Object.entries(options.methods ?? {})) {
    methods[name] = { ...methods[name], ...m };
  }
  return { ...options, methods };
}
