package com.jd.interop.dubbo;

import com.jd.interop.TypeMatrixService;
import com.jd.interop.support.BrandServiceImpl;
import com.jd.interop.support.Json;
import com.jd.interop.support.Lifecycle;
import com.jd.interop.support.Settings;
import com.jd.interop.support.TypeMatrixServiceImpl;
import com.jd.sellergoods.service.BrandService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * Exports BrandService and TypeMatrixService (version 1.0.0) on 127.0.0.1 over dubbo:// and
 * registers them in ZooKeeper, then prints {@code READY {json}} and runs until SIGTERM/SIGINT.
 *
 * <pre>
 * --registry zookeeper://127.0.0.1:p1?backup=127.0.0.1:p2,127.0.0.1:p3   (or DUBBO_REGISTRY_ADDRESS; "h:p,h:p" accepted)
 * --port 20880            (or DUBBO_PROTOCOL_PORT)
 * --app name              (or DUBBO_APPLICATION_NAME)
 * --services brand,matrix which services to export (default both)
 * --shutdown-wait ms      dubbo.service.shutdown.wait (Dubbo's default 10000)
 * -Dinterop.protocol=tri  export over Triple instead of dubbo (3.3 only)
 * </pre>
 */
public final class ProviderMain {
    private ProviderMain() {}

    public static void main(String[] argv) throws Exception {
        Lifecycle.quietLogging();
        Lifecycle.loopbackOnly();
        Settings s = new Settings(argv);
        String registry = s.registry();
        int port = s.getInt("port", "DUBBO_PROTOCOL_PORT", 20880);
        VersionHooks hooks = new VersionHooks();
        String app = s.get("app", "DUBBO_APPLICATION_NAME", "interop-java-provider-" + hooks.version());
        String wait = s.get("shutdown-wait", "DUBBO_SHUTDOWN_WAIT", null);
        if (wait != null) System.setProperty("dubbo.service.shutdown.wait", wait);
        List<String> services = Arrays.asList(s.get("services", null, "brand,matrix").split(","));

        ApplicationConfig application = new ApplicationConfig(app);
        application.setQosEnable(false);
        application.setLogger("slf4j");
        String protocolName = System.getProperty("interop.protocol", "dubbo");
        ProtocolConfig protocol = new ProtocolConfig(protocolName, port);
        protocol.setHost("127.0.0.1");
        DubboBootstrap bootstrap = DubboBootstrap.getInstance()
                .application(application)
                .registry(new RegistryConfig(registry))
                .protocol(protocol);
        List<String> exported = new ArrayList<>();
        List<ServiceConfig<?>> configs = new ArrayList<>();
        if (services.contains("brand")) {
            ServiceConfig<BrandService> brand = new ServiceConfig<>();
            brand.setId("BrandService");
            brand.setInterface(BrandService.class);
            brand.setRef(new BrandServiceImpl());
            brand.setVersion("1.0.0");
            bootstrap.service(brand);
            exported.add(BrandService.class.getName());
            configs.add(brand);
        }
        if (services.contains("matrix")) {
            ServiceConfig<TypeMatrixService> matrix = new ServiceConfig<>();
            matrix.setId("TypeMatrixService");
            matrix.setInterface(TypeMatrixService.class);
            matrix.setRef(new TypeMatrixServiceImpl(hooks));
            matrix.setVersion("1.0.0");
            bootstrap.service(matrix);
            exported.add(TypeMatrixService.class.getName());
            configs.add(matrix);
        }
        bootstrap.start();
        Lifecycle.exitZeroOnSignals("provider");
        // Our tests only use loopback: refuse to run if Dubbo registered another address.
        List<String> urls = new ArrayList<>();
        for (ServiceConfig<?> c : configs) {
            for (Object url : c.getExportedUrls()) urls.add(url.toString());
        }
        for (String url : urls) {
            if (!url.startsWith(protocolName + "://127.0.0.1:")) {
                System.err.println("provider: exported " + url + ", not on 127.0.0.1; exiting");
                System.exit(3);
            }
        }
        System.out.println("READY " + Json.object(
                "role", "provider",
                "dubbo", hooks.version(),
                "host", "127.0.0.1",
                "port", port,
                "protocol", protocolName,
                "application", app,
                "registry", registry,
                "services", exported,
                "urls", urls,
                "pid", (int) ProcessHandle.current().pid()));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
