package com.jd.interop.support;

/** Process plumbing shared by the mains of every Dubbo version (no Dubbo dependency: reflection only). */
public final class Lifecycle {
    private Lifecycle() {}

    /** Must run before any Dubbo class loads: Dubbo picks its logger adapter once. */
    public static void quietLogging() {
        System.setProperty("dubbo.application.logger", "slf4j");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // Our ensemble's zoo.cfg server lines carry no client port; Curator's tracker logs each
        // config event as an error. Harmless, so silenced.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.curator.framework.imps.EnsembleTracker", "off");
        // com.alibaba Dubbo 2.6 logs a WARN for every SPI injection it tries on Spring first.
        System.setProperty("org.slf4j.simpleLogger.log.com.alibaba.dubbo.config.spring.extension.SpringExtensionFactory", "error");
        // slf4j-simple writes to stderr by default: stdout carries only READY and JSON lines.
    }

    /**
     * Makes Dubbo use 127.0.0.1 as "the local host". Dubbo (2.7 and 3.x, NetUtils.isInvalidLocalHost)
     * refuses 127.* as a provider host or DUBBO_IP_TO_REGISTRY and registers the first non-loopback
     * interface address instead; our tests must only use loopback addresses. NetUtils caches the
     * address it found in static fields, so we seed that cache. The provider then registers
     * 127.0.0.1 (with anyhost=true, i.e. the server listens on the wildcard address).
     */
    public static void loopbackOnly() {
        boolean pinned = false;
        // Apache Dubbo 2.7/3.x, and com.alibaba Dubbo 2.5/2.6 (LOCAL_ADDRESS only).
        for (String name : new String[] {"org.apache.dubbo.common.utils.NetUtils", "com.alibaba.dubbo.common.utils.NetUtils"}) {
            try {
                Class<?> netUtils = Class.forName(name);
                set(netUtils, "HOST_ADDRESS", "127.0.0.1");
                set(netUtils, "LOCAL_ADDRESS", java.net.InetAddress.getByName("127.0.0.1"));
                pinned = true;
            } catch (ClassNotFoundException e) {
                // not this Dubbo line
            } catch (ReflectiveOperationException | java.net.UnknownHostException e) {
                throw new IllegalStateException("cannot pin Dubbo's local host to 127.0.0.1", e);
            }
        }
        if (!pinned) throw new IllegalStateException("no Dubbo NetUtils on the classpath");
    }

    private static void set(Class<?> c, String field, Object value) throws ReflectiveOperationException {
        java.lang.reflect.Field f;
        try {
            f = c.getDeclaredField(field);
        } catch (NoSuchFieldException e) {
            return;
        }
        f.setAccessible(true);
        f.set(null, value);
    }

    /**
     * SIGTERM and SIGINT exit with status 0 through {@code System.exit}, which runs Dubbo's own
     * shutdown hook (graceful shutdown: unregister, read-only event, wait for clients) exactly as
     * the JVM's default handler would, but the process then reports 0 instead of 143.
     */
    @SuppressWarnings("restriction")
    public static void exitZeroOnSignals(String who) {
        sun.misc.SignalHandler handler = sig -> {
            System.err.println(who + ": SIG" + sig.getName() + " received, shutting down gracefully");
            new Thread(() -> System.exit(0), "interop-exit").start();
        };
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
    }
}
