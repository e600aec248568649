import protobuf from "protobufjs";

/** The four shapes of a protobuf rpc. */
export type MethodKind = "unary" | "server-streaming" | "client-streaming" | "bidi-streaming";

/** One rpc of a `.proto` service, with its codec (protobufjs message types). */
export interface IdlMethod {
  /** As in the `.proto` (`Greet`). */
  readonly name: string;
  /** `/<package.Service>/<Method>`, the HTTP/2 path. */
  readonly path: string;
  readonly kind: MethodKind;
  /** Plain object → protobuf bytes (protobufjs `fromObject`: enum names, long strings accepted). */
  encodeRequest(value: unknown): Uint8Array;
  decodeRequest(bytes: Uint8Array): Record<string, unknown>;
  encodeResponse(value: unknown): Uint8Array;
  decodeResponse(bytes: Uint8Array): Record<string, unknown>;
}

/** A `.proto` service: its full name (`greet.GreeterService`) and rpcs. */
export interface IdlService {
  readonly name: string;
  readonly methods: readonly IdlMethod[];
}

/**
 * How decoded messages become plain objects (protobufjs `IConversionOptions`). Default: int64 as
 * decimal strings (no precision loss), enums as names, bytes as Buffer, unset fields with their
 * defaults, and which oneof member is set in a virtual field.
 */
export const DEFAULT_OBJECT_OPTIONS: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
};

/**
 * Loads `.proto` files at run time (protobufjs `load`), resolving imports relative to each
 * file. `keepCase` keeps field names as written (`user_name`); by default they are lowerCamelCase
 * (`userName`), as protobufjs and @grpc/proto-loader do.
 */
export async function loadProto(
  files: string | readonly string[],
  options: { keepCase?: boolean } = {},
): Promise<protobuf.Root> {
  const root = new protobuf.Root();
  await root.load([...(typeof files === "string" ? [files] : files)], {
    keepCase: options.keepCase ?? false,
  });
  root.resolveAll();
  return root;
}

function kindOf(method: protobuf.Method): MethodKind {
  if (method.requestStream) return method.responseStream ? "bidi-streaming" : "client-streaming";
  return method.responseStream ? "server-streaming" : "unary";
}

function codec(type: protobuf.Type, objectOptions: protobuf.IConversionOptions) {
  return {
    encode: (value: unknown) =>
      type.encode(type.fromObject((value ?? {}) as Record<string, unknown>)).finish(),
    decode: (bytes: Uint8Array) =>
      type.toObject(type.decode(bytes), objectOptions) as Record<string, unknown>,
  };
}

/**
 * Describes a protobufjs service (from `loadProto(...).lookupService("greet.GreeterService")`) for
 * the server and client: paths, shapes and codecs of its rpcs.
 */
export function describeService(
  service: protobuf.Service,
  objectOptions: protobuf.IConversionOptions = DEFAULT_OBJECT_OPTIONS,
): IdlService {
  service.resolveAll();
  const name = service.fullName.replace(/^\./, "");
  const methods = service.methodsArray.map((m): IdlMethod => {
    const request = codec(m.resolvedRequestType!, objectOptions);
    const response = codec(m.resolvedResponseType!, objectOptions);
    return {
      name: m.name,
      path: `/${name}/${m.name}`,
      kind: kindOf(m),
      encodeRequest: request.encode,
      decodeRequest: request.decode,
      encodeResponse: response.encode,
      decodeResponse: response.decode,
    };
  });
  return { name, methods };
}

/** `Greet` → `greet`: implementations and clients accept both spellings, as grpc-js does. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
