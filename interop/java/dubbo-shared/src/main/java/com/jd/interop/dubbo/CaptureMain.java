package com.jd.interop.dubbo;

import com.jd.interop.TypeMatrixService;
import com.jd.interop.support.BrandServiceImpl;
import com.jd.interop.frames.CaptureScript;
import com.jd.interop.frames.FrameWriter;
import com.jd.interop.frames.Relay;
import com.jd.interop.support.Json;
import com.jd.interop.support.Lifecycle;
import com.jd.interop.support.Settings;
import com.jd.interop.support.TypeMatrixServiceImpl;
import com.jd.sellergoods.service.BrandService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
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

        hooks.addGeneric(TypeMatrixService.class.getName(), generic.get());
        List<String[]> calls = CaptureScript.calls(ref.get(), hooks, wrong.get());
        Thread.sleep(2500); // let the idle client send a heartbeat
        System.setProperty("dubbo.service.shutdown.wait", "1000");
        bootstrap.stop(); // the server sends "R" to the still-connected client while closing
        Thread.sleep(500);
        relay.close();

        FrameWriter writer = new FrameWriter(out, hooks.version(),
                "captured from a real " + hooks.version() + " consumer -> provider call through a TCP relay (interop/java CaptureMain)");
        List<String> written = CaptureScript.write(writer, relay, calls);
        System.out.println(Json.object("captured", hooks.version(), "out", out.toString(), "files", written));
        System.exit(0);
    }
}
