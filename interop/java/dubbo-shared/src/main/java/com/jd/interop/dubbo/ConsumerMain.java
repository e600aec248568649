package com.jd.interop.dubbo;

import com.jd.interop.TypeMatrixService;
import com.jd.interop.support.ConsumerScript;
import com.jd.interop.support.Json;
import com.jd.interop.support.Lifecycle;
import com.jd.interop.support.Settings;
import com.jd.sellergoods.service.BrandService;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.MethodConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.rpc.service.GenericService;

/**
 * Refers to BrandService and TypeMatrixService (version 1.0.0, plus a generic reference of each)
 * through ZooKeeper, waits until {@code $echo} answers, runs {@link ConsumerScript}, prints one
 * JSON line per call and exits 0. Exits 2 when no provider answers within {@code --wait-ms}.
 *
 * <pre>
 * --registry …            as for ProviderMain
 * --app name              (or DUBBO_APPLICATION_NAME)
 * --services brand,matrix which parts to run (default both)
 * --timeout ms            reference timeout (default 5000; sleep has its own 500)
 * --wait-ms ms            how long to wait for providers (default 30000)
 * -Dinterop.loop.ms=N     instead of the script, call whoAmI from 4 threads for N ms and print one
 *                         {"loop":true,…} summary line (ConsumerScript.loop)
 * -Dinterop.protocol=tri  refer only providers of that protocol (3.3 only)
 * </pre>
 */
public final class ConsumerMain {
    private ConsumerMain() {}

    public static void main(String[] argv) throws Exception {
        Lifecycle.quietLogging();
        Lifecycle.loopbackOnly();
        Settings s = new Settings(argv);
        String registry = s.registry();
        VersionHooks hooks = new VersionHooks();
        String app = s.get("app", "DUBBO_APPLICATION_NAME", "interop-java-consumer-" + hooks.version());
        List<String> services = Arrays.asList(s.get("services", null, "brand,matrix").split(","));
        int timeout = s.getInt("timeout", null, 5000);
        long waitMs = s.getInt("wait-ms", null, 30000);

        ApplicationConfig application = new ApplicationConfig(app);
        application.setQosEnable(false);
        application.setLogger("slf4j");
        DubboBootstrap bootstrap = DubboBootstrap.getInstance()
                .application(application)
                .registry(new RegistryConfig(registry));

        ReferenceConfig<TypeMatrixService> matrixRef = null;
        ReferenceConfig<GenericService> matrixGeneric = null;
        if (services.contains("matrix")) {
            matrixRef = reference(TypeMatrixService.class, timeout);
            MethodConfig sleep = new MethodConfig();
            sleep.setName("sleep");
            sleep.setTimeout(ConsumerScript.SLEEP_TIMEOUT_MS);
            sleep.setRetries(0);
            matrixRef.setMethods(Collections.singletonList(sleep));
            matrixGeneric = generic(TypeMatrixService.class, timeout);
            bootstrap.reference(matrixRef).reference(matrixGeneric);
        }
        ReferenceConfig<BrandService> brandRef = null;
        ReferenceConfig<GenericService> brandGeneric = null;
        if (services.contains("brand")) {
            brandRef = reference(BrandService.class, timeout);
            brandGeneric = generic(BrandService.class, timeout);
            bootstrap.reference(brandRef).reference(brandGeneric);
        }
        bootstrap.start();
        Lifecycle.exitZeroOnSignals("consumer");

        ConsumerScript script = new ConsumerScript(System.out, hooks);
        long deadline = System.currentTimeMillis() + waitMs;
        TypeMatrixService matrix = null;
        if (matrixRef != null) {
            matrix = matrixRef.get();
            GenericService g = matrixGeneric.get();
            hooks.addGeneric(TypeMatrixService.class.getName(), g);
            TypeMatrixService proxy = matrix;
            awaitProvider("TypeMatrixService", () -> hooks.echo(proxy, "ready?"), deadline);
            // A generic reference sends $echo as $invoke("$echo", …), which 3.x providers refuse.
            awaitProvider("TypeMatrixService (generic)", () -> g.$invoke("returnZero", new String[0], new Object[0]), deadline);
        }
        BrandService brand = null;
        if (brandRef != null) {
            brand = brandRef.get();
            GenericService g = brandGeneric.get();
            hooks.addGeneric(BrandService.class.getName(), g);
            BrandService proxy = brand;
            awaitProvider("BrandService", () -> hooks.echo(proxy, "ready?"), deadline);
            awaitProvider("BrandService (generic)",
                    () -> g.$invoke("findPage", new String[] {"int", "int"}, new Object[] {1, 1}), deadline);
        }
        System.out.println("READY " + Json.object("role", "consumer", "dubbo", hooks.version(), "application", app,
                "registry", registry, "services", services));
        long loopMs = Long.getLong("interop.loop.ms", 0L);
        if (loopMs > 0 && matrix != null) {
            // Load mode (graceful-shutdown tests): whoAmI in a loop instead of the script.
            script.loop(matrix, loopMs, 4);
            System.exit(0);
        }
        if (matrix != null) {
            script.typeMatrix(matrix);
            script.attachments(matrix);
            script.echo(matrix);
            script.genericMatrix();
        }
        if (brand != null) {
            script.brandFlow(brand);
            script.genericBrand();
        }
        script.done();
        System.exit(0);
    }

    private static <T> ReferenceConfig<T> reference(Class<T> type, int timeout) {
        ReferenceConfig<T> ref = new ReferenceConfig<>();
        ref.setId(type.getSimpleName());
        ref.setInterface(type);
        ref.setVersion("1.0.0");
        ref.setCheck(false);
        ref.setRetries(0);
        ref.setTimeout(timeout);
        String protocol = System.getProperty("interop.protocol");
        if (protocol != null) ref.setProtocol(protocol);
        return ref;
    }

    private static ReferenceConfig<GenericService> generic(Class<?> type, int timeout) {
        ReferenceConfig<GenericService> ref = new ReferenceConfig<>();
        ref.setId(type.getSimpleName() + "Generic");
        ref.setInterface(type.getName());
        ref.setGeneric("true");
        ref.setVersion("1.0.0");
        ref.setCheck(false);
        ref.setRetries(0);
        ref.setTimeout(timeout);
        String protocol = System.getProperty("interop.protocol");
        if (protocol != null) ref.setProtocol(protocol);
        return ref;
    }

    /** Polls {@code probe} until a provider answers; exits 2 at the deadline. */
    private static void awaitProvider(String what, java.util.concurrent.Callable<Object> probe, long deadline)
            throws Exception {
        Throwable last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                probe.call();
                return;
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        System.out.println(Json.object("fatal", "no provider of " + what + " answered in time",
                "error", last == null ? null : last.toString()));
        System.out.flush();
        System.exit(2);
    }
}
