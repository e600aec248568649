import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Logger, ServiceUrl } from "@dubbo-ts/core/spi";
import { loadProperties, storeProperties } from "./java-properties.js";

/** The comment Java writes on the first line of the file. */
const COMMENT = "Dubbo Registry Cache";

/** Java writes the file 500 ms after a notification (`AbstractRegistry.saveProperties`, async). */
const WRITE_DELAY_MS = 500;

/**
 * Java's default cache path, `~/.dubbo/dubbo-registry-<application>-<address with : → ->.cache`
 * (`AbstractRegistry` constructor; docs/wire-format.md).
 */
export function defaultCacheFile(application: string, javaAddress: string): string {
  return path.join(
    os.homedir(),
    ".dubbo",
    `dubbo-registry-${application}-${javaAddress.replace(/:/g, "-")}.cache`,
  );
}

/**
 * The local provider-list cache: one entry per subscription `serviceKey`
 * (`[group/]interface[:version]`) whose value is the space-separated `toFullString()` of every URL
 * last notified for it, all categories together, `empty://` included — the format of Java Dubbo's
 * `dubbo-registry-*.cache` (`java.util.Properties`).
 *
 * Lifecycle: `load()` reads the file once (a missing or unreadable file is an empty cache);
 * `set()` schedules a write 500 ms later, coalescing bursts; `flush()` writes now. Writes go to a
 * temporary file in the same directory and are renamed over the target, so a reader (or a crash)
 * never sees half a file. Write failures are logged and retried on the next change, never thrown.
 */
export class RegistryCache {
  readonly file: string;
  readonly #logger: Logger;
  readonly #entries = new Map<string, string>();
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  #dirty = false;
  #tmpCounter = 0;

  constructor(file: string, logger: Logger) {
    this.file = file;
    this.#logger = logger;
  }

  /** Reads the file; entries already set in memory win over the file's. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, "latin1");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
        this.#logger.warn(
          { err, file: this.file },
          "registry cache file unreadable; starting empty",
        );
      }
      return;
    }
    try {
      for (const [k, v] of loadProperties(text)) if (!this.#entries.has(k)) this.#entries.set(k, v);
    } catch (err) {
      this.#logger.warn({ err, file: this.file }, "registry cache file malformed; starting empty");
    }
  }

  /**
   * The URLs cached for a service key, or undefined when there are none. Entries that do not parse
   * are skipped. Java only serves keys starting with a letter or `_`; so do we.
   */
  get(serviceKey: string): ServiceUrl[] | undefined {
    if (!/^[A-Za-z_]/.test(serviceKey)) return undefined;
    const value = this.#entries.get(serviceKey);
    if (value === undefined || value.trim() === "") return undefined;
    const urls: ServiceUrl[] = [];
    for (const text of value.trim().split(/\s+/)) {
      try {
        urls.push(ServiceUrl.parse(text));
      } catch {
        // A corrupt entry is skipped rather than poisoning the whole list.
      }
    }
    return urls.length > 0 ? urls : undefined;
  }

  /** Replaces the entry of a service key and schedules a write. */
  set(serviceKey: string, urls: readonly ServiceUrl[]): void {
    const value = urls.map((u) => u.toFullString()).join(" ");
    if (this.#entries.get(serviceKey) === value) return;
    this.#entries.set(serviceKey, value);
    this.#dirty = true;
    if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.flush();
      }, WRITE_DELAY_MS);
      this.#timer.unref();
    }
  }

  /** Writes pending changes now; resolves when the file on disk holds them. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#writing) await this.#writing;
    if (!this.#dirty) return;
    this.#dirty = false;
    this.#writing = this.#write().finally(() => {
      this.#writing = undefined;
    });
    await this.#writing;
  }

  /** Cancels the scheduled write without writing (flush first to keep changes). */
  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #write(): Promise<void> {
    const text = storeProperties(this.#entries, COMMENT);
    const tmp = `${this.file}.${process.pid}.${++this.#tmpCounter}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(tmp, text, "latin1");
      await rename(tmp, this.file);
    } catch (err) {
      this.#dirty = true;
      this.#logger.warn({ err, file: this.file }, "could not write the registry cache file");
      await rm(tmp, { force: true }).catch(() => {});
    }
  }
}
