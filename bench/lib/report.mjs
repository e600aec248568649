// Markdown for the results: the main table (one line per implementation, scenario and
// concurrency), the ratios dubbo-ts/peer and dubbo-ts/floor, and the targets of issues 7, 16, 19.

/** Our rows: the protocol-level one and the application-level one. */
export const OURS = ["dubbo-ts", "dubbo-ts-app"];
const fmtInt = (v) =>
  v === undefined || Number.isNaN(v) ? "–" : Math.round(v).toLocaleString("en-US");
const fmtMs = (v) => (v === undefined ? "–" : v < 10 ? v.toFixed(2) : v.toFixed(1));
const fmtMb = (v) => (v === undefined ? "–" : (v / 1048576).toFixed(0));
const fmtRatio = (v) => (v === undefined || !Number.isFinite(v) ? "–" : `${v.toFixed(2)}×`);

function find(rows, impl, scenario, concurrency) {
  return rows.find(
    (r) => r.impl === impl && r.scenario === scenario && r.concurrency === concurrency && !r.failed,
  );
}

/** The main table. */
export function resultsTable(rows) {
  const lines = [
    "| scenario | conc. | implementation | QPS | p50 ms | p99 ms | p99.9 ms | server CPU µs/req | client CPU µs/req | server peak RSS MB | load |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    if (r.failed) {
      lines.push(
        `| ${r.scenario} | ${r.concurrency} | ${r.label} | failed: ${r.failed.split("\n")[0].replace(/\|/g, "/").slice(0, 120)} | | | | | | | |`,
      );
      continue;
    }
    const err = r.errors ? ` (${r.errors} errors)` : "";
    lines.push(
      `| ${r.scenario} | ${r.concurrency} | ${r.label} | ${fmtInt(r.qps)}${err} | ${fmtMs(r.latencyMs.p50)} | ${fmtMs(r.latencyMs.p99)} | ${fmtMs(r.latencyMs.p999)} | ${fmtInt(r.serverCpuUsPerReq)} | ${fmtInt(r.clientCpuUsPerReq)} | ${fmtMb(r.serverPeakRss)} | ${r.loadavg === undefined ? "–" : `${r.loadavg.toFixed(2)}${r.loaded ? " ⚠" : ""}`} |`,
    );
  }
  return lines.join("\n");
}

/** Ratios of `ours`' QPS to every peer's, per scenario and concurrency. */
export function ratioRows(rows, ours, peers) {
  const out = [];
  const keys = [...new Set(rows.map((r) => `${r.scenario}\u0000${r.concurrency}`))];
  for (const key of keys) {
    const [scenario, c] = key.split("\u0000");
    const concurrency = Number(c);
    const mine = find(rows, ours, scenario, concurrency);
    const ratios = {};
    for (const peer of peers) {
      const other = find(rows, peer, scenario, concurrency);
      ratios[peer] = mine && other ? mine.qps / other.qps : undefined;
    }
    out.push({ scenario, concurrency, ratios });
  }
  return out;
}

export function ratioTable(rows, ours, peers, labels) {
  const data = ratioRows(rows, ours, peers);
  const lines = [
    `| scenario | conc. | ${peers.map((p) => `÷ ${labels[p] ?? p}`).join(" | ")} |`,
    `|---|---:|${peers.map(() => "---:").join("|")}|`,
  ];
  for (const d of data) {
    lines.push(
      `| ${d.scenario} | ${d.concurrency} | ${peers.map((p) => fmtRatio(d.ratios[p])).join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

/** A target on the ratio `ours ÷ peer` (or on `ours`' p99) of one scenario and concurrency. */
function evaluate(rows, t) {
  const mine = find(rows, t.ours, t.scenario, t.concurrency);
  const other = t.peer ? find(rows, t.peer, t.scenario, t.concurrency) : undefined;
  const value = t.peer ? (mine && other ? mine.qps / other.qps : undefined) : mine?.latencyMs.p99;
  const met =
    value === undefined ? undefined : t.min !== undefined ? value >= t.min : value <= t.max;
  return { ...t, value, met };
}

/** A target: `ours` ÷ `peer` QPS at least `min` for one scenario and concurrency. */
const ratioTarget = (issue, ours, scenario, concurrency, peer, min, label = peer) => ({
  issue,
  what: `${scenario} c=${concurrency} vs ${label}`,
  want: `≥ ${min}×`,
  ours,
  scenario,
  concurrency,
  peer,
  min,
});

/** A target: `ours`' p99 at c=32 at most 3 ms for one scenario. */
const p99Target = (issue, ours, scenario) => ({
  issue,
  what: `${scenario} p99 at c=32`,
  want: "≤ 3 ms",
  ours,
  scenario,
  concurrency: 32,
  max: 3,
  unit: "ms",
});

/**
 * The targets of issues 7 and 19 for one of our dubbo:// implementations, evaluated on this run's
 * rows (issue 19: ≥ 2× Java Dubbo 3.3 on echo, getUser and listUser at c=32 and 256, echo c=256 ≥
 * 0.6× the raw-socket floor, p99 at c=32 ≤ 3 ms for echo and getUser).
 */
export function targets(rows, ours = OURS[0]) {
  const list = [
    ratioTarget(7, ours, "echo", 256, "sofa", 4),
    ratioTarget(7, ours, "getUser", 32, "sofa", 3),
    ratioTarget(7, ours, "getUser", 256, "sofa", 3),
    ratioTarget(7, ours, "listUser", 32, "sofa", 2),
    ratioTarget(7, ours, "listUser", 256, "sofa", 2),
    ...["echo", "getUser", "listUser"].flatMap((s) =>
      [32, 256].map((c) => ratioTarget(19, ours, s, c, "java", 2, "Java Dubbo 3.3")),
    ),
    ratioTarget(19, ours, "echo", 256, "floor", 0.6, "raw-socket floor"),
    p99Target(19, ours, "echo"),
    p99Target(19, ours, "getUser"),
  ];
  return list.map((t) => evaluate(rows, t));
}

/** Issue 16's targets for our Triple (IDL) row: vs grpc-js and Java Triple at c=32, p99. */
export function tripleTargets(rows, ours = "dubbo-ts-triple") {
  return ["echo", "getUser"]
    .flatMap((s) => [
      ratioTarget(16, ours, s, 32, "grpc", 3, "@grpc/grpc-js"),
      ratioTarget(16, ours, s, 32, "java-triple", 1.5, "Java Dubbo 3.3 Triple"),
      p99Target(16, ours, s),
    ])
    .map((t) => evaluate(rows, t));
}

export function targetsTable(list) {
  const lines = ["| issue | target | wanted | this run | met |", "|---:|---|---|---:|---|"];
  for (const t of list) {
    const value =
      t.value === undefined ? "–" : t.unit === "ms" ? `${fmtMs(t.value)} ms` : fmtRatio(t.value);
    lines.push(
      `| ${t.issue} | ${t.what} | ${t.want} | ${value} | ${t.met === undefined ? "not measured" : t.met ? "yes" : "**no**"} |`,
    );
  }
  return lines.join("\n");
}
