import { type ClientHttp2Session, connect, constants, type IncomingHttpHeaders } from "node:http2";

/** What a raw HTTP/2 request got back: response headers, trailers and body bytes. */
export interface RawResponse {
  headers: IncomingHttpHeaders;
  trailers: IncomingHttpHeaders;
  body: Buffer;
  /** RST_STREAM code when the server reset the stream. */
  rstCode: number;
}

/** A plain node:http2 session to a test server (h2c). */
export function rawSession(port: number): ClientHttp2Session {
  const session = connect(`http://127.0.0.1:${port}`);
  session.on("error", () => undefined);
  return session;
}

/** Sends one request with arbitrary headers and body bytes, as a hostile peer would. */
export function rawRequest(
  session: ClientHttp2Session,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<RawResponse> {
  return new Promise((resolve) => {
    const stream = session.request({
      ":method": "POST",
      "content-type": "application/grpc",
      te: "trailers",
      ...headers,
    });
    const out: RawResponse = { headers: {}, trailers: {}, body: Buffer.alloc(0), rstCode: 0 };
    const chunks: Buffer[] = [];
    stream.on("response", (h) => {
      out.headers = h;
    });
    stream.on("trailers", (t) => {
      out.trailers = t;
    });
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("error", () => undefined);
    stream.on("close", () => {
      out.body = Buffer.concat(chunks);
      out.rstCode = stream.rstCode ?? constants.NGHTTP2_NO_ERROR;
      resolve(out);
    });
    if (body) stream.end(body);
    else stream.end();
  });
}

/** The grpc-status of a response, from its trailers or its trailers-only headers. */
export function grpcStatus(r: RawResponse): number | undefined {
  const raw = r.trailers["grpc-status"] ?? r.headers["grpc-status"];
  return raw === undefined ? undefined : Number(raw);
}
