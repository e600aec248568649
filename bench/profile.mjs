#!/usr/bin/env node
// Summarises V8 .cpuprofile files (from `node bench/run.mjs --profile=dubbo-ts`): the functions
// with the most self time, and the most total (inclusive) time, with their source locations.
//
//   node bench/profile.mjs bench/results/dubbo-ts-server-*.cpuprofile [--top=25]
import { readFileSync } from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const top = Number(args.find((a) => a.startsWith("--top="))?.slice(6) ?? 25);
const files = args.filter((a) => !a.startsWith("--"));
if (files.length === 0) {
  console.error("usage: node bench/profile.mjs <file.cpuprofile>… [--top=25]");
  process.exit(2);
}

const short = (url) => {
  if (!url) return "";
  const p = url.replace(/^file:\/\//, "");
  const i = p.indexOf("/packages/");
  if (i >= 0) return p.slice(i + 1);
  const j = p.lastIndexOf("/node_modules/");
  if (j >= 0) return p.slice(j + 14);
  return path.basename(p);
};

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map();
  for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  const total = profile.samples.length;
  const key = (n) => {
    const f = n.callFrame;
    return `${f.functionName || "(anonymous)"} ${short(f.url)}${f.url ? `:${f.lineNumber + 1}` : ""}`;
  };
  const self = new Map();
  const incl = new Map();
  for (const [id, count] of hits) {
    const n = byId.get(id);
    self.set(key(n), (self.get(key(n)) ?? 0) + count);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + count);
    }
  }
  const pct = (v) => `${((v / total) * 100).toFixed(1).padStart(5)} %`;
  const idle = [...self].filter(([k]) => /^\((idle|program|garbage collector)\)/.test(k));
  console.log(`\n## ${path.basename(file)} — ${total} samples`);
  console.log(idle.map(([k, v]) => `${k.trim()} ${pct(v)}`).join(" · "));
  console.log("\nself time:");
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${pct(v)}  ${k}`);
  console.log("\ntotal time:");
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${pct(v)}  ${k}`);
}
