package com.jd.interop.dubbo;

import com.jd.interop.TypeMatrixService;
import com.jd.interop.support.BrandServiceImpl;
import com.jd.interop.support.Json;
import com.jd.interop.support.Lifecycle;
import com.jd.interop.support.Settings;
import com.jd.interop.support.TypeMatrixServiceImpl;
import com.jd.sellergoods.service.BrandService;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.rpc.service.GenericService;

/**
 * Captures the bytes of real calls: a provider and a consumer of this Dubbo version in one JVM,
 * the consumer pointed straight at a TCP relay in front of the provider ({@code url=dubbo://…},
 * no registry). Everything that crosses the relay is split into frames and written like
 * GoldenMain's fixtures, as {@code <version>-captured-<label>-request|response}: the attachments,
 * request ids and heartbeat/"R" events are exactly what Java sends on its own.
 *
 * <pre>--out packages/protocol/test/fixtures/golden</pre>
 */
public final class CaptureMain {
    private CaptureMain() {}

    public static void main(String[] argv) throws Exception {
        Lifecycle.quietLogging();
        Lifecycle.loopbackOnly();
        Settings s = new Settings(argv);
        Path out = Paths.get(s.get("out", null, "../../packages/protocol/test/fixtures/golden"));
        Files.createDirectories(out);
        VersionHooks hooks = new VersionHooks();

        int providerPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            providerPort = probe.getLocalPort();
        }
        Relay relay = new Relay(providerPort);

        ApplicationConfig application = new ApplicationConfig("interop-capture");
        application.setQosEnable(false);
        application.setLogger("slf4j");
        ProtocolConfig protocol = new ProtocolConfig("dubbo", providerPort);
        protocol.setHost("127.0.0.1");
        DubboBootstrap bootstrap = DubboBootstrap.getInstance()
                .application(application)
                .registry(new RegistryConfig("N/A"))
                .protocol(protocol);
        ServiceConfig<TypeMatrixService> matrix = new ServiceConfig<>();
        matrix.setId("TypeMatrixService");
        matrix.setInterface(TypeMatrixService.class);
        matrix.setRef(new TypeMatrixServiceImpl(hooks));
        matrix.setVersion("1.0.0");
        ServiceConfig<BrandService> brand = new ServiceConfig<>();
        brand.setId("BrandService");
        brand.setInterface(BrandService.class);
        brand.setRef(new BrandServiceImpl());
        brand.setVersion("1.0.0");
        String url = "dubbo://127.0.0.1:" + relay.port() + "/";
        Map<String, String> heartbeat = new HashMap<>();
        heartbeat.put("heartbeat", "1000"); // the client sends a heartbeat after 1 s without reads
        ReferenceConfig<TypeMatrixService> ref = new ReferenceConfig<>();
        ref.setId("capturedMatrix");
        ref.setInterface(TypeMatrixService.class);
        ref.setUrl(url + TypeMatrixService.class.getName());
        ref.setVersion("1.0.0");
        ref.setTimeout(5000);
        ref.setRetries(0);
        ref.setParameters(heartbeat);
        ReferenceConfig<GenericService> generic = new ReferenceConfig<>();
        generic.setId("capturedGeneric");
        generic.setInterface(TypeMatrixService.class.getName());
        generic.setGeneric("true");
        generic.setUrl(url + TypeMatrixService.class.getName());
        generic.setVersion("1.0.0");
        generic.setTimeout(5000);
        generic.setRetries(0);
        generic.setParameters(heartbeat);
        ReferenceConfig<BrandService> wrong = new ReferenceConfig<>();
        wrong.setId("capturedWrongVersion");
        wrong.setInterface(BrandService.class);
        wrong.setUrl(url + BrandService.class.getName());
        wrong.setVersion("9.9.9"); // not exported: the provider answers status 70
        wrong.setTimeout(5000);
        wrong.setRetries(0);
        wrong.setParameters(heartbeat);
        bootstrap.service(matrix).service(brand).reference(ref).reference(generic).reference(wrong).start();

        // label, parameter types, return type — in call order (one connection, calls in sequence).
        List<String[]> calls = new ArrayList<>();
        TypeMatrixService m = ref.get();
        m.echoString("héllo 😀");
        calls.add(new String[] {"echoString", "java.lang.String", "java.lang.String"});
        m.echoLong(Long.MAX_VALUE);
        calls.add(new String[] {"echoLong", "long", "long"});
        m.makePage(2, 5);
        calls.add(new String[] {"makePage", "int,int", "com.jd.interop.Page<com.jd.pojo.TbBrand>"});
        m.returnNull();
        calls.add(new String[] {"returnNull", "", "java.lang.String"});
        try {
            m.fail("brand 42 is broken ✗", 42);
        } catch (Exception expected) {
            // flag 3 on the wire
        }
        calls.add(new String[] {"fail", "java.lang.String,int", "void"});
        hooks.setNextCallAttachment("interop.token", "token-ü");
        m.echoAttachment("interop.token");
        calls.add(new String[] {"echoAttachment", "java.lang.String", "java.lang.String"});
        hooks.echo(m, "ping");
        calls.add(new String[] {"echo", "java.lang.Object", "java.lang.Object"});
        generic.get().$invoke("add", new String[] {"int", "int"}, new Object[] {40, 2});
        calls.add(new String[] {"generic", "java.lang.String,java.lang.String[],java.lang.Object[]", "java.lang.Object"});
        try {
            wrong.get().findOne(1L);
        } catch (RuntimeException expected) {
            // status 70
        }
        calls.add(new String[] {"wrongVersion", "java.lang.Long", "com.jd.pojo.TbBrand"});
        Thread.sleep(2500); // let the idle client send a heartbeat
        System.setProperty("dubbo.service.shutdown.wait", "1000");
        bootstrap.stop(); // the server sends "R" to the still-connected client while closing
        Thread.sleep(500);
        relay.close();

        List<String> written = new ArrayList<>();
        GoldenMain writer = GoldenMain.writer(out, "captured from a real " + hooks.version() + " consumer -> provider call through a TCP relay (interop/java CaptureMain)");
        Map<Long, String[]> byId = new HashMap<>();
        int next = 0;
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (byte[] frame : Relay.frames(relay.toProvider())) {
            int flag = frame[2] & 0xff;
            long id = ByteBuffer.wrap(frame, 4, 8).getLong();
            if ((flag & 0x20) != 0) {
                if (seen.putIfAbsent("heartbeat-request", true) == null) {
                    written.add(writer.writeCaptured("captured-heartbeat-request", "heartbeat request sent by the idle Java client", frame));
                }
                continue;
            }
            String[] call = calls.get(next++);
            byId.put(id, call);
            String[] types = call[1].isEmpty() ? new String[0] : call[1].split(",");
            written.add(writer.writeCaptured("captured-" + call[0] + "-request", "request of " + call[0], frame, types));
        }
        for (byte[] frame : Relay.frames(relay.toConsumer())) {
            int flag = frame[2] & 0xff;
            long id = ByteBuffer.wrap(frame, 4, 8).getLong();
            if ((flag & 0x80) != 0 && (flag & 0x20) != 0) {
                if (seen.putIfAbsent("event", true) == null) {
                    written.add(writer.writeCaptured("captured-event-readonly", "read-only event the provider sends while shutting down", frame));
                }
                continue;
            }
            if ((flag & 0x20) != 0) {
                if (seen.putIfAbsent("heartbeat-response", true) == null) {
                    written.add(writer.writeCaptured("captured-heartbeat-response", "the provider's heartbeat response", frame));
                }
                continue;
            }
            String[] call = byId.get(id);
            if (call == null) throw new IllegalStateException("response to unknown request id " + id);
            written.add(writer.writeCaptured("captured-" + call[0] + "-response", "response to " + call[0], frame, call[2]));
        }
        System.out.println(Json.object("captured", hooks.version(), "out", out.toString(), "files", written));
        System.exit(0);
    }

    /** A one-connection TCP relay that records both directions. */
    static final class Relay {
        private final ServerSocket server;
        private final ByteArrayOutputStream up = new ByteArrayOutputStream();
        private final ByteArrayOutputStream down = new ByteArrayOutputStream();
        private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

        Relay(int targetPort) throws Exception {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(target);
                    pump(client.getInputStream(), target.getOutputStream(), up);
                    pump(target.getInputStream(), client.getOutputStream(), down);
                } catch (Exception e) {
                    if (!server.isClosed()) e.printStackTrace();
                }
            }, "relay-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void pump(InputStream in, OutputStream out, ByteArrayOutputStream record) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        synchronized (record) {
                            record.write(buf, 0, n);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (Exception ignored) {
                    // the other side closed
                }
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
        }

        byte[] toProvider() {
            synchronized (up) {
                return up.toByteArray();
            }
        }

        byte[] toConsumer() {
            synchronized (down) {
                return down.toByteArray();
            }
        }

        void close() throws Exception {
            server.close();
            for (Socket s : sockets) s.close();
        }

        /** Splits a recorded byte stream into frames by their header's body length. */
        static List<byte[]> frames(byte[] stream) {
            List<byte[]> frames = new ArrayList<>();
            int pos = 0;
            while (pos + 16 <= stream.length) {
                if ((stream[pos] & 0xff) != 0xda || (stream[pos + 1] & 0xff) != 0xbb) {
                    throw new IllegalStateException("no magic at offset " + pos);
                }
                int len = ByteBuffer.wrap(stream, pos + 12, 4).getInt();
                if (pos + 16 + len > stream.length) break;
                byte[] f = new byte[16 + len];
                System.arraycopy(stream, pos, f, 0, f.length);
                frames.add(f);
                pos += f.length;
            }
            return frames;
        }
    }
}
