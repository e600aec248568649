package org.apache.dubbo.benchmark.agent;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.dubbo.benchmark.bean.Page;
import org.apache.dubbo.benchmark.bean.User;
import org.apache.dubbo.benchmark.pb.Request;
import org.apache.dubbo.benchmark.pb.Response;
import org.apache.dubbo.benchmark.service.PbUserServiceImpl;
import org.apache.dubbo.benchmark.service.UserService;
import org.apache.dubbo.benchmark.service.UserServiceServerImpl;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * The Java side of `npm run bench`: a server or client agent speaking bench/lib/channel.mjs
 * (JSON commands on stdin; "@@bench {json}" replies and events on stdout). Configured like
 * apache/dubbo-benchmark's dubbo-hessianlite-server/client: registry N/A, direct URL, netty4,
 * filter="-default"; plus hessian2 forced (Dubbo 3.2+ would prefer fastjson2) and loopback only.
 * The protocol argument chooses dubbo:// (the default), tri:// with the same Java interface (Triple's
 * non-IDL mode: TripleRequestWrapper with serializeType hessian4) or tri:// with the IDL service of
 * bench/proto (protobuf messages, the stubs protoc and dubbo-compiler generate).
 *
 * <pre>
 *   java -cp … org.apache.dubbo.benchmark.agent.BenchAgent server [dubbo|tri|tri-idl]
 *   java -cp … org.apache.dubbo.benchmark.agent.BenchAgent client PORT [dubbo|tri|tri-idl]
 * </pre>
 */
public final class BenchAgent {
    private static final String MARK = "@@bench ";
    private static final String HOST = "127.0.0.1";
    private static final String ECHO_TEXT = "dubbo-ts echo ".repeat(8).substring(0, 100);
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private BenchAgent() {}

    public static void main(String[] args) throws Exception {
        // Everything Dubbo prints goes to stderr; stdout carries only the protocol.
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        pinLocalHostToLoopback();
        if (args.length >= 1 && args[0].equals("server")) {
            server(args.length >= 2 ? args[1] : "dubbo");
        } else if (args.length >= 2 && args[0].equals("client")) {
            client(Integer.parseInt(args[1]), args.length >= 3 ? args[2] : "dubbo");
        } else {
            System.err.println("usage: BenchAgent server [dubbo|tri|tri-idl] | client PORT [dubbo|tri|tri-idl]");
            System.exit(2);
        }
    }

    /**
     * Dubbo replaces 127.0.0.1 in a URL by "the local host" (NetUtils.filterLocalHost: the first
     * non-loopback address), so the consumer would dial the machine's external address. NetUtils
     * caches that address in static fields; seeding them with 127.0.0.1 keeps all traffic on
     * loopback.
     */
    private static void pinLocalHostToLoopback() throws Exception {
        Class<?> netUtils = Class.forName("org.apache.dubbo.common.utils.NetUtils");
        for (var entry : Map.of("HOST_ADDRESS", (Object) HOST, "LOCAL_ADDRESS", InetAddress.getByName(HOST)).entrySet()) {
            var field = netUtils.getDeclaredField(entry.getKey());
            field.setAccessible(true);
            field.set(null, entry.getValue());
        }
    }

    private static ApplicationConfig application(String name) {
        ApplicationConfig app = new ApplicationConfig(name);
        app.setQosEnable(false);
        app.setMetadataType("local");
        app.setRegisterMode("interface");
        return app;
    }

    private static Map<String, String> hessian2Only() {
        Map<String, String> p = new HashMap<>();
        p.put("serialization", "hessian2");
        p.put("prefer.serialization", "hessian2");
        return p;
    }

    private static void server(String mode) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            port = probe.getLocalPort();
        }
        ProtocolConfig protocol = new ProtocolConfig(protocolName(mode), port);
        protocol.setHost(HOST);
        // netty4, bound to 127.0.0.1 (LoopbackTransporter, LoopbackPortUnificationTransporter for tri)
        protocol.setServer("loopback");
        protocol.setSerialization("hessian2");
        // The default pool (fixed, 200 threads, no queue) rejects calls beyond 200 in flight;
        // concurrency 256 would then measure rejections.
        protocol.setThreads(300);
        Map<String, String> params = hessian2Only();
        params.put("bind.ip", HOST);
        protocol.setParameters(params);

        ServiceConfig<?> service = mode.equals("tri-idl") ? idlService() : javaService();
        service.setFilter("-default");

        DubboBootstrap bootstrap = DubboBootstrap.getInstance()
                .application(application("bench-java-server"))
                .registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE))
                .protocol(protocol)
                .service(service);
        bootstrap.start();
        emit("{\"event\":\"ready\",\"port\":" + port + ",\"pid\":" + ProcessHandle.current().pid() + "}");
        serve(command -> switch (command.get("cmd")) {
            case "cpu" -> "\"cpuUs\":" + cpuUs();
            default -> throw new IllegalArgumentException("unknown command " + command.get("cmd"));
        });
    }

    private static String protocolName(String mode) {
        return switch (mode) {
            case "dubbo" -> "dubbo";
            case "tri", "tri-idl" -> "tri";
            default -> throw new IllegalArgumentException("unknown protocol " + mode + " (dubbo, tri or tri-idl)");
        };
    }

    private static ServiceConfig<UserService> javaService() {
        ServiceConfig<UserService> service = new ServiceConfig<>();
        service.setInterface(UserService.class);
        service.setRef(new UserServiceServerImpl());
        return service;
    }

    private static ServiceConfig<org.apache.dubbo.benchmark.pb.UserService> idlService() {
        ServiceConfig<org.apache.dubbo.benchmark.pb.UserService> service = new ServiceConfig<>();
        service.setInterface(org.apache.dubbo.benchmark.pb.UserService.class);
        service.setRef(new PbUserServiceImpl());
        return service;
    }

    private static <T> ReferenceConfig<T> reference(Class<T> type, String mode, int port) {
        ReferenceConfig<T> reference = new ReferenceConfig<>();
        reference.setInterface(type);
        reference.setUrl(protocolName(mode) + "://" + HOST + ":" + port);
        reference.setCheck(false);
        reference.setTimeout(60_000);
        reference.setRetries(0);
        reference.setFilter("-default");
        if (mode.equals("dubbo")) reference.setClient("netty4");
        reference.setParameters(hessian2Only());
        return reference;
    }

    private static void client(int port, String mode) throws Exception {
        DubboBootstrap bootstrap = DubboBootstrap.getInstance()
                .application(application("bench-java-client"))
                .registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE));
        java.util.function.Function<String, Scenario> scenarios;
        if (mode.equals("tri-idl")) {
            var reference = reference(org.apache.dubbo.benchmark.pb.UserService.class, mode, port);
            bootstrap.reference(reference).start();
            var service = reference.get();
            scenarios = scenario -> idlScenario(service, scenario);
        } else {
            var reference = reference(UserService.class, mode, port);
            bootstrap.reference(reference).start();
            UserService service = reference.get();
            scenarios = scenario -> javaScenario(service, scenario);
        }
        emit("{\"event\":\"ready\",\"pid\":" + ProcessHandle.current().pid() + "}");
        serve(command -> switch (command.get("cmd")) {
            case "cpu" -> "\"cpuUs\":" + cpuUs();
            case "run" -> run(scenarios.apply(command.get("scenario")), command.get("scenario"), (int) Double.parseDouble(command.get("concurrency")),
                    (long) Double.parseDouble(command.get("warmupMs")), (long) Double.parseDouble(command.get("durationMs")));
            default -> throw new IllegalArgumentException("unknown command " + command.get("cmd"));
        });
    }

    // ---- the load loop (same contract as runClient in bench/agent.mjs) ----

    private static final class Latencies {
        long[] values = new long[1 << 14];
        int size;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }
    }

    /** One scenario's call (argument i) and the check of its answer to argument arg. */
    private record Scenario(LongFunction<Object> call, Check check) {}

    @FunctionalInterface
    private interface Check {
        boolean test(Object r, long arg);
    }

    private static boolean exists(long arg) {
        String s = String.valueOf(arg);
        return s.charAt(s.length() - 1) >= '5';
    }

    private static Scenario javaScenario(UserService s, String scenario) {
        User fixedUser = UserServiceServerImpl.user(1, "");
        return switch (scenario) {
            case "echo" -> new Scenario(i -> s.echo(ECHO_TEXT), (r, arg) -> ECHO_TEXT.equals(r));
            case "existUser" -> new Scenario(i -> s.existUser(String.valueOf(i)),
                    (r, arg) -> Boolean.valueOf(exists(arg)).equals(r));
            case "createUser" -> new Scenario(i -> s.createUser(fixedUser), (r, arg) -> Boolean.TRUE.equals(r));
            case "getUser" -> new Scenario(i -> s.getUser(i), (r, arg) -> r instanceof User u && u.getId() == arg
                    && "Doug Lea".equals(u.getName()) && u.getPermissions().size() == 15);
            case "listUser" -> new Scenario(i -> s.listUser((int) i), (r, arg) -> r instanceof Page<?> p
                    && p.getPageNo() == arg && p.getTotal() == 1000 && p.getResult().size() == 15
                    && "Doug Lea14".equals(((User) p.getResult().get(14)).getName()));
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    /** The same scenarios through the IDL stub: a Request built per call, as a Java caller would. */
    private static Scenario idlScenario(org.apache.dubbo.benchmark.pb.UserService s, String scenario) {
        var fixedUser = PbUserServiceImpl.user(1, "");
        return switch (scenario) {
            case "echo" -> new Scenario(i -> s.echo(Request.newBuilder().setText(ECHO_TEXT).build()),
                    (r, arg) -> ECHO_TEXT.equals(((Response) r).getText()));
            case "existUser" -> new Scenario(i -> s.existUser(Request.newBuilder().setEmail(String.valueOf(i)).build()),
                    (r, arg) -> ((Response) r).getState() == exists(arg));
            case "createUser" -> new Scenario(i -> s.createUser(Request.newBuilder().setUser(fixedUser).build()),
                    (r, arg) -> ((Response) r).getState());
            case "getUser" -> new Scenario(i -> s.getUser(Request.newBuilder().setId(i).build()), (r, arg) -> {
                var u = ((Response) r).getUser();
                return u.getId() == arg && "Doug Lea".equals(u.getName()) && u.getPermissionsCount() == 15;
            });
            case "listUser" -> new Scenario(i -> s.listUser(Request.newBuilder().setPage((int) i).build()), (r, arg) -> {
                var p = ((Response) r).getPage();
                return p.getPageNo() == arg && p.getTotal() == 1000 && p.getUsersCount() == 15
                        && "Doug Lea14".equals(p.getUsers(14).getName());
            });
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    private static volatile boolean measuring;
    private static volatile boolean stopped;

    private static String run(Scenario s, String scenario, int concurrency, long warmupMs, long durationMs)
            throws Exception {
        LongFunction<Object> fn = s.call();
        Object probe = fn.apply(7);
        if (!s.check().test(probe, 7)) {
            throw new IllegalStateException("java " + scenario + "(7) returned " + probe);
        }
        measuring = false;
        stopped = false;
        AtomicLong seq = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        Latencies[] per = new Latencies[concurrency];
        Thread[] threads = new Thread[concurrency];
        for (int t = 0; t < concurrency; t++) {
            Latencies mine = per[t] = new Latencies();
            threads[t] = new Thread(() -> {
                while (!stopped) {
                    long i = seq.getAndIncrement();
                    long t0 = System.nanoTime();
                    try {
                        fn.apply(i);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) firstError[0] = String.valueOf(e);
                        }
                        continue;
                    }
                    if (measuring) mine.add(System.nanoTime() - t0);
                }
            }, "bench-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        Thread.sleep(warmupMs);
        errors.set(0);
        long cpu0 = cpuUs();
        long start = System.nanoTime();
        measuring = true;
        emit("{\"event\":\"measure-start\"}");
        Thread.sleep(durationMs);
        measuring = false;
        long end = System.nanoTime();
        long cpu = cpuUs() - cpu0;
        emit("{\"event\":\"measure-end\"}");
        stopped = true;
        boolean drained = true;
        for (Thread t : threads) {
            t.join(30_000);
            drained &= !t.isAlive();
        }

        int n = 0;
        for (Latencies l : per) n += l.size;
        long[] all = new long[n];
        int k = 0;
        for (Latencies l : per) {
            System.arraycopy(l.values, 0, all, k, l.size);
            k += l.size;
        }
        Arrays.sort(all);
        double windowMs = (end - start) / 1e6;
        StringBuilder sb = new StringBuilder();
        sb.append("\"scenario\":\"").append(scenario).append("\",\"concurrency\":").append(concurrency)
                .append(",\"count\":").append(n).append(",\"errors\":").append(errors.get())
                .append(",\"windowMs\":").append(windowMs)
                .append(",\"qps\":").append(n / windowMs * 1000)
                .append(",\"clientCpuUs\":").append(cpu)
                .append(",\"drained\":").append(drained)
                .append(",\"latencyMs\":").append(summary(all));
        if (firstError[0] != null) sb.append(",\"firstError\":").append(quote(firstError[0]));
        return sb.toString();
    }

    private static String summary(long[] sorted) {
        int n = sorted.length;
        if (n == 0) return "{\"n\":0}";
        double sum = 0;
        for (long v : sorted) sum += v;
        return "{\"n\":" + n + ",\"mean\":" + sum / n / 1e6 + ",\"p50\":" + at(sorted, 0.5) + ",\"p90\":"
                + at(sorted, 0.9) + ",\"p99\":" + at(sorted, 0.99) + ",\"p999\":" + at(sorted, 0.999)
                + ",\"max\":" + sorted[n - 1] / 1e6 + "}";
    }

    private static double at(long[] sorted, double q) {
        int n = sorted.length;
        int i = Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1));
        return sorted[i] / 1e6;
    }

    // ---- control channel ----

    @FunctionalInterface
    private interface Handler {
        String handle(Map<String, String> command) throws Exception;
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-\\w.]+)");

    /** Commands are flat JSON objects of strings and numbers; this is all the JSON we need to read. */
    private static Map<String, String> parse(String line) {
        Map<String, String> m = new HashMap<>();
        Matcher x = FIELD.matcher(line);
        while (x.find()) m.put(x.group(1), x.group(3) != null ? x.group(3) : x.group(2));
        return m;
    }

    private static void serve(Handler handler) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            Map<String, String> command = parse(line);
            String id = command.getOrDefault("id", "0");
            if ("exit".equals(command.get("cmd"))) {
                emit("{\"id\":" + id + ",\"ok\":true}");
                break;
            }
            try {
                String body = handler.handle(command);
                emit("{\"id\":" + id + ",\"ok\":true" + (body.isEmpty() ? "" : "," + body) + "}");
            } catch (Exception e) {
                emit("{\"id\":" + id + ",\"ok\":false,\"error\":" + quote(String.valueOf(e)) + "}");
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private static long cpuUs() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1000;
    }

    private static synchronized void emit(String json) {
        OUT.print(MARK + json + "\n");
        OUT.flush();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
