import protobuf from "protobufjs";

/**
 * The envelopes of non-IDL (Java interface) calls over Triple, from Java Dubbo's
 * `dubbo-rpc-triple/src/main/proto/triple_wrapper.proto` (package `org.apache.dubbo.triple`).
 * `serializeType` is `"hessian4"` on the wire for Dubbo's hessian2
 * (ReflectionPackableMethod.convertHessianToWrapper); each argument is its own hessian2 stream.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    org: {
      nested: {
        apache: {
          nested: {
            dubbo: {
              nested: {
                triple: {
                  nested: {
                    TripleRequestWrapper: {
                      fields: {
                        serializeType: { type: "string", id: 1 },
                        args: { rule: "repeated", type: "bytes", id: 2 },
                        argTypes: { rule: "repeated", type: "string", id: 3 },
                      },
                    },
                    TripleResponseWrapper: {
                      fields: {
                        serializeType: { type: "string", id: 1 },
                        data: { type: "bytes", id: 2 },
                        type: { type: "string", id: 3 },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
});

const RequestType = root.lookupType("org.apache.dubbo.triple.TripleRequestWrapper");
const ResponseType = root.lookupType("org.apache.dubbo.triple.TripleResponseWrapper");

/** `serializeType` Java writes for hessian2. */
export const HESSIAN4 = "hessian4";

export interface RequestWrapper {
  readonly serializeType: string;
  readonly args: readonly Uint8Array[];
  /** `Class.getName()` of each declared parameter type (`java.lang.String`, `[I`). */
  readonly argTypes: readonly string[];
}

export interface ResponseWrapper {
  readonly serializeType: string;
  readonly data: Uint8Array;
  /** `Class.getName()` of the method's return type. */
  readonly type: string;
}

export function encodeRequestWrapper(w: RequestWrapper): Uint8Array {
  return RequestType.encode(
    RequestType.create({
      serializeType: w.serializeType,
      args: [...w.args],
      argTypes: [...w.argTypes],
    }),
  ).finish();
}

export function decodeRequestWrapper(bytes: Uint8Array): RequestWrapper {
  const m = RequestType.decode(bytes) as unknown as {
    serializeType?: string;
    args?: Uint8Array[];
    argTypes?: string[];
  };
  return { serializeType: m.serializeType ?? "", args: m.args ?? [], argTypes: m.argTypes ?? [] };
}

export function encodeResponseWrapper(w: ResponseWrapper): Uint8Array {
  return ResponseType.encode(
    ResponseType.create({ serializeType: w.serializeType, data: w.data, type: w.type }),
  ).finish();
}

export function decodeResponseWrapper(bytes: Uint8Array): ResponseWrapper {
  const m = ResponseType.decode(bytes) as unknown as {
    serializeType?: string;
    data?: Uint8Array;
    type?: string;
  };
  return {
    serializeType: m.serializeType ?? "",
    data: m.data ?? new Uint8Array(0),
    type: m.type ?? "",
  };
}
