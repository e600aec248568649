// The raw-socket floor: what one TCP connection costs with no RPC framework at all. Frames are a
// 4-byte big-endian length plus an opaque body; the server answers every request frame with a
// prebuilt response frame in one `socket.write` (no serialization, no cork/uncork batching), and
// the client writes one frame per call and matches answers in order (FIFO, no ids).
//
// Body sizes follow the Dubbo frames of each scenario (16-byte header + hessian2 body, sizes from
// lib/frame-sizes.mjs), so the floor moves as many bytes as a Dubbo implementation does.
import net from "node:net";
import { FRAME_SIZES } from "../lib/frame-sizes.mjs";
import { SCENARIO_NAMES } from "../lib/payloads.mjs";

const SCENARIO_IDS = Object.fromEntries(SCENARIO_NAMES.map((n, i) => [n, i]));

function frame(size, scenarioId) {
  const buf = Buffer.alloc(4 + size, 0x61);
  buf.writeUInt32BE(size, 0);
  buf[4] = scenarioId;
  return buf;
}

/** Calls `onFrame(body)` for every complete frame; keeps a chunk list (no quadratic concat). */
function frameReader(onFrame) {
  let chunks = [];
  let buffered = 0;
  return (chunk) => {
    chunks.push(chunk);
    buffered += chunk.length;
    while (buffered >= 4) {
      let head = chunks[0];
      if (head.length < 4) {
        head = Buffer.concat(chunks);
        chunks = [head];
      }
      const size = head.readUInt32BE(0);
      if (buffered < 4 + size) return;
      if (head.length < 4 + size) {
        head = Buffer.concat(chunks);
        chunks = [head];
      }
      onFrame(head.subarray(4, 4 + size));
      const rest = head.subarray(4 + size);
      chunks[0] = rest;
      if (rest.length === 0) chunks.shift();
      buffered -= 4 + size;
    }
  };
}

export default {
  name: "floor",
  label: "raw socket floor",

  async startServer({ host }) {
    const responses = SCENARIO_NAMES.map((n, i) => frame(FRAME_SIZES[n].response, i));
    const sockets = new Set();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
      socket.on(
        "data",
        frameReader((body) => {
          socket.write(responses[body[0]]);
        }),
      );
    });
    await new Promise((resolve) => server.listen(0, host, resolve));
    return {
      port: server.address().port,
      close: async () => {
        for (const s of sockets) s.destroy();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  },

  async startClient({ host, port }) {
    const socket = net.connect(port, host);
    socket.setNoDelay(true);
    await new Promise((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const waiting = [];
    let head = 0;
    socket.on(
      "data",
      frameReader((body) => {
        const w = waiting[head];
        waiting[head++] = undefined;
        if (head > 4096 && head * 2 > waiting.length) {
          waiting.splice(0, head);
          head = 0;
        }
        w.resolve(body);
      }),
    );
    socket.on("error", (err) => {
      for (let i = head; i < waiting.length; i++) waiting[i]?.reject(err);
    });
    const requests = Object.fromEntries(
      SCENARIO_NAMES.map((n) => [n, frame(FRAME_SIZES[n].request, SCENARIO_IDS[n])]),
    );
    const call = (name) => () =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        socket.write(requests[name]);
      });
    const calls = Object.fromEntries(SCENARIO_NAMES.map((n) => [n, call(n)]));
    // No values to check: the floor answers with bytes. The check is the response size.
    const check = Object.fromEntries(
      SCENARIO_NAMES.map((n) => [n, (body) => body.length === FRAME_SIZES[n].response]),
    );
    return {
      calls,
      check,
      close: async () => {
        socket.destroy();
      },
    };
  },
};
