/** The shaped manifest of the package in `dir` (`packages/<name>`); see package-shape.mjs. */
export function shape(manifest: Record<string, unknown>, dir: string): Record<string, unknown>;
/** Shapes every publishable package; returns what was (or, with `check`, would be) changed. */
export function shapeAll(options?: { check?: boolean }): string[];
