import { STATUS_CODES } from "node:http";
import type net from "node:net";
import type { CommandExecutor } from "./command-executor.js";

/** HttpObjectAggregator(1048576) in Java's HTTP pipeline: a bigger request is refused. */
const MAX_REQUEST = 1024 * 1024;

/** A parsed request: the command name and arguments, or undefined for Java's 404. */
export function decodeHttpCommand(
  method: string,
  target: string,
  body: string,
): { name: string; args: string[] } | undefined {
  const url = new URL(target, "http://qos");
  // HttpCommandDecoder: "/ls" → ls; "/online/com.x.Svc" → online with one argument.
  const parts = url.pathname.split("/");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  const name = decodeURIComponent(parts[1] ?? "");
  if (parts.length === 2 && name !== "") {
    if (method === "GET") return { name, args: [...url.searchParams.values()] };
    if (method === "POST") return { name, args: [...new URLSearchParams(body).values()] };
  } else if (parts.length === 3 && method === "GET" && name !== "") {
    return { name, args: [decodeURIComponent(parts[2]!)] };
  }
  return undefined;
}

function respond(socket: net.Socket, code: number, body = ""): void {
  const payload = Buffer.from(body, "utf8");
  socket.end(
    Buffer.concat([
      Buffer.from(
        `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ""}\r\ncontent-type: text/plain\r\ncontent-length: ${payload.length}\r\nconnection: close\r\n\r\n`,
      ),
      payload,
    ]),
  );
}

/**
 * One HTTP exchange (HttpProcessHandler): `GET /<command>[?args]`, `GET /<command>/<arg>` or
 * `POST /<command>` with a form body; 200 (or the command's code, e.g. 503 from `ready`) with
 * the text, 404 for an unknown command or path, 403 when the caller's level is too low, 500
 * with the message when the command fails; then the connection closes, as Java's does.
 */
export function serveHttp(
  socket: net.Socket,
  executor: CommandExecutor,
  address: string,
  first: Buffer,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let handled = false;
  const onData = (chunk: Buffer) => {
    if (handled) return;
    chunks.push(chunk);
    size += chunk.length;
    const all = Buffer.concat(chunks);
    const headEnd = all.indexOf("\r\n\r\n");
    if (headEnd < 0) {
      if (size > MAX_REQUEST) {
        handled = true;
        respond(socket, 413);
      }
      return;
    }
    const head = all.subarray(0, headEnd).toString("latin1").split("\r\n");
    const [method = "", target = "/"] = head[0]!.split(" ");
    const lengthHeader = head.find((h) => /^content-length:/i.test(h));
    const length = lengthHeader ? Number(lengthHeader.slice(lengthHeader.indexOf(":") + 1)) : 0;
    if (!Number.isSafeInteger(length) || length < 0 || length > MAX_REQUEST) {
      handled = true;
      respond(socket, 413);
      return;
    }
    if (all.length < headEnd + 4 + length) return;
    handled = true;
    const body = all.subarray(headEnd + 4, headEnd + 4 + length).toString("utf8");
    let command: { name: string; args: string[] } | undefined;
    try {
      command = decodeHttpCommand(method, target, body);
    } catch {
      command = undefined;
    }
    if (!command) {
      respond(socket, 404);
      return;
    }
    executor.execute(command.name, command.args, { address, http: true }).then((result) => {
      if (result.kind === "done") respond(socket, result.httpCode, result.text);
      else if (result.kind === "no-such-command") respond(socket, 404);
      else if (result.kind === "permission-denied") respond(socket, 403);
      else respond(socket, 500, result.message);
    });
  };
  socket.on("data", onData);
  onData(first);
}
