package com.jd.interop.support;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer with the interop conventions (interop/java/README.md): long/Long, BigInteger
 * and BigDecimal as decimal strings, Date as an ISO-8601 UTC string, java.time values (LocalDate,
 * LocalTime, LocalDateTime, Instant, Duration, …) as their {@code toString()}, enums by name, arrays and
 * collections as arrays, maps as objects with String.valueOf keys, other objects as their
 * non-static non-transient fields; map keys and fields sorted by name.
 *
 * <p>{@link #writeWithClass} (the golden fixtures; packages/protocol/test/fixtures/golden/README.md)
 * adds {@code "$class"} to objects, and writes BigDecimal/BigInteger and java.time values as
 * {@code {"$class":…,"value":"<toString()>"}}
 * and enums as {@code {"$class":…,"name":"…"}}, as they are on the hessian wire.
 */
public final class Json {
    private final boolean withClass;

    private Json(boolean withClass) {
        this.withClass = withClass;
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        new Json(false).value(sb, value, 0);
        return sb.toString();
    }

    public static String writeWithClass(Object value) {
        StringBuilder sb = new StringBuilder();
        new Json(true).value(sb, value, 0);
        return sb.toString();
    }

    /** A pre-rendered JSON fragment, written verbatim. */
    public static final class Raw {
        final String json;

        public Raw(String json) {
            this.json = json;
        }
    }

    private void value(StringBuilder sb, Object v, int depth) {
        if (depth > 64) {
            throw new IllegalStateException("Json: nesting deeper than 64 (cycle?)");
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Raw) {
            sb.append(((Raw) v).json);
        } else if (v instanceof String || v instanceof Character) {
            string(sb, v.toString());
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (withClass && (v instanceof BigDecimal || v instanceof BigInteger || isJavaTime(v))) {
            sb.append("{\"$class\":");
            string(sb, v.getClass().getName());
            sb.append(",\"value\":");
            string(sb, v.toString());
            sb.append('}');
        } else if (v instanceof Long || v instanceof BigInteger || v instanceof BigDecimal || isJavaTime(v)) {
            string(sb, v.toString());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                string(sb, Double.toString(d));
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(d == 0 && 1 / d < 0)) {
                sb.append((long) d);
            } else {
                sb.append(d);
            }
        } else if (v instanceof Number) {
            sb.append(((Number) v).longValue());
        } else if (v instanceof Date) {
            string(sb, Instant.ofEpochMilli(((Date) v).getTime()).toString());
        } else if (withClass && v instanceof Enum) {
            sb.append("{\"$class\":");
            string(sb, ((Enum<?>) v).getDeclaringClass().getName());
            sb.append(",\"name\":");
            string(sb, ((Enum<?>) v).name());
            sb.append('}');
        } else if (v instanceof Enum) {
            string(sb, ((Enum<?>) v).name());
        } else if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(Array.get(v, i));
            array(sb, list, depth);
        } else if (v instanceof Collection) {
            array(sb, (Collection<?>) v, depth);
        } else if (v instanceof Map) {
            map(sb, (Map<?, ?>) v, depth);
        } else if (v instanceof Throwable) {
            Throwable t = (Throwable) v;
            sb.append("{\"$class\":");
            string(sb, t.getClass().getName());
            sb.append(",\"message\":");
            string(sb, t.getMessage());
            sb.append('}');
        } else {
            object(sb, v, depth);
        }
    }

    /** java.time.LocalDate, LocalTime, LocalDateTime, Instant, Duration, ZonedDateTime, …: rendered by toString(). */
    private static boolean isJavaTime(Object v) {
        return v.getClass().getName().startsWith("java.time.");
    }

    private void map(StringBuilder sb, Map<?, ?> m, int depth) {
        // Keys sorted so that a HashMap and a LinkedHashMap with the same entries render the same.
        java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) sorted.put(String.valueOf(e.getKey()), e.getValue());
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            string(sb, e.getKey());
            sb.append(':');
            value(sb, e.getValue(), depth + 1);
        }
        sb.append('}');
    }

    private void array(StringBuilder sb, Collection<?> items, int depth) {
        sb.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) sb.append(',');
            first = false;
            value(sb, item, depth + 1);
        }
        sb.append(']');
    }

    private void object(StringBuilder sb, Object v, int depth) {
        List<Field> fields = new ArrayList<>();
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = v.getClass(); c != null && c != Object.class; c = c.getSuperclass()) chain.add(0, c);
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) continue;
                fields.add(f);
            }
        }
        // Sorted like map keys, so that a POJO and its generic-invoke map form render alike.
        fields.sort(java.util.Comparator.comparing(Field::getName));
        sb.append('{');
        boolean first = true;
        if (withClass) {
            sb.append("\"$class\":");
            string(sb, v.getClass().getName());
            first = false;
        }
        for (Field f : fields) {
            Object fv;
            try {
                f.setAccessible(true);
                fv = f.get(v);
            } catch (ReflectiveOperationException | RuntimeException e) {
                fv = "<unreadable: " + e + ">";
            }
            if (!first) sb.append(',');
            first = false;
            string(sb, f.getName());
            sb.append(':');
            value(sb, fv, depth + 1);
        }
        sb.append('}');
    }

    static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    // Lone surrogates would make invalid UTF-8 on stdout: escape them (and all controls).
                    if (c < 0x20 || Character.isSurrogate(c) && !validPair(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Builds a JSON object from alternating key/value arguments, skipping pairs whose value is {@code SKIP}. */
    public static String object(Object... kv) {
        StringBuilder sb = new StringBuilder("{");
        Json j = new Json(false);
        boolean first = true;
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == SKIP) continue;
            if (!first) sb.append(',');
            first = false;
            string(sb, (String) kv[i]);
            sb.append(':');
            j.value(sb, kv[i + 1], 0);
        }
        return sb.append('}').toString();
    }

    /** Marker for {@link #object}: leave this key out. */
    public static final Object SKIP = new Object();
}
