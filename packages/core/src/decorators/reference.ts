import { readDesignMetadata } from "./design-metadata.js";
import { type Constructor, classChain, REFERENCES } from "./metadata.js";
import type { ReferenceOptions } from "./options.js";

/** One `@Reference` field of a class. */
export interface ReferenceField {
  readonly property: string;
  readonly options: ReferenceOptions;
  /** The field's TS class from `emitDecoratorMetadata` (`Object` for a TS interface type). */
  readonly designType: unknown;
}

/**
 * Plain-function form of `@Reference`: declares that `property` of instances of `target` receives
 * a proxy when an application injects into them (`createApplication({ components })` or
 * `app.inject(obj)`).
 */
export function defineReference(
  target: Constructor,
  property: string,
  options: ReferenceOptions = {},
  designType?: unknown,
): void {
  let fields = Reflect.getOwnMetadata(REFERENCES, target) as ReferenceField[] | undefined;
  if (!fields) {
    fields = [];
    Reflect.defineMetadata(REFERENCES, fields, target);
  }
  const index = fields.findIndex((f) => f.property === property);
  const field = { property, options: { ...options }, designType };
  if (index >= 0) fields[index] = field;
  else fields.push(field);
}

/**
 * Property decorator: `@Reference({ version: "1.0.0" }) brandService!: BrandService`. When the
 * field is typed with a contract class (`@JavaInterface`), that class is the contract; with a TS
 * interface type, give `contract` or `interface` in the options.
 */
export function Reference(options: ReferenceOptions = {}): PropertyDecorator {
  return (target, key) => {
    const designType = readDesignMetadata("type", target, key);
    defineReference(target.constructor, String(key), options, designType);
  };
}

/** The `@Reference` fields of an object's class and its superclasses (most derived wins). */
export function getReferenceFields(target: object | Constructor): ReferenceField[] {
  const ctor = typeof target === "function" ? target : target.constructor;
  const seen = new Set<string>();
  const out: ReferenceField[] = [];
  for (const c of classChain(ctor)) {
    const own = Reflect.getOwnMetadata(REFERENCES, c) as ReferenceField[] | undefined;
    for (const f of own ?? []) {
      if (seen.has(f.property)) continue;
      seen.add(f.property);
      out.push(f);
    }
  }
  return out;
}
