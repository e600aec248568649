export function onPath(command: string): boolean;
export function ensure(need: {
  what: string;
  check: () => boolean;
  packages: string[];
  help: string[];
}): void;
export const CHROMIUM: string;
export function ensureChromium(): void;
export function ensureJavaAndMaven(): void;
