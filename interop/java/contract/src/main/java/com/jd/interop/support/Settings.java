package com.jd.interop.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Command-line and environment settings shared by the provider and consumer mains.
 * {@code --registry} / {@code DUBBO_REGISTRY_ADDRESS}, {@code --port} / {@code DUBBO_PROTOCOL_PORT},
 * {@code --app} / {@code DUBBO_APPLICATION_NAME}; arguments win over the environment.
 */
public final class Settings {
    private final Map<String, String> args = new HashMap<>();

    public Settings(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + a + " (use --key value or --key=value)");
            int eq = a.indexOf('=');
            if (eq > 0) {
                args.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < argv.length) {
                args.put(a.substring(2), argv[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
        }
    }

    public String get(String key, String env, String fallback) {
        String v = args.get(key);
        if (v == null && env != null) v = System.getenv(env);
        return v == null || v.isEmpty() ? fallback : v;
    }

    public int getInt(String key, String env, int fallback) {
        return Integer.parseInt(get(key, env, Integer.toString(fallback)));
    }

    /**
     * The registry address as Dubbo wants it: "127.0.0.1:1,127.0.0.1:2" (a bare connect string, as
     * vitest's zkConnect gives) becomes "zookeeper://127.0.0.1:1?backup=127.0.0.1:2"; a URL is kept.
     */
    public String registry() {
        String r = get("registry", "DUBBO_REGISTRY_ADDRESS", null);
        if (r == null) throw new IllegalArgumentException("no registry: pass --registry zookeeper://h:p?backup=h:p,h:p or set DUBBO_REGISTRY_ADDRESS");
        if (r.contains("://")) return r;
        String[] hosts = r.split(",");
        StringBuilder sb = new StringBuilder("zookeeper://").append(hosts[0].trim());
        for (int i = 1; i < hosts.length; i++) sb.append(i == 1 ? "?backup=" : ",").append(hosts[i].trim());
        return sb.toString();
    }
}
