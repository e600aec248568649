// `node --conditions=source --import ./register-ts.mjs script.ts` runs TypeScript sources.
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);
