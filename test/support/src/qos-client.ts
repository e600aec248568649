import net from "node:net";

/** A raw TCP client (telnet-like, for QoS and the dubbo port): send text, wait for matching text. */
export interface RawSocketClient {
  readonly received: () => string;
  send(data: string | Buffer): void;
  /** Resolves with everything received once `until` matches it (rejects after `timeoutMs`). */
  waitFor(until: RegExp | string, timeoutMs?: number): Promise<string>;
  /** Resolves once the server closed the connection. */
  closed(): Promise<void>;
  close(): void;
}

export function connectRaw(port: number, host = "127.0.0.1"): Promise<RawSocketClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    let text = "";
    let waiters: (() => void)[] = [];
    const ended = new Promise<void>((r) => socket.once("close", () => r()));
    socket.on("data", (d) => {
      text += d.toString("utf8");
      for (const w of waiters) w();
    });
    socket.once("error", reject);
    socket.once("connect", () =>
      resolve({
        received: () => text,
        send: (d) => socket.write(d),
        waitFor(until, timeoutMs = 20_000) {
          const ok = () => (typeof until === "string" ? text.includes(until) : until.test(text));
          if (ok()) return Promise.resolve(text);
          return new Promise((res, rej) => {
            const timer = setTimeout(
              () =>
                rej(new Error(`timed out waiting for ${until}; received: ${JSON.stringify(text)}`)),
              timeoutMs,
            );
            const check = () => {
              if (!ok()) return;
              clearTimeout(timer);
              waiters = waiters.filter((w) => w !== check);
              res(text);
            };
            waiters.push(check);
          });
        },
        closed: () => ended,
        close: () => socket.destroy(),
      }),
    );
  });
}

/** One HTTP request to the QoS port (node:http, no keep-alive): status and body text. */
export async function httpGet(
  port: number,
  path: string,
  init: { method?: string; body?: string } = {},
): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: init.method ?? "GET",
    ...(init.body !== undefined
      ? { body: init.body, headers: { "content-type": "application/x-www-form-urlencoded" } }
      : {}),
  });
  return { status: res.status, body: await res.text(), type: res.headers.get("content-type") };
}
