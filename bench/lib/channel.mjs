// The control channel between the runner and its agents (servers and clients, Node or Java).
// Agents read commands as JSON lines on stdin and write replies and events as JSON lines on stdout
// prefixed with MARK; any other stdout line is a log line (libraries print what they like). One
// format for every language, so a Java agent needs only a line reader and a JSON writer.
//
//   runner → agent   {"id": 3, "cmd": "run", ...}
//   agent  → runner  @@bench {"id": 3, "ok": true, ...}      reply to command 3
//                    @@bench {"id": 3, "ok": false, "error": "…"}
//                    @@bench {"event": "ready", "port": 41234}  unsolicited event
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export const MARK = "@@bench ";

/** Agent side: sends one event or reply to the runner. */
export function emit(message) {
  process.stdout.write(`${MARK}${JSON.stringify(message)}\n`);
}

/**
 * Agent side: calls `handler(command)` for every command line and replies with what it returns
 * (or the error it throws). Commands run one at a time, in order.
 */
export function serveCommands(handler) {
  const rl = createInterface({ input: process.stdin });
  let queue = Promise.resolve();
  rl.on("line", (line) => {
    if (!line.trim()) return;
    const command = JSON.parse(line);
    queue = queue.then(async () => {
      try {
        const reply = (await handler(command)) ?? {};
        emit({ ...reply, id: command.id, ok: true });
      } catch (err) {
        emit({ id: command.id, ok: false, error: err?.stack ?? String(err) });
      }
    });
  });
  rl.on("close", () => handler({ cmd: "stdin-closed" }));
}

/**
 * Runner side: a spawned agent. `request` sends a command and resolves with its reply;
 * `waitEvent` resolves with the next event of a name; `onEvent` sees every event.
 */
export class Agent {
  /**
   * @param {string} label shown in errors
   * @param {string} command
   * @param {string[]} args
   * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, verbose?: boolean }} [options]
   */
  constructor(label, command, args, options = {}) {
    this.label = label;
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.pid = this.child.pid;
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.listeners = [];
    this.log = [];
    this.exited = false;
    this.exitInfo = undefined;
    const keepLog = (line) => {
      this.log.push(line);
      if (this.log.length > 80) this.log.shift();
      if (options.verbose) process.stderr.write(`[${label}] ${line}\n`);
    };
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (!line.startsWith(MARK)) return keepLog(line);
      let msg;
      try {
        msg = JSON.parse(line.slice(MARK.length));
      } catch {
        return keepLog(line);
      }
      if (msg.id !== undefined && this.pending.has(msg.id)) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        clearTimeout(p.timer);
        if (msg.ok) p.resolve(msg);
        else p.reject(new Error(`${label}: ${msg.error}`));
      } else if (msg.event) {
        for (const l of this.listeners) l(msg);
        const i = this.waiters.findIndex((w) => w.event === msg.event);
        if (i >= 0) {
          const [w] = this.waiters.splice(i, 1);
          clearTimeout(w.timer);
          w.resolve(msg);
        }
      }
    });
    createInterface({ input: this.child.stderr }).on("line", keepLog);
    this.child.on("error", (err) => this.failAll(err));
    this.child.on("exit", (code, signal) => {
      this.exited = true;
      this.exitInfo = { code, signal };
      this.failAll(new Error(`${label} exited (code ${code}, signal ${signal})`));
    });
    this.child.stdin.on("error", () => {});
  }

  failAll(err) {
    const detail = new Error(
      `${err.message}\n--- last output of ${this.label} ---\n${this.tail()}`,
    );
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(detail);
    }
    this.pending.clear();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(detail);
    }
    this.waiters = [];
  }

  tail(lines = 25) {
    return this.log.slice(-lines).join("\n");
  }

  onEvent(listener) {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  waitEvent(event, timeoutMs = 60_000) {
    if (this.exited) return Promise.reject(new Error(`${this.label} already exited`));
    return new Promise((resolve, reject) => {
      const w = { event, resolve, reject, timer: undefined };
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`${this.label}: no "${event}" within ${timeoutMs} ms\n${this.tail()}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  request(command, timeoutMs = 60_000) {
    if (this.exited) return Promise.reject(new Error(`${this.label} already exited`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new Error(
            `${this.label}: "${command.cmd}" got no reply in ${timeoutMs} ms\n${this.tail()}`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child.stdin.write(`${JSON.stringify({ ...command, id })}\n`);
    });
  }

  /** Asks the agent to exit, then kills it (SIGKILL) when it has not gone after `graceMs`. */
  async stop(graceMs = 5000) {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once("exit", resolve));
    try {
      await this.request({ cmd: "exit" }, graceMs).catch(() => {});
      this.child.stdin.end();
    } catch {}
    const timer = setTimeout(() => {
      if (!this.exited) this.child.kill("SIGKILL");
    }, graceMs);
    await gone;
    clearTimeout(timer);
  }
}
