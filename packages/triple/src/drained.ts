import type { Duplex } from "node:stream";

/**
 * Resolves when `stream` (an HTTP/2 stream whose `write` returned false) can take more, or has
 * closed: HTTP/2 flow control is left to node:http2, senders of streamed messages only wait here.
 */
export function drained(stream: Duplex): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}
