import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { Code, RpcError } from "@dubbo-ts/core/spi";

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/** The encodings this implementation reads and writes (`grpc-encoding`, `grpc-accept-encoding`). */
export const ACCEPT_ENCODING = "identity,gzip";

/** True for an encoding we can decode (`identity` or absent, `gzip`). */
export function isSupportedEncoding(encoding: string | undefined): boolean {
  return encoding === undefined || encoding === "identity" || encoding === "gzip";
}

/**
 * Inflates a gzip message, refusing to produce more than `limit` bytes: zlib stops at
 * `maxOutputLength`, so a gzip bomb costs at most `limit` bytes of memory (CVE-style
 * decompression bombs, grpc-go `maxRecvMsgSize` applies after decompression too). Over the limit
 * is `LimitExceeded`; corrupt data is `Serialization`.
 */
export async function decompress(data: Buffer, limit: number): Promise<Buffer> {
  try {
    return await gunzipAsync(data, { maxOutputLength: limit });
  } catch (error) {
    if (
      (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ||
      error instanceof RangeError
    ) {
      throw new RpcError(
        Code.LimitExceeded,
        `gzip message inflates beyond the limit of ${limit} bytes (maxMessageSize)`,
        { cause: error },
      );
    }
    throw new RpcError(Code.Serialization, `bad gzip message: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Deflates a message with gzip (the only compression we send). */
export function compress(data: Uint8Array): Promise<Buffer> {
  return gzipAsync(data);
}
