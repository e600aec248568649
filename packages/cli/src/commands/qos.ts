import { type Command, EXIT, parseCommandLine, UsageError } from "../command.js";
import { timeoutOption } from "./invoke.js";

const USAGE = `usage: dubbo-ts qos <host:port> <command> [args…] [--timeout <ms>]

Runs one QoS command on a Java Dubbo (or dubbo-ts) process over its QoS port's HTTP side, as
\`curl http://127.0.0.1:22222/ls\` does: ls, ps, online, offline, ready, live, startup, version,
help… Prints the answer; exits 0 on HTTP 200 and 1 otherwise (ready/live/startup answer 503 when
the process is not), so scripts and probes can use it.

options:
  --timeout <ms>        for the whole request (default 5000)
`;

/** `dubbo-ts qos <host:port> <command> [args]`: one QoS command over HTTP. */
export const qosCommand: Command = {
  name: "qos",
  summary: "run a QoS command (ls, online, offline, ready…) on a Dubbo process's QoS port",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, { timeout: { type: "string" } });
    const [address, command, ...rest] = positionals;
    if (!address || !/^[\w.-]+:\d+$/.test(address) || !command) {
      throw new UsageError(
        "give <host:port> of the QoS server and a command, e.g. 127.0.0.1:22222 ls",
      );
    }
    // Java's HttpCommandDecoder: GET /<command>?<arg>&<arg> (each query value an argument).
    const query = rest.length ? `?${rest.map((a) => encodeURIComponent(a)).join("&")}` : "";
    const url = `http://${address}/${encodeURIComponent(command)}${query}`;
    const timeoutMs = timeoutOption(values.timeout) ?? 5000;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      throw new Error(
        `cannot reach the QoS server at ${address} (${cause}); is qos enabled on that port?`,
      );
    }
    const body = await response.text();
    io.out(body.endsWith("\n") ? body : `${body}\n`);
    if (response.status !== 200) {
      io.err(`dubbo-ts qos: ${command} answered HTTP ${response.status}\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  },
};
