import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readHeader } from "./header.js";
import { hessian2Serialization } from "./hessian/hessian2-serialization.js";
import { PayloadError } from "./payload.js";
import { decodeRequestHead, decodeRequestRest, encodeRequest } from "./request-codec.js";

const DEMO = "org.apache.dubbo.demo.DemoService";

/** docs/wire-format.md: sayHello("world"), id 1, timeout 3000, as Java writes it. */
const SAY_HELLO_FRAME = readFileSync(
  new URL("../test/fixtures/golden/doc-req-sayHello.bin", import.meta.url),
);

describe("request codec", () => {
  it("encodes the documented sayHello request byte for byte, attachments in HashMap order", () => {
    const frame = encodeRequest(
      {
        dubboVersion: "2.0.2",
        serviceName: DEMO,
        version: "0.0.0",
        methodName: "sayHello",
        parameterTypes: ["java.lang.String"],
        args: ["world"],
        // Insertion order differs from the wire order on purpose: HashMap order decides.
        attachments: { timeout: "3000", version: "0.0.0", interface: DEMO, path: DEMO },
      },
      { id: 1n, twoWay: true, serialization: hessian2Serialization, maxPayload: 8 << 20 },
    );
    expect(frame.length).toBe(16 + 195);
    expect(frame.toString("hex")).toBe(SAY_HELLO_FRAME.toString("hex"));
  });

  it("writes fixed attachments from cached bytes: Java's bytes when there are no others", () => {
    const fixed = Object.freeze({ path: DEMO, interface: DEMO, version: "0.0.0", timeout: "3000" });
    const data = {
      dubboVersion: "2.0.2",
      serviceName: DEMO,
      version: "0.0.0",
      methodName: "sayHello",
      parameterTypes: ["java.lang.String"],
      args: ["world"],
      attachments: {},
      fixedAttachments: fixed,
    };
    const options = { id: 1n, twoWay: true, serialization: hessian2Serialization, maxPayload: 0 };
    for (let i = 0; i < 2; i++) {
      // The second time the entries come from the cache.
      expect(encodeRequest(data, options).toString("hex")).toBe(SAY_HELLO_FRAME.toString("hex"));
    }
  });

  it("adds the caller's attachments after the fixed ones, which win on the same key", () => {
    const shared = { n: 1 };
    const fresh = { m: 2 };
    const frame = encodeRequest(
      {
        dubboVersion: "2.0.2",
        serviceName: DEMO,
        version: "0.0.0",
        methodName: "sayHello",
        parameterTypes: ["java.util.List<java.lang.Object>"],
        args: [[shared]],
        attachments: { traceId: "t-1", timeout: "5", a: shared, b: fresh, c: fresh },
        fixedAttachments: Object.freeze({ path: DEMO, timeout: "3000" }),
      },
      { id: 2n, twoWay: true, serialization: hessian2Serialization, maxPayload: 0 },
    );
    const head = decodeRequestHead(frame.subarray(16), hessian2Serialization);
    const rest = decodeRequestRest(head, ["java.util.List<java.lang.Object>"]);
    const arg = (rest.args[0] as unknown[])[0];
    // References resolve across the body, and the attachments map takes its own reference number
    // (else c, a reference to b, would point at the map).
    expect(rest.attachments.a).toBe(arg);
    expect({ ...(rest.attachments.b as object) }).toEqual({ m: 2 });
    expect(rest.attachments.c).toBe(rest.attachments.b);
    expect(Object.keys(rest.attachments)).toEqual(["path", "timeout", "traceId", "a", "b", "c"]);
    expect(rest.attachments).toMatchObject({ path: DEMO, timeout: "3000", traceId: "t-1" });
  });

  it("decodes the head first, then arguments and attachments by the declared types", () => {
    const header = readHeader(SAY_HELLO_FRAME);
    expect(header).toMatchObject({
      request: true,
      twoWay: true,
      event: false,
      serializationId: 2,
      id: 1n,
    });
    const head = decodeRequestHead(SAY_HELLO_FRAME.subarray(16), hessian2Serialization);
    expect(head).toMatchObject({
      dubboVersion: "2.0.2",
      path: DEMO,
      version: "0.0.0",
      methodName: "sayHello",
      descriptor: "Ljava/lang/String;",
    });
    const rest = decodeRequestRest(head, ["java.lang.String"]);
    expect(rest.args).toEqual(["world"]);
    expect({ ...rest.attachments }).toEqual({
      path: DEMO,
      interface: DEMO,
      version: "0.0.0",
      timeout: "3000",
    });
    expect(Object.getPrototypeOf(rest.attachments)).toBeNull();
  });

  it("writes the JVM descriptor of every declared parameter", () => {
    const frame = encodeRequest(
      {
        dubboVersion: "2.0.2",
        serviceName: "a.B",
        version: "0.0.0",
        methodName: "m",
        parameterTypes: ["int", "java.lang.Long", "long[]", "java.util.List<java.lang.String>"],
        args: [1, 2, [3], ["x"]],
        attachments: {},
      },
      { id: 7n, twoWay: true, serialization: hessian2Serialization, maxPayload: 0 },
    );
    const head = decodeRequestHead(frame.subarray(16), hessian2Serialization);
    expect(head.descriptor).toBe("ILjava/lang/Long;[JLjava/util/List;");
    expect(
      decodeRequestRest(head, ["int", "java.lang.Long", "long[]", "java.util.List"]).args,
    ).toEqual([1, 2, [3], ["x"]]);
  });

  it("fails locally over the payload limit with Java's message", () => {
    expect(() =>
      encodeRequest(
        {
          dubboVersion: "2.0.2",
          serviceName: "a.B",
          version: "0.0.0",
          methodName: "m",
          parameterTypes: ["java.lang.String"],
          args: ["x".repeat(2000)],
          attachments: {},
        },
        { id: 1n, twoWay: true, serialization: hessian2Serialization, maxPayload: 1000 },
      ),
    ).toThrow(PayloadError);
  });

  it("rejects a value that does not fit its declared type", () => {
    expect(() =>
      encodeRequest(
        {
          dubboVersion: "2.0.2",
          serviceName: "a.B",
          version: "0.0.0",
          methodName: "m",
          parameterTypes: ["int"],
          args: [1.5],
          attachments: {},
        },
        { id: 1n, twoWay: true, serialization: hessian2Serialization, maxPayload: 0 },
      ),
    ).toThrow(/argument 0 of m: expected an integer/);
  });

  it("decodes a Dubbox 2.8 request (an int -1 before the descriptor) to the same head and call", () => {
    const body = SAY_HELLO_FRAME.subarray(16);
    const method = Buffer.from("\x08sayHello", "latin1");
    const at = body.indexOf(method) + method.length;
    // Dubbox DubboCodec: version "2.8.4", then out.writeInt(-1) (hessian 0x8f) after the method name.
    const dubbox = Buffer.concat([body.subarray(0, at), Buffer.from([0x8f]), body.subarray(at)]);
    dubbox.write("2.8.4", dubbox.indexOf("2.0.2", 0, "latin1"), "latin1");
    const apache = decodeRequestHead(body, hessian2Serialization);
    const head = decodeRequestHead(dubbox, hessian2Serialization);
    expect(head.dubboVersion).toBe("2.8.4");
    const { input: _a, dubboVersion: _av, ...apacheHead } = apache;
    const { input: _d, dubboVersion: _dv, ...dubboxHead } = head;
    expect(dubboxHead).toEqual(apacheHead);
    expect(decodeRequestRest(head, ["java.lang.String"])).toEqual(
      decodeRequestRest(apache, ["java.lang.String"]),
    );
  });

  it("refuses a Dubbox request with an argument count instead of a descriptor", () => {
    const body = SAY_HELLO_FRAME.subarray(16);
    const method = Buffer.from("\x08sayHello", "latin1");
    const at = body.indexOf(method) + method.length;
    const optimized = Buffer.concat([body.subarray(0, at), Buffer.from([0x91]), body.subarray(at)]);
    expect(() => decodeRequestHead(optimized, hessian2Serialization)).toThrow(
      /Dubbox request with 1 arguments and no parameter descriptor/,
    );
  });
});
