package com.jd.interop.frames;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.jd.interop.BrandException;
import com.jd.interop.support.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one golden frame as {@code <dubbo-version>-<name>.bin} plus the {@code .json} that
 * describes it (format: packages/protocol/test/fixtures/golden/README.md). The description is read
 * back from the bytes with hessian-lite's Hessian2Input (present, shaded or not, in every Dubbo
 * line), and, when an expected value is given, checked against it. Compiled into each version
 * module; needs no Dubbo API.
 */
public final class FrameWriter {
    /** Marker: do not compare the decoded frame with an expected value (captured frames). */
    public static final Object NO_CHECK = new Object();

    private final Path out;
    private final String version;
    private final String producer;
    private final List<String> written = new ArrayList<>();

    public FrameWriter(Path out, String version, String producer) throws IOException {
        this.out = out;
        this.version = version;
        this.producer = producer;
        Files.createDirectories(out);
    }

    /** Base names written so far. */
    public List<String> written() {
        return written;
    }

    /**
     * Writes {@code bytes} as {@code <version>-<name>}. {@code types}: a request's parameter types or
     * a response's return type; {@code requestVersion}: the dubbo version a response answered, if known.
     */
    public String write(String name, String note, byte[] bytes, Object expected, String[] types, String requestVersion)
            throws IOException {
        String json = describe(name, note, bytes, expected, types, requestVersion);
        String base = version + "-" + name;
        Files.write(out.resolve(base + ".bin"), bytes);
        Files.write(out.resolve(base + ".json"), (json + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        written.add(base);
        return base;
    }

    /** Writes a frame that was captured, not encoded here. */
    public String writeCaptured(String name, String note, byte[] bytes, String... types) throws IOException {
        return write(name, note, bytes, NO_CHECK, types, null);
    }

    private String describe(String name, String note, byte[] b, Object expected, String[] types, String requestVersion)
            throws IOException {
        if ((b[0] & 0xff) != 0xda || (b[1] & 0xff) != 0xbb) throw new IllegalStateException(name + ": bad magic");
        int flag = b[2] & 0xff;
        boolean isRequest = (flag & 0x80) != 0;
        boolean event = (flag & 0x20) != 0;
        int status = b[3] & 0xff;
        long id = java.nio.ByteBuffer.wrap(b, 4, 8).getLong();
        int bodyLength = java.nio.ByteBuffer.wrap(b, 12, 4).getInt();
        if (bodyLength != b.length - 16) throw new IllegalStateException(name + ": body length " + bodyLength + " != " + (b.length - 16));
        String header = Json.object(
                "magic", "0xdabb",
                "flag", flag,
                "request", isRequest,
                "twoWay", (flag & 0x40) != 0,
                "event", event,
                "serializationId", flag & 0x1f,
                "status", status,
                "id", Long.toString(id),
                "bodyLength", bodyLength);

        Hessian2Input in = new Hessian2Input(new ByteArrayInputStream(b, 16, bodyLength));
        String kind;
        String sectionName;
        String section;
        Object actual;
        if (event) {
            Object data = in.readObject();
            kind = data == null ? (isRequest ? "heartbeat-request" : "heartbeat-response") : (isRequest ? "event-request" : "event-response");
            sectionName = "event";
            section = Json.object("data", data);
            actual = data;
        } else if (isRequest) {
            kind = "request";
            sectionName = "request";
            String dubboVersion = in.readString();
            String path = in.readString();
            String serviceVersion = in.readString();
            String method = in.readString();
            String descriptor = in.readString();
            int n = countParameters(descriptor);
            if (n != types.length) throw new IllegalStateException(name + ": " + n + " parameters in " + descriptor);
            Object[] args = new Object[n];
            for (int i = 0; i < n; i++) args[i] = in.readObject();
            Object attachments = in.readObject();
            section = Json.object(
                    "dubboVersion", dubboVersion,
                    "path", path,
                    "version", serviceVersion,
                    "method", method,
                    "descriptor", descriptor,
                    "parameterTypes", types,
                    "args", new Json.Raw(Json.writeWithClass(args)),
                    "attachments", new Json.Raw(Json.writeWithClass(attachments)));
            actual = args;
        } else if (status != 20) {
            kind = "error-response";
            sectionName = "error";
            String message = in.readString();
            section = Json.object("message", message);
            actual = message;
        } else {
            kind = "response";
            sectionName = "response";
            int resultFlag = in.readInt();
            Object value = Json.SKIP;
            Object exception = Json.SKIP;
            Object attachments = Json.SKIP;
            actual = null;
            if (resultFlag == 0 || resultFlag == 3) {
                Throwable t = (Throwable) in.readObject();
                exception = new Json.Raw(Json.object(
                        "class", t.getClass().getName(),
                        "message", t.getMessage(),
                        "code", t instanceof BrandException ? ((BrandException) t).getCode() : Json.SKIP));
                actual = t;
            } else if (resultFlag == 1 || resultFlag == 4) {
                actual = in.readObject();
                value = new Json.Raw(Json.writeWithClass(actual));
            }
            if (resultFlag >= 3) attachments = new Json.Raw(Json.writeWithClass(in.readObject()));
            section = Json.object(
                    "flag", resultFlag,
                    "returnType", types.length > 0 ? types[0] : Json.SKIP,
                    "requestDubboVersion", requestVersion == null ? Json.SKIP : requestVersion,
                    "value", value,
                    "exception", exception,
                    "attachments", attachments);
        }
        if (expected != NO_CHECK) check(name, expected, actual);
        return Json.object(
                "name", name,
                "dubbo", version,
                "producer", producer,
                "note", note,
                "kind", kind,
                "length", b.length,
                "header", new Json.Raw(header),
                sectionName, new Json.Raw(section));
    }

    private static void check(String name, Object expected, Object actual) {
        String e;
        String a;
        if (expected instanceof Throwable) {
            e = expected.getClass().getName() + ": " + ((Throwable) expected).getMessage();
            a = actual == null ? "null" : actual.getClass().getName() + ": " + ((Throwable) actual).getMessage();
        } else {
            e = Json.writeWithClass(expected);
            a = Json.writeWithClass(actual);
        }
        if (!e.equals(a)) throw new IllegalStateException(name + ": decoded " + a + " but encoded " + e);
    }

    /** Counts the parameters in a JVM descriptor such as {@code Ljava/lang/String;[IJ}. */
    public static int countParameters(String desc) {
        int n = 0;
        for (int i = 0; i < desc.length(); i++) {
            char c = desc.charAt(i);
            while (c == '[') c = desc.charAt(++i);
            if (c == 'L') i = desc.indexOf(';', i);
            n++;
        }
        return n;
    }
}
