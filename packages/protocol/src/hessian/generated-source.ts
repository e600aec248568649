/**
 * The one rule for names in the code this package generates (class-shape.ts field readers,
 * write-plan.ts field writers): a name enters the source only when it is a plain ASCII identifier
 * (letters, digits, `_`, `$`, at most 64 characters), as `object.name`, the engine's fast named
 * access. Any other name, whatever it holds, is passed to the generated factory as a value
 * (parameter `k<i>`) and accessed as `object[k<i>]`. Names from the wire's class definitions are
 * therefore data: no quote, escape, bracket or operator they carry can reach the source.
 */
export const SAFE_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;

/** `object.name` when `name` is a SAFE_IDENTIFIER, else `object[k<i>]`. */
export function propertyOf(object: string, name: string, i: number): string {
  return SAFE_IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[k${i}]`;
}

/** The factory parameters `k0…kN` for `names` (pass the names themselves as the arguments). */
export function nameParameters(names: readonly string[]): string[] {
  return names.map((_, i) => `k${i}`);
}
