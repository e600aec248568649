package com.jd.interop.dubbo;

import com.jd.interop.TypeMatrixService;
import com.jd.interop.support.Json;
import com.jd.interop.support.Lifecycle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.rpc.model.FrameworkModel;

/**
 * The Java consumer cells of the application-level discovery matrix, all in one JVM: each argument
 * {@code name|registry|step|waitMs} is one Dubbo 3.3 consumer (its own FrameworkModel, application
 * {@code discovery-java-consumer-<name>}, no file cache) that refers TypeMatrixService 1.0.0 with
 * the reference parameter {@code migration.step=<step>} (read by MigrationRule.getStep) and calls
 * {@code whoAmI} until it answers or {@code waitMs} passed. Prints one line per cell,
 * {@code {"cell":…,"ok":…,"answer":…,"error":…,"ms":…}}, then {@code {"done":true}}, and exits 0.
 */
public final class DiscoveryConsumerMain {
    private DiscoveryConsumerMain() {}

    public static void main(String[] argv) throws Exception {
        Lifecycle.quietLogging();
        Lifecycle.loopbackOnly();
        List<Thread> cells = new ArrayList<>();
        for (String spec : argv) {
            String[] p = spec.split("\\|");
            Thread t = new Thread(() -> runCell(p[0], p[1], p[2], Long.parseLong(p[3])), "cell-" + p[0]);
            t.start();
            cells.add(t);
        }
        for (Thread t : cells) t.join();
        System.out.println(Json.object("done", true));
        System.out.flush();
        System.exit(0);
    }

    private static void runCell(String name, String registry, String step, long waitMs) {
        long started = System.currentTimeMillis();
        String answer = null;
        String error = null;
        try {
            ApplicationConfig application = new ApplicationConfig("discovery-java-consumer-" + name);
            application.setQosEnable(false);
            application.setLogger("slf4j");
            application.setEnableFileCache(false);
            RegistryConfig registryConfig = new RegistryConfig(registry);
            Map<String, String> registryParams = new HashMap<>();
            registryParams.put("file-cache", "false");
            registryConfig.setParameters(registryParams);
            ReferenceConfig<TypeMatrixService> ref = new ReferenceConfig<>();
            ref.setInterface(TypeMatrixService.class);
            ref.setVersion("1.0.0");
            ref.setCheck(false);
            ref.setRetries(0);
            ref.setTimeout(5000);
            Map<String, String> params = new HashMap<>();
            params.put("migration.step", step);
            ref.setParameters(params);
            DubboBootstrap.newInstance(new FrameworkModel())
                    .application(application)
                    .registry(registryConfig)
                    .reference(ref)
                    .start();
            TypeMatrixService matrix = ref.get();
            long deadline = started + waitMs;
            while (true) {
                try {
                    answer = matrix.whoAmI();
                    error = null;
                    break;
                } catch (RuntimeException e) {
                    error = e.toString();
                    if (System.currentTimeMillis() > deadline) break;
                    Thread.sleep(200);
                }
            }
        } catch (Throwable e) {
            error = e.toString();
        }
        synchronized (System.out) {
            System.out.println(Json.object(
                    "cell", name, "ok", answer != null, "answer", answer, "error", error,
                    "ms", System.currentTimeMillis() - started));
            System.out.flush();
        }
    }
}
