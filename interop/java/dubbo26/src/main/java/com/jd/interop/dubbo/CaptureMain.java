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
import com.alibaba.dubbo.config.ApplicationConfig;
import com.alibaba.dubbo.config.ProtocolConfig;
import com.alibaba.dubbo.config.ReferenceConfig;
import com.alibaba.dubbo.config.RegistryConfig;
import com.alibaba.dubbo.config.ServiceConfig;
import com.alibaba.dubbo.rpc.service.GenericService;

/**
 * The com.alibaba Dubbo 2.6 twin of dubbo-shared's CaptureMain (no DubboBootstrap).
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
        RegistryConfig noRegistry = new RegistryConfig("N/A");
        ServiceConfig<TypeMatrixService> matrix = new ServiceConfig<>();
                matrix.setInterface(TypeMatrixService.class);
        matrix.setRef(new TypeMatrixServiceImpl(hooks));
        matrix.setVersion("1.0.0");
        matrix.setApplication(application);
        matrix.setRegistry(noRegistry);
        matrix.setProtocol(protocol);
        ServiceConfig<BrandService> brand = new ServiceConfig<>();
                brand.setInterface(BrandService.class);
        brand.setRef(new BrandServiceImpl());
        brand.setVersion("1.0.0");
        brand.setApplication(application);
        brand.setRegistry(noRegistry);
        brand.setProtocol(protocol);
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
        ref.setApplication(application);
        ReferenceConfig<GenericService> generic = new ReferenceConfig<>();
        generic.setId("capturedGeneric");
        generic.setInterface(TypeMatrixService.class.getName());
        generic.setGeneric("true");
        generic.setUrl(url + TypeMatrixService.class.getName());
        generic.setVersion("1.0.0");
        generic.setTimeout(5000);
        generic.setRetries(0);
        generic.setParameters(heartbeat);
        generic.setApplication(application);
        ReferenceConfig<BrandService> wrong = new ReferenceConfig<>();
        wrong.setId("capturedWrongVersion");
        wrong.setInterface(BrandService.class);
        wrong.setUrl(url + BrandService.class.getName());
        wrong.setVersion("9.9.9"); // not exported: the provider answers status 70
        wrong.setTimeout(5000);
        wrong.setRetries(0);
        wrong.setParameters(heartbeat);
        wrong.setApplication(application);
        matrix.export();
        brand.export();

        hooks.addGeneric(TypeMatrixService.class.getName(), generic.get());
        List<String[]> calls = CaptureScript.calls(ref.get(), hooks, wrong.get());
        Thread.sleep(2500); // let the idle client send a heartbeat
        System.setProperty("dubbo.service.shutdown.wait", "1000");
        // The server sends "R" to the still-connected client while closing (what the shutdown hook does).
        com.alibaba.dubbo.config.DubboShutdownHook.getDubboShutdownHook().destroyAll();
        Thread.sleep(500);
        relay.close();

        FrameWriter writer = new FrameWriter(out, hooks.version(),
                "captured from a real " + hooks.version() + " consumer -> provider call through a TCP relay (interop/java CaptureMain)");
        List<String> written = CaptureScript.write(writer, relay, calls);
        System.out.println(Json.object("captured", hooks.version(), "out", out.toString(), "files", written));
        System.exit(0);
    }
}
