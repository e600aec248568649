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

/**
 * The targets of issues 7 and 19 for one of our dubbo:// implementations, evaluated on this run's
 * rows (issue 19: ≥ 2× Java Dubbo 3.3 on echo, getUser and listUser at c=32 and 256, echo c=256 ≥
 * 0.6× the raw-socket floor, p99 at c=32 ≤ 3 ms for echo and getUser).
 */
export function targets(rows, ours = OURS[0]) {
  const ratio = (issue, scenario, concurrency, peer, min, what) => ({
    issue,
    what: what ?? `${scenario} c=${concurrency} vs ${peer}`,
    want: `≥ ${min}×`,
    ours,
    scenario,
    concurrency,
    peer,
    min,
  });
  const p99 = (issue, scenario) => ({
    issue,
    what: `${scenario} p99 at c=32`,
    want: "≤ 3 ms",
    ours,
    scenario,
    concurrency: 32,
    max: 3,
    unit: "ms",
  });
  const list = [
    ratio(7, "echo", 256, "sofa", 4),
    ratio(7, "getUser", 32, "sofa", 3),
    ratio(7, "getUser", 256, "sofa", 3),
    ratio(7, "listUser", 32, "sofa", 2),
    ratio(7, "listUser", 256, "sofa", 2),
    ...["echo", "getUser", "listUser"].flatMap((s) =>
      [32, 256].map((c) => ratio(19, s, c, "java", 2, `${s} c=${c} vs Java Dubbo 3.3`)),
    ),
    ratio(19, "echo", 256, "floor", 0.6, "echo c=256 vs raw-socket floor"),
    p99(19, "echo"),
    p99(19, "getUser"),
  ];
  return list.map((t) => evaluate(rows, t));
}

/** Issue 16's targets for our Triple (IDL) row: vs grpc-js and Java Triple at c=32, p99. */
export function tripleTargets(rows, ours = "dubbo-ts-triple") {
  return ["echo", "getUser"].flatMap((scenario) =>
    [
      { peer: "grpc", min: 3, label: "@grpc/grpc-js" },
      { peer: "java-triple", min: 1.5, label: "Java Dubbo 3.3 Triple" },
    ]
      .map(({ peer, min, label }) =>
        evaluate(rows, {
          issue: 16,
          what: `${scenario} c=32 vs ${label}`,
          want: `≥ ${min}×`,
          ours,
          scenario,
          concurrency: 32,
          peer,
          min,
        }),
      )
      .concat(
        evaluate(rows, {
          issue: 16,
          what: `${scenario} p99 at c=32`,
          want: "≤ 3 ms",
          ours,
          scenario,
          concurrency: 32,
          max: 3,
          unit: "ms",
        }),
      ),
  );
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
