// Codec micro-benchmark: hessian2 encode/decode of the User and Page<User>×15 payloads.
//
// Columns:
// - hessian.js + js-to-java: what dubbo2.js users write — every field wrapped with js-to-java
//   (the wrapping is part of the encode cost, since callers build the wrappers per call);
//   decode with hessian.js, with and without its classCache.
// - dubbo-remoting classMap: sofa-rpc-node's compiled per-class writers (egg-rpc-generator style)
//   encoding plain objects.
// - dubbo-ts: our codec, through the adapter in impls/dubbo-ts-codec.mjs (absent until the
//   protocol package exports one; the column then says so).
//
// The "Page×15, built per call" row encodes a new page each time, built the way the e2e bench's
// providers build it (fresh objects, strings from template literals, a LocalDateTime.now() per
// user: V8 concatenations are rope strings a writer must flatten first); its figure is the time
// of build + encode minus the time of the build alone. Not decoded: that is the Page×15 row.
//
// Each cell runs the operation in a loop for a fixed time after a warm-up and reports µs of CPU
// time per operation (process.cpuUsage: on a loaded machine, wall time would count the waits).
// Every codec's bytes are decoded by hessian.js and compared with the source data first, so a
// codec that writes less than the others cannot win by it.
//
// With --compare=<git ref> a column "dubbo-ts @ <ref>" runs the ref's codec (lib/compare.mjs) in
// the same process. Every cell is measured `rounds` times, the codecs interleaved within each round,
// and the median is reported, so that load from elsewhere hits every codec alike.
//
//   node bench/codec.mjs [--quick] [--compare=<git ref>] [--rounds=N]
import { createRequire } from "node:module";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadRefCodec, prepareRef } from "./lib/compare.mjs";
import { javaPage, javaUser } from "./lib/hessian-shapes.mjs";
import {
  JAVA_CLASSES,
  makePage,
  makeUser,
  makeUserText,
  PAGE_CLASS,
  USER_CLASS,
} from "./lib/payloads.mjs";

const require = createRequire(import.meta.url);
const hessian = require("hessian.js");
const compile = require("dubbo-remoting/lib/serialize/hessian/compile.js");

function fieldType(javaType) {
  const m = /^java\.util\.List<(.+)>$/.exec(javaType);
  if (m) return { type: "java.util.List", generic: [{ type: m[1] }] };
  return { type: javaType };
}
const classMap = Object.fromEntries(
  Object.entries(JAVA_CLASSES).map(([cls, fields]) => [
    cls,
    Object.fromEntries(Object.entries(fields).map(([f, t]) => [f, fieldType(t)])),
  ]),
);

/**
 * Runs `fn` repeatedly for `ms` after a warm-up of `ms / 2`; returns µs of this process's CPU time
 * (user + system) per call: time spent waiting for a core on a loaded machine does not count.
 */
function timeIt(fn, ms) {
  const until = (deadline) => {
    let n = 0;
    while (performance.now() < deadline) {
      for (let i = 0; i < 16; i++) fn();
      n += 16;
    }
    return n;
  };
  until(performance.now() + ms / 2);
  const cpu = process.cpuUsage();
  const n = until(performance.now() + ms);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / n;
}

function sameUser(a, b) {
  return (
    a &&
    b &&
    Number(a.id) === Number(b.id) &&
    a.name === b.name &&
    a.address === b.address &&
    a.icon === b.icon &&
    a.birthday?.year === b.birthday.year &&
    a.createTime?.time?.nano === b.createTime.time.nano &&
    JSON.stringify(a.permissions) === JSON.stringify(b.permissions)
  );
}

function samePage(a, b) {
  return (
    a &&
    a.pageNo === b.pageNo &&
    a.total === b.total &&
    a.result?.length === b.result.length &&
    a.result.every((u, i) => sameUser(u, b.result[i]))
  );
}

/** JSON with sorted keys: equal for equal plain data, whatever the key order or prototype. */
function canonical(value) {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

async function loadOurs() {
  try {
    const mod = await import("./impls/dubbo-ts-codec.mjs");
    const reason = await mod.default.unavailable?.();
    return reason ? { reason } : { codec: mod.default };
  } catch (err) {
    return { reason: `no codec adapter: ${err.message.split("\n")[0]}` };
  }
}

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : undefined;
};

/**
 * Runs the codec benchmark; returns the figures and a markdown section. `compare` is a ref
 * prepared by lib/compare.mjs (its codec becomes one more column).
 */
export async function runCodecBench({ quick = false, log = () => {}, compare, rounds } = {}) {
  const ms = quick ? 150 : 1000;
  rounds ??= quick ? 1 : 3;
  const user = makeUser(12345);
  const page = makePage(7);
  const payloads = {
    User: { value: user, cls: USER_CLASS, same: sameUser },
    "Page×15": { value: page, cls: PAGE_CLASS, same: samePage },
    "Page×15, built per call": {
      value: page,
      cls: PAGE_CLASS,
      same: samePage,
      // java.time as text for the codecs that take it (prepare), as handle objects for the others.
      build: (codec) => (codec.prepare ? () => makePage(7, makeUserText) : () => makePage(7)),
    },
  };

  const codecs = {
    "hessian.js + js-to-java": {
      encode: (v, cls) => {
        const e = new hessian.EncoderV2();
        e.write(cls === USER_CLASS ? javaUser(v) : javaPage(v));
        return e.get();
      },
    },
    "dubbo-remoting classMap": {
      encode: (v, cls) => {
        const e = new hessian.EncoderV2();
        const desc =
          cls === PAGE_CLASS
            ? { $class: cls, $: v, generic: [{ type: USER_CLASS }] }
            : { $class: cls, $: v };
        compile(desc, "2.0", classMap)(v, e);
        return e.get();
      },
    },
  };
  const ours = await loadOurs();
  if (ours.codec) codecs["dubbo-ts"] = ours.codec;
  let refReason;
  if (compare) {
    const ref = await loadRefCodec(compare);
    if (ref.codec) codecs[`dubbo-ts @ ${compare.label}`] = ref.codec;
    else refReason = ref.reason;
  }
  const cpus = os.cpus().length;

  const rows = [];
  for (const [pname, p] of Object.entries(payloads)) {
    const cells = [];
    for (const [cname, codec] of Object.entries(codecs)) {
      // The value in the shape this codec's users hold it (dubbo-ts: java.time as text).
      const own = codec.prepare ? codec.prepare(p.value, p.cls) : p.value;
      const bytes = codec.encode(own, p.cls);
      const back = hessian.decode(bytes, "2.0");
      if (!p.same(back, p.value)) {
        throw new Error(`${cname} encoded ${pname} into bytes that hessian.js decodes differently`);
      }
      if (codec.decode && canonical(codec.decode(bytes, p.cls)) !== canonical(own))
        throw new Error(`${cname} cannot decode its own ${pname}`);
      const build = p.build?.(codec);
      cells.push({
        cname,
        codec,
        own,
        bytes,
        build,
        encode: [],
        decode: [],
        decodeCached: [],
        load: [],
      });
    }
    for (let round = 0; round < rounds; round++) {
      for (const c of cells) {
        const { codec, own, bytes, build } = c;
        if (build) {
          const built = timeIt(() => codec.encode(build(), p.cls), ms);
          c.encode.push(built - timeIt(build, ms));
          c.load.push(os.loadavg()[0]);
          continue;
        }
        c.encode.push(timeIt(() => codec.encode(own, p.cls), ms));
        if (codec.decode) {
          c.decode.push(timeIt(() => codec.decode(bytes, p.cls), ms));
        } else if (c.cname === "hessian.js + js-to-java") {
          c.decode.push(timeIt(() => hessian.decode(bytes, "2.0"), ms));
          const classCache = new Map();
          c.decodeCached.push(timeIt(() => hessian.decode(bytes, "2.0", { classCache }), ms));
        }
        c.load.push(os.loadavg()[0]);
      }
    }
    for (const c of cells) {
      const row = {
        payload: pname,
        codec: c.cname,
        bytes: c.bytes.length,
        encodeUs: median(c.encode),
        decodeUs: median(c.decode),
        decodeCachedUs: median(c.decodeCached),
        rounds,
        loadavg: Math.max(...c.load),
      };
      row.loaded = row.loadavg > cpus;
      rows.push(row);
      log(
        `codec ${pname} ${c.cname}: ${row.bytes} B, encode ${row.encodeUs.toFixed(1)} µs` +
          (row.decodeUs ? `, decode ${row.decodeUs.toFixed(1)} µs` : "") +
          `, load ${row.loadavg.toFixed(2)}${row.loaded ? " (above the core count)" : ""}`,
      );
    }
  }

  const f = (v) => (v === undefined ? "–" : v < 10 ? v.toFixed(2) : v.toFixed(1));
  const lines = [
    "### Codec micro-benchmark (hessian2, µs of CPU time per operation, lower is better)",
    "",
    `${ms} ms per cell after a ${ms / 2} ms warm-up, in the runner process; median of ${rounds} round(s), codecs interleaved. ` +
      `Load is the highest 1-minute load average seen while the cell ran; ⚠ marks cells measured while it exceeded the ${cpus} cores.` +
      `${ours.reason ? ` dubbo-ts column missing: ${ours.reason}.` : ""}${refReason ? ` Ref column missing: ${refReason}.` : ""}`,
    "",
    "| payload | codec | bytes | encode µs | decode µs | decode µs (classCache) | load |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.payload} | ${r.codec} | ${r.bytes} | ${f(r.encodeUs)} | ${f(r.decodeUs)} | ${f(r.decodeCachedUs)} | ${r.loadavg.toFixed(2)}${r.loaded ? " ⚠" : ""} |`,
    ),
  ];
  return { rows, oursMissing: ours.reason, refMissing: refReason, markdown: lines.join("\n") };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) || undefined;
  const log = (l) => console.error(l);
  const ref = arg("compare");
  const r = await runCodecBench({
    quick: process.argv.includes("--quick"),
    log,
    compare: ref ? prepareRef(ref, log) : undefined,
    rounds: arg("rounds") ? Number(arg("rounds")) : undefined,
  });
  console.log(r.markdown);
}
