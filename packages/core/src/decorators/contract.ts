import { parseJavaType } from "../java-type.js";
import { readDesignMetadata } from "./design-metadata.js";
import { type Constructor, className, JAVA_INTERFACE, JAVA_METHODS, ownMap } from "./metadata.js";

/**
 * Java types of one contract method, declared once so that callers pass plain values. Every field
 * is optional: what is missing is inferred from `emitDecoratorMetadata` where the TS type is
 * unambiguous (`string` → `java.lang.String`, `boolean` → `boolean`, `Date` → `java.util.Date`, a
 * `@JavaClass` DTO → its Java name). `number`, arrays, `bigint` and interfaces are ambiguous in
 * Java and must be declared (`int`, `long`, `java.lang.Long`, `java.util.List<…>`, `long[]`…).
 */
export interface JavaMethodOptions {
  /** Java type names of the parameters, in order; `undefined` entries are inferred. */
  readonly params?: readonly (string | undefined)[] | undefined;
  /**
   * Java return type name. When absent: `void` for a method typed `void`, the Java name of a
   * `@JavaClass` DTO or `java.lang.String`/`boolean` when the TS return type says so, otherwise
   * `java.lang.Object` (the provider then encodes the value by its JS shape, and a Java consumer
   * expecting a DTO would get a map: declare DTO returns).
   */
  readonly returns?: string | undefined;
}

/** What is recorded per method on one class. */
export interface MethodRecord {
  params: (string | undefined)[];
  returns: string | undefined;
  /** True when the method was declared with a decorator (so design types exist). */
  decorated: boolean;
  /** Java overloads of this name, each fully declared (see `JavaInterface`); replaces the above. */
  overloads?: { params: string[]; returns: string }[] | undefined;
}

const JAVA_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/** Throws a TypeError unless `name` looks like a Java fully qualified interface name. */
export function checkInterfaceName(name: unknown, where: string): string {
  if (typeof name !== "string" || !JAVA_NAME.test(name)) {
    throw new TypeError(
      `${where}: the Java interface name must be a fully qualified name like "com.jd.sellergoods.service.BrandService", got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

function checkType(type: string | undefined, where: string): void {
  if (type === undefined) return;
  if (typeof type !== "string") {
    throw new TypeError(`${where}: a Java type name must be a string, got ${JSON.stringify(type)}`);
  }
  try {
    parseJavaType(type);
  } catch (e) {
    throw new TypeError(`${where}: ${(e as Error).message}`);
  }
}

/**
 * Plain-function form of `@JavaInterface`: names the Java interface a contract class stands for,
 * and optionally declares the Java types of its methods (useful for an abstract class merged with
 * a TS interface, whose methods cannot carry decorators).
 */
export function defineJavaInterface(
  target: Constructor,
  name: string,
  methods?: Readonly<Record<string, JavaMethodOptions | readonly JavaMethodOptions[]>>,
): void {
  checkInterfaceName(name, `@JavaInterface on ${className(target)}`);
  Reflect.defineMetadata(JAVA_INTERFACE, name, target);
  for (const [method, options] of Object.entries(methods ?? {})) {
    if (Array.isArray(options)) defineOverloads(target, method, options);
    else defineJavaMethod(target, method, options as JavaMethodOptions);
  }
}

/**
 * Java overloads of one method name (`find(Long)`, `find(String)`): each entry declares every
 * parameter type and the return type, since nothing can be inferred per overload. A proxy call
 * picks the overload by argument count, then the first declared among those of that count; a
 * provider answers each by its exact parameter types.
 */
function defineOverloads(
  target: Constructor,
  method: string,
  overloads: readonly JavaMethodOptions[],
): void {
  const where = `${className(target)}.${method}`;
  const record = methodRecord(target, method);
  record.overloads = overloads.map((o, k) => {
    if (!o.params || o.params.some((t) => t === undefined) || o.returns === undefined) {
      throw new TypeError(
        `${where} overload ${k}: declare every parameter type and the return type, e.g. { params: ["java.lang.Long"], returns: "com.x.Foo" }`,
      );
    }
    o.params.forEach((t, i) => {
      checkType(t, `${where} overload ${k} parameter ${i}`);
    });
    checkType(o.returns, `${where} overload ${k} return type`);
    return { params: o.params as string[], returns: o.returns };
  });
}

/**
 * Plain-function form of `@JavaMethod`: declares a method of a contract (or of a service class)
 * with its Java types. Declaring a method again merges with what was declared before.
 */
export function defineJavaMethod(
  target: Constructor,
  method: string,
  options: JavaMethodOptions = {},
  decorated = false,
): void {
  const where = `${className(target)}.${method}`;
  options.params?.forEach((t, i) => {
    checkType(t, `${where} parameter ${i}`);
  });
  checkType(options.returns, `${where} return type`);
  const record = methodRecord(target, method);
  options.params?.forEach((t, i) => {
    if (t !== undefined) record.params[i] = t;
  });
  if (options.params && record.params.length < options.params.length) {
    record.params.length = options.params.length;
  }
  if (options.returns !== undefined) record.returns = options.returns;
  if (decorated) record.decorated = true;
}

/** Plain-function form of `@Param`: the Java type of one parameter of a contract method. */
export function defineParam(
  target: Constructor,
  method: string,
  index: number,
  type: string,
): void {
  checkType(type, `${className(target)}.${method} parameter ${index}`);
  const record = methodRecord(target, method);
  record.params[index] = type;
}

function methodRecord(target: Constructor, method: string): MethodRecord {
  const methods = ownMap<MethodRecord>(JAVA_METHODS, target);
  let record = methods.get(method);
  if (!record) {
    record = { params: [], returns: undefined, decorated: false };
    methods.set(method, record);
  }
  return record;
}

/**
 * Class decorator naming the Java interface of a contract class:
 * `@JavaInterface("com.jd.sellergoods.service.BrandService") export abstract class BrandService {…}`.
 * An array for one method name declares Java overloads (`find: [{ params, returns }, …]`).
 * Consumers whose `@Reference` field is typed with this class find the contract automatically.
 */
export function JavaInterface<T = unknown>(
  name: string,
  methods?: Partial<Record<keyof T & string, JavaMethodOptions | readonly JavaMethodOptions[]>>,
): ClassDecorator {
  return (target) => {
    defineJavaInterface(
      target,
      name,
      methods as Record<string, JavaMethodOptions | readonly JavaMethodOptions[]> | undefined,
    );
  };
}

/**
 * Method decorator declaring a contract method and its Java types (see `JavaMethodOptions`).
 * A string argument is shorthand for `{ returns }`.
 */
export function JavaMethod(options?: JavaMethodOptions | string): MethodDecorator {
  return (target, key) => {
    const opts = typeof options === "string" ? { returns: options } : (options ?? {});
    // Records, for the whole process, whether the build emits design types (see design-metadata).
    readDesignMetadata("paramtypes", target, key);
    defineJavaMethod(target.constructor, String(key), opts, true);
  };
}

/** Parameter decorator: `findOne(@Param("java.lang.Long") id: number)`. */
export function Param(type: string): ParameterDecorator {
  return (target, key, index) => {
    if (key === undefined) {
      throw new TypeError(
        `@Param on a constructor of ${className(target)}: only method parameters take Java types`,
      );
    }
    const ctor = typeof target === "function" ? target : target.constructor;
    defineParam(ctor, String(key), index, type);
    methodRecord(ctor, String(key)).decorated = true;
  };
}
