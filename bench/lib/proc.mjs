// Process figures read from /proc (Linux), for any agent whatever its language: resident set size
// now, and a sampler that keeps the peak over a measurement window.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticksPerSecond;

/**
 * CPU time (user + system, every thread, live or exited) of `pid` in µs from /proc/<pid>/stat, or
 * undefined. The kernel counts it in clock ticks (usually 10 ms), so it is exact only over
 * windows much longer than a tick; it is read by the runner at the instant the client opens and
 * closes its window, whatever the server's event loop is doing.
 */
export function cpuTimeOf(pid) {
  try {
    ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces, hence the last ')').
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) / ticksPerSecond) * 1e6;
  } catch {
    return undefined;
  }
}

/** The live child pids of `pid` (every thread's children), from /proc; [] when unreadable. */
function childrenOf(pid) {
  try {
    const pids = [];
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) pids.push(...text.split(" ").map(Number));
    }
    return pids;
  } catch {
    return [];
  }
}

/**
 * CPU time in µs of `pid` and every live descendant (a provider with worker processes: the agent,
 * its child primary and the workers), plus what exited children left in `pid`'s cutime/cstime
 * (/proc/<pid>/stat fields 16–17). Equals `cpuTimeOf` for a process without children.
 */
export function cpuTimeOfTree(pid) {
  const own = cpuTimeOf(pid);
  if (own === undefined) return undefined;
  let total = own + reapedChildrenTime(pid);
  for (const child of childrenOf(pid)) total += cpuTimeOfTree(child) ?? 0;
  return total;
}

function reapedChildrenTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[13]) + Number(fields[14])) / ticksPerSecond) * 1e6;
  } catch {
    return 0;
  }
}

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
