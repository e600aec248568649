// Runs only our codec on Page×15 in a loop, for `node --cpu-prof bench/lib/codec-loop.mjs encode|decode [ms]`:
// a profile with nothing else in it. Prints µs per operation of this process's CPU time (user +
// system), which time spent waiting for a core on a loaded machine does not inflate, and of wall time.

import codec from "../impls/dubbo-ts-codec.mjs";
import { makePage, PAGE_CLASS } from "./payloads.mjs";

const [mode = "both", msText = "3000"] = process.argv.slice(2);
const reason = await codec.unavailable();
if (reason) throw new Error(reason);
const value = codec.prepare(makePage(7), PAGE_CLASS);
const bytes = codec.encode(value, PAGE_CLASS);
const warm = performance.now() + Number(msText) / 3;
while (performance.now() < warm) {
  if (mode !== "decode") codec.encode(value, PAGE_CLASS);
  if (mode !== "encode") codec.decode(bytes, PAGE_CLASS);
}
const until = performance.now() + Number(msText);
let n = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
while (performance.now() < until) {
  for (let i = 0; i < 64; i++) {
    if (mode !== "decode") codec.encode(value, PAGE_CLASS);
    if (mode !== "encode") codec.decode(bytes, PAGE_CLASS);
  }
  n += 64;
}
const cpu = process.cpuUsage(cpu0);
console.log(
  `${mode}: ${((cpu.user + cpu.system) / n).toFixed(2)} µs/op CPU, ${(((performance.now() - t0) * 1000) / n).toFixed(2)} µs/op wall`,
);
