package com.jd.interop.triple;

import com.jd.greet.GreetRequest;
import com.jd.greet.GreetResponse;
import com.jd.greet.GreeterService;
import com.jd.interop.support.Json;
import com.jd.interop.support.Lifecycle;
import com.jd.interop.support.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.dubbo.common.stream.StreamObserver;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * The IDL Greeter over Triple with Java Dubbo 3.3.6 and the ZooKeeper registry.
 *
 * <pre>
 * provider --registry … --port p   exports greet.GreeterService over tri, prints READY {json}, runs until SIGTERM
 * consumer --registry …            calls Greet and GreetStream (one JSON line each), then exits 0;
 *                                  exits 2 when no provider answers within --wait-ms (30000)
 * </pre>
 */
public final class GreeterMain {
    private GreeterMain() {}

    public static void main(String[] argv) throws Exception {
        Lifecycle.quietLogging();
        Lifecycle.loopbackOnly();
        String mode = argv.length > 0 ? argv[0] : "";
        String[] rest = java.util.Arrays.copyOfRange(argv, Math.min(1, argv.length), argv.length);
        Settings s = new Settings(rest);
        ApplicationConfig application = new ApplicationConfig(s.get("app", null, "interop-java-greeter-" + mode));
        application.setQosEnable(false);
        application.setLogger("slf4j");
        DubboBootstrap bootstrap = DubboBootstrap.getInstance()
                .application(application)
                .registry(new RegistryConfig(s.registry()));
        if ("provider".equals(mode)) provider(bootstrap, s.getInt("port", null, 50051));
        else if ("consumer".equals(mode)) consumer(bootstrap, s.getInt("wait-ms", null, 30000));
        else throw new IllegalArgumentException("usage: GreeterMain provider|consumer --registry …");
    }

    private static void provider(DubboBootstrap bootstrap, int port) throws Exception {
        ProtocolConfig protocol = new ProtocolConfig("tri", port);
        protocol.setHost("127.0.0.1");
        ServiceConfig<GreeterService> service = new ServiceConfig<>();
        service.setInterface(GreeterService.class);
        service.setRef(new GreeterImpl());
        bootstrap.protocol(protocol).service(service).start();
        Lifecycle.exitZeroOnSignals("greeter-provider");
        List<String> urls = new ArrayList<>();
        for (Object url : service.getExportedUrls()) urls.add(url.toString());
        System.out.println("READY " + Json.object("role", "provider", "port", port, "urls", urls));
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void consumer(DubboBootstrap bootstrap, long waitMs) throws Exception {
        ReferenceConfig<GreeterService> ref = new ReferenceConfig<>();
        ref.setInterface(GreeterService.class);
        ref.setProtocol("tri");
        ref.setCheck(false);
        ref.setRetries(0);
        ref.setTimeout(5000);
        bootstrap.reference(ref).start();
        GreeterService greeter = ref.get();
        long deadline = System.currentTimeMillis() + waitMs;
        GreetResponse first = null;
        Throwable last = null;
        while (first == null && System.currentTimeMillis() < deadline) {
            try {
                first = greeter.greet(GreetRequest.newBuilder().setName("java").build());
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        if (first == null) {
            System.out.println(Json.object("fatal", "no Greeter provider answered in time", "error", String.valueOf(last)));
            System.exit(2);
        }
        System.out.println(Json.object("call", "greet", "value", first.getGreeting()));
        List<String> streamed = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        greeter.greetStream(GreetRequest.newBuilder().setName("stream").setCount(3).build(), new StreamObserver<GreetResponse>() {
            @Override
            public void onNext(GreetResponse r) {
                synchronized (streamed) {
                    streamed.add(r.getGreeting());
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        System.out.println(Json.object("call", "greetStream", "value", streamed));
        String error;
        try {
            greeter.greet(GreetRequest.newBuilder().setName("bad").build());
            error = null;
        } catch (RuntimeException e) {
            error = e.getClass().getName() + ": " + e.getMessage();
        }
        System.out.println(Json.object("call", "greet:bad", "error", error));
        System.out.println(Json.object("done", true));
        System.out.flush();
        System.exit(0);
    }
}
