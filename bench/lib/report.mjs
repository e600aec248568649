// Markdown for the results: the main table (one line per implementation, scenario and
// concurrency), the ratios dubbo-ts/peer and dubbo-ts/floor, and the issue-7 targets.

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

/** The targets of issue 7, evaluated on this run's rows for one of our implementations. */
export function targets(rows, ours = OURS[0]) {
  const q = (impl, s, c) => find(rows, impl, s, c)?.qps;
  const p99 = (s, c) => find(rows, ours, s, c)?.latencyMs.p99;
  const ratio = (s, c, peer) => {
    const a = q(ours, s, c);
    const b = q(peer, s, c);
    return a && b ? a / b : undefined;
  };
  const list = [
    {
      what: "echo c=256 vs sofa-rpc-node+dubbo-remoting",
      want: "≥ 4×",
      value: ratio("echo", 256, "sofa"),
      min: 4,
    },
    {
      what: "echo c=256 vs raw-socket floor",
      want: "≥ 0.5×",
      value: ratio("echo", 256, "floor"),
      min: 0.5,
    },
    { what: "getUser vs sofa (c=32)", want: "≥ 3×", value: ratio("getUser", 32, "sofa"), min: 3 },
    { what: "getUser vs sofa (c=256)", want: "≥ 3×", value: ratio("getUser", 256, "sofa"), min: 3 },
    { what: "listUser vs sofa (c=32)", want: "≥ 2×", value: ratio("listUser", 32, "sofa"), min: 2 },
    {
      what: "listUser vs sofa (c=256)",
      want: "≥ 2×",
      value: ratio("listUser", 256, "sofa"),
      min: 2,
    },
    { what: "echo p99 at c=32", want: "≤ 3 ms", value: p99("echo", 32), max: 3, unit: "ms" },
    { what: "getUser p99 at c=32", want: "≤ 3 ms", value: p99("getUser", 32), max: 3, unit: "ms" },
  ];
  return list.map((t) => ({
    ...t,
    met:
      t.value === undefined ? undefined : t.min !== undefined ? t.value >= t.min : t.value <= t.max,
  }));
}

export function targetsTable(rows, ours) {
  const lines = ["| target | wanted | this run | met |", "|---|---|---:|---|"];
  for (const t of targets(rows, ours)) {
    const value =
      t.value === undefined ? "–" : t.unit === "ms" ? `${fmtMs(t.value)} ms` : fmtRatio(t.value);
    lines.push(
      `| ${t.what} | ${t.want} | ${value} | ${t.met === undefined ? "not measured" : t.met ? "yes" : "**no**"} |`,
    );
  }
  return lines.join("\n");
}
