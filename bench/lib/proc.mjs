// Process figures read from /proc (Linux), for any agent whatever its language: resident set size
// now, and a sampler that keeps the peak over a measurement window.
import { readFileSync } from "node:fs";

/** Current RSS of `pid` in bytes, or undefined when /proc is not readable. */
export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the RSS of some pids every `intervalMs` until `stop()`, which returns the peak per pid. */
export function sampleRss(pids, intervalMs = 50) {
  const peak = new Map(pids.map((p) => [p, 0]));
  const tick = () => {
    for (const p of pids) {
      const v = rssOf(p);
      if (v !== undefined && v > peak.get(p)) peak.set(p, v);
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return Object.fromEntries(peak);
    },
  };
}

/** Model name and count of the CPUs, for the report header. */
export function cpuInfo() {
  try {
    const text = readFileSync("/proc/cpuinfo", "utf8");
    const model = /model name\s*:\s*(.+)/.exec(text)?.[1]?.trim();
    const count = (text.match(/^processor\s*:/gm) ?? []).length;
    return { model, count };
  } catch {
    return { model: undefined, count: undefined };
  }
}
