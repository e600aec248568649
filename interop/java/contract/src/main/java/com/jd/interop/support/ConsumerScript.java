package com.jd.interop.support;

import com.jd.entity.PageResult;
import com.jd.interop.BrandException;
import com.jd.interop.Color;
import com.jd.interop.Page;
import com.jd.interop.Temporals;
import com.jd.interop.TypeMatrixService;
import com.jd.pojo.TbBrand;
import com.jd.sellergoods.service.BrandService;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Every call the Java consumer makes, against whatever provider the registry offers. Prints one JSON
 * line per call (format in interop/java/README.md) and a final {@code {"done":true,...}} line.
 */
public final class ConsumerScript {
    /** Method-level timeout the consumer configures for {@code sleep}. */
    public static final int SLEEP_TIMEOUT_MS = 500;

    public static final long MAX_SAFE_PLUS_2 = 9007199254740993L; // 2^53 + 1

    private final PrintStream out;
    private final DubboHooks hooks;
    private final String nonce = Long.toString(System.currentTimeMillis(), 36) + Integer.toString((int) (Math.random() * 1e6), 36);
    private int calls;
    private int oks;
    private int matches;

    public ConsumerScript(PrintStream out, DubboHooks hooks) {
        this.out = out;
        this.hooks = hooks;
    }

    /** What a call should give: a value (compared as interop JSON), an error, or anything that succeeds. */
    private static final class Expect {
        final boolean any;
        final Object value;
        final String errorClass; // null with error=true: any error
        final boolean error;
        final boolean stripClass;

        private Expect(boolean any, Object value, boolean error, String errorClass, boolean stripClass) {
            this.any = any;
            this.value = value;
            this.error = error;
            this.errorClass = errorClass;
            this.stripClass = stripClass;
        }
    }

    private static Expect value(Object v) { return new Expect(false, v, false, null, false); }
    private static Expect genericValue(Object v) { return new Expect(false, v, false, null, true); }
    private static Expect success() { return new Expect(true, null, false, null, false); }
    private static Expect error(String cls) { return new Expect(false, null, true, cls, false); }

    private Object call(String name, Expect expect, Callable<Object> fn) {
        calls++;
        long t0 = System.nanoTime();
        Object result = null;
        Throwable failure = null;
        try {
            result = fn.call();
        } catch (Throwable t) {
            failure = t;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        boolean ok = failure == null;
        boolean match;
        Object expectJson;
        if (expect.error) {
            String cls = failure == null ? null : failure.getClass().getName();
            match = !ok && (expect.errorClass == null || expect.errorClass.equals(cls)
                    || ("timeout".equals(expect.errorClass) && Integer.valueOf(2).equals(hooks.rpcExceptionCode(failure))));
            expectJson = new Json.Raw(Json.object("error", expect.errorClass == null ? "any" : expect.errorClass));
        } else if (expect.any) {
            match = ok;
            expectJson = Json.SKIP;
        } else {
            Object actual = expect.stripClass ? stripClass(result) : result;
            match = ok && Json.write(actual).equals(Json.write(expect.value));
            expectJson = new Json.Raw(Json.object("value", expect.value));
        }
        if (ok) oks++;
        if (match) matches++;
        out.println(Json.object(
                "call", name,
                "ok", ok,
                "value", ok ? result : Json.SKIP,
                "error", ok ? Json.SKIP : new Json.Raw(errorJson(failure)),
                "expect", expectJson,
                "match", match,
                "ms", (int) ms));
        out.flush();
        return result;
    }

    private String errorJson(Throwable t) {
        Integer rpcCode = hooks.rpcExceptionCode(t);
        return Json.object(
                "class", t.getClass().getName(),
                "message", t.getMessage(),
                "rpcCode", rpcCode == null ? Json.SKIP : rpcCode,
                "code", t instanceof BrandException ? ((BrandException) t).getCode() : Json.SKIP,
                "cause", t.getCause() == null || t.getCause() == t ? Json.SKIP : t.getCause().getClass().getName());
    }

    /** Generic results come back as maps with a "class" entry; drop it before comparing. */
    @SuppressWarnings("unchecked")
    private static Object stripClass(Object v) {
        if (v instanceof Map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) v).entrySet()) {
                if (!"class".equals(e.getKey())) copy.put(e.getKey(), stripClass(e.getValue()));
            }
            return copy;
        }
        if (v instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object o : (List<Object>) v) copy.add(stripClass(o));
            return copy;
        }
        return v;
    }

    /** Prints the summary line: {@code {"done":true,"calls":n,"ok":n,"match":n,"nonce":…}}. */
    public void done() {
        out.println(Json.object("done", true, "calls", calls, "ok", oks, "match", matches, "nonce", nonce));
        out.flush();
    }

    public void typeMatrix(TypeMatrixService m) {
        call("matrix.whoAmI", success(), m::whoAmI);
        for (int v : new int[] {0, 1, -16, 47, 48, -2048, 2047, 262143, -262144, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            call("matrix.echoInt:" + v, value(v), () -> m.echoInt(v));
        }
        call("matrix.echoInteger:7", value(7), () -> m.echoInteger(7));
        call("matrix.echoInteger:null", value(null), () -> m.echoInteger(null));
        long[] longs = {0L, 1L, -8L, 15L, 2047L, -262144L, 2147483647L, 2147483648L, 9007199254740991L, -9007199254740991L,
            MAX_SAFE_PLUS_2, -MAX_SAFE_PLUS_2, Long.MAX_VALUE, -Long.MAX_VALUE};
        String[] longNames = {"0", "1", "-8", "15", "2047", "-262144", "2^31-1", "2^31", "2^53-1", "-(2^53-1)",
            "2^53+1", "-(2^53+1)", "2^63-1", "-(2^63-1)"};
        for (int i = 0; i < longs.length; i++) {
            long v = longs[i];
            call("matrix.echoLong:" + longNames[i], value(v), () -> m.echoLong(v));
        }
        call("matrix.echoLongBoxed:2^63-1", value(Long.MAX_VALUE), () -> m.echoLongBoxed(Long.MAX_VALUE));
        call("matrix.echoLongBoxed:-(2^53+1)", value(-MAX_SAFE_PLUS_2), () -> m.echoLongBoxed(-MAX_SAFE_PLUS_2));
        call("matrix.echoLongBoxed:42", value(42L), () -> m.echoLongBoxed(42L));
        call("matrix.echoLongBoxed:null", value(null), () -> m.echoLongBoxed(null));
        for (double v : new double[] {0.0, 1.0, -2.5, 0.1, 3.141592653589793, 1e300, 127.0, 32767.0, 2147483648.0}) {
            call("matrix.echoDouble:" + v, value(v), () -> m.echoDouble(v));
        }
        call("matrix.echoBoolean:true", value(true), () -> m.echoBoolean(true));
        call("matrix.echoBoolean:false", value(false), () -> m.echoBoolean(false));
        Map<String, String> strings = new LinkedHashMap<>();
        strings.put("ascii", "hello");
        strings.put("empty", "");
        strings.put("chinese", "联想 华为 小米");
        strings.put("latin1", "ünïcödé àçcéñts");
        strings.put("emoji", "😀👍🏽🇨🇳");
        strings.put("len31", "a".repeat(31));
        strings.put("len32", "b".repeat(32));
        strings.put("len1023", "c".repeat(1023));
        strings.put("len1024", "d".repeat(1024));
        // 32767 units, then a surrogate pair straddling hessian's 0x8000-unit chunk boundary.
        strings.put("chunk-boundary-emoji", "e".repeat(32767) + "😀" + "f".repeat(100));
        for (Map.Entry<String, String> e : strings.entrySet()) {
            String v = e.getValue();
            call("matrix.echoString:" + e.getKey(), value(v), () -> m.echoString(v));
        }
        call("matrix.echoString:null", value(null), () -> m.echoString(null));
        for (String s : new String[] {"123.4500", "-0.000000001", "12345678901234567890.123456789", "0"}) {
            BigDecimal v = new BigDecimal(s);
            call("matrix.echoBigDecimal:" + s, value(v), () -> m.echoBigDecimal(v));
        }
        call("matrix.echoBigDecimal:null", value(null), () -> m.echoBigDecimal(null));
        Date millis = new Date(1709210096789L); // 2024-02-29T12:34:56.789Z
        Date minute = new Date(1704067200000L); // 2024-01-01T00:00:00Z (hessian's compact minute form)
        call("matrix.echoDate:millis", value(millis), () -> m.echoDate(millis));
        call("matrix.echoDate:minute", value(minute), () -> m.echoDate(minute));
        call("matrix.echoDate:null", value(null), () -> m.echoDate(null));
        // BigInteger travels as its raw fields (signum, mag int[]); java.time values as hessian-lite handles.
        for (String s : new String[] {"0", "-1", "9223372036854775808", "-123456789012345678901234567890"}) {
            BigInteger v = new BigInteger(s);
            call("matrix.echoBigInteger:" + s, value(v), () -> m.echoBigInteger(v));
        }
        call("matrix.echoBigInteger:null", value(null), () -> m.echoBigInteger(null));
        LocalDateTime dateTime = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123456789);
        call("matrix.echoLocalDateTime", value(dateTime), () -> m.echoLocalDateTime(dateTime));
        call("matrix.echoLocalDateTime:null", value(null), () -> m.echoLocalDateTime(null));
        Temporals temporals = sampleTemporals();
        call("matrix.echoTemporals", value(temporals), () -> m.echoTemporals(temporals));
        call("matrix.echoTemporals:empty", value(new Temporals()), () -> m.echoTemporals(new Temporals()));
        call("matrix.echoEnum:GREEN", value(Color.GREEN), () -> m.echoEnum(Color.GREEN));
        call("matrix.echoEnum:null", value(null), () -> m.echoEnum(null));
        int[] ints = {1, -1, 0, Integer.MAX_VALUE};
        call("matrix.echoIntArray", value(ints), () -> m.echoIntArray(ints));
        call("matrix.echoIntArray:empty", value(new int[0]), () -> m.echoIntArray(new int[0]));
        String[] strs = {"a", "中", "😀", null, ""};
        call("matrix.echoStringArray", value(strs), () -> m.echoStringArray(strs));
        TbBrand b1 = new TbBrand(1L, "联想", "L");
        TbBrand b2 = new TbBrand(MAX_SAFE_PLUS_2, "Brand 😀", "B");
        List<TbBrand> list = Arrays.asList(b1, b2, b1); // b1 twice: a hessian back-reference
        call("matrix.echoBrandList", value(list), () -> m.echoBrandList(list));
        call("matrix.echoBrandList:empty", value(new ArrayList<>()), () -> m.echoBrandList(new ArrayList<>()));
        call("matrix.echoBrandList:null", value(null), () -> m.echoBrandList(null));
        Map<Long, TbBrand> byId = new HashMap<>();
        byId.put(1L, b1);
        byId.put(MAX_SAFE_PLUS_2, b2);
        call("matrix.echoBrandMap", value(byId), () -> m.echoBrandMap(byId));
        Map<String, Object> objects = new HashMap<>();
        objects.put("int", 1);
        objects.put("long", 5L);
        objects.put("bigLong", MAX_SAFE_PLUS_2);
        objects.put("double", 2.5);
        objects.put("string", "ü😀");
        objects.put("bool", true);
        objects.put("null", null);
        objects.put("list", Arrays.asList(1, "two"));
        objects.put("brand", b1);
        objects.put("date", millis);
        Map<String, Object> nested = new HashMap<>();
        nested.put("k", "v");
        objects.put("nested", nested);
        call("matrix.echoObjectMap", value(objects), () -> m.echoObjectMap(objects));
        Page<TbBrand> page = new Page<>(2L, 1, 10, Arrays.asList(b1, b2));
        call("matrix.echoPage", value(page), () -> m.echoPage(page));
        call("matrix.makePage:2,5", value(expectedPage(2, 5)), () -> m.makePage(2, 5));
        call("matrix.makePage:5,5", value(expectedPage(5, 5)), () -> m.makePage(5, 5));
        call("matrix.returnNull", value(null), m::returnNull);
        call("matrix.returnZero", value(0), m::returnZero);
        call("matrix.returnFalse", value(false), m::returnFalse);
        call("matrix.returnEmptyString", value(""), m::returnEmptyString);
        call("matrix.add:2,3", value(5), () -> m.add(2, 3));
        call("matrix.add:overflow", value(Integer.MIN_VALUE), () -> m.add(Integer.MAX_VALUE, 1));
        call("matrix.describe:2^53+1,7", value(MAX_SAFE_PLUS_2 + ":7"), () -> m.describe(MAX_SAFE_PLUS_2, 7));
        call("matrix.describe:-1,null", value("-1:null"), () -> m.describe(-1L, null));
        call("matrix.fail", error(BrandException.class.getName()), () -> {
            m.fail("brand 42 is broken ✗", 42);
            return null;
        });
        call("matrix.failRuntime", error(IllegalStateException.class.getName()), () -> {
            m.failRuntime("bad state");
            return null;
        });
        call("matrix.sleep:10", value("slept 10"), () -> m.sleep(10));
        call("matrix.sleep:timeout", error("timeout"), () -> m.sleep(SLEEP_TIMEOUT_MS * 3));
    }

    /** The Temporals every side echoes: nanos, a leap day, a pre-1970 instant, a negative duration, a 2^64 BigInteger. */
    public static Temporals sampleTemporals() {
        return new Temporals(
                LocalDate.of(2024, 5, 1),
                LocalTime.of(10, 15, 30, 123456789),
                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 1_000_000),
                Instant.ofEpochSecond(-1L, 1),
                Duration.ofSeconds(-90L, 500_000_000),
                new BigInteger("18446744073709551616"),
                new BigDecimal("123.4500"));
    }

    /** Request attachments out, response attachments back. */
    public void attachments(TypeMatrixService m) {
        String token = "token-" + nonce + "-ü";
        call("matrix.echoAttachment", value(attachmentResult(token, "reply:" + token)), () -> {
            hooks.setNextCallAttachment("interop.token", token);
            String returned = m.echoAttachment("interop.token");
            return attachmentResult(returned, hooks.lastResponseAttachment("interop.reply"));
        });
        call("matrix.echoAttachment:absent", value(attachmentResult(null, "reply:null")), () -> {
            String returned = m.echoAttachment("interop.absent");
            return attachmentResult(returned, hooks.lastResponseAttachment("interop.reply"));
        });
    }

    private static Map<String, Object> attachmentResult(Object returned, Object reply) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("returned", returned);
        r.put("replyAttachment", reply);
        return r;
    }

    private static Page<TbBrand> expectedPage(int pageNum, int pageSize) {
        List<TbBrand> items = new ArrayList<>();
        for (long id = (long) (pageNum - 1) * pageSize + 1; id <= (long) pageNum * pageSize && id <= TypeMatrixServiceImpl.PAGE_TOTAL; id++) {
            items.add(new TbBrand(id, "Brand " + id, "B"));
        }
        return new Page<>(TypeMatrixServiceImpl.PAGE_TOTAL, pageNum, pageSize, items);
    }

    /** The classic tutorial flow, self-contained so that it works against any provider's data. */
    public void brandFlow(BrandService s) {
        String name = "interop-" + nonce;
        call("brand.findAll", success(), s::findAll);
        call("brand.findPage:1,3", success(), () -> {
            PageResult p = s.findPage(1, 3);
            if (p.getRows().size() > 3) throw new AssertionError("findPage(1,3) returned " + p.getRows().size() + " rows");
            return p;
        });
        call("brand.add", value(null), () -> {
            s.add(new TbBrand(null, name, "I"));
            return null;
        });
        Object found = call("brand.search:name", success(), () -> {
            PageResult p = s.search(new TbBrand(null, name, null), 1, 10);
            if (p.getTotal() != 1 || p.getRows().size() != 1) throw new AssertionError("search by name found " + p.getTotal());
            return p;
        });
        Long id = found == null ? null : ((TbBrand) ((PageResult) found).getRows().get(0)).getId();
        call("brand.search:firstChar", success(), () -> {
            PageResult p = s.search(new TbBrand(null, null, "I"), 1, 100);
            for (Object o : p.getRows()) {
                if (!"I".equals(((TbBrand) o).getFirstChar())) throw new AssertionError("search by firstChar returned " + o);
            }
            return p.getTotal();
        });
        call("brand.findOne", value(new TbBrand(id, name, "I")), () -> s.findOne(id));
        call("brand.update", value(null), () -> {
            s.update(new TbBrand(id, name + "-u", "J"));
            return null;
        });
        call("brand.findOne:updated", value(new TbBrand(id, name + "-u", "J")), () -> s.findOne(id));
        call("brand.add:duplicate", error(null), () -> {
            s.add(new TbBrand(null, name + "-u", "J"));
            return null;
        });
        call("brand.add:emptyName", error(null), () -> {
            s.add(new TbBrand(null, "", "E"));
            return null;
        });
        call("brand.delete", value(null), () -> {
            s.delete(new Long[] {id});
            return null;
        });
        call("brand.findOne:deleted", value(null), () -> s.findOne(id));
    }

    /** {@code $echo} through EchoService. */
    public void echo(Object matrixProxy) {
        call("echo:string", value("ping ✓"), () -> hooks.echo(matrixProxy, "ping ✓"));
        call("echo:int", value(42), () -> hooks.echo(matrixProxy, 42));
        TbBrand b = new TbBrand(3L, "三星", "S");
        call("echo:brand", value(b), () -> hooks.echo(matrixProxy, b));
        call("echo:null", value(null), () -> hooks.echo(matrixProxy, null));
    }

    /** {@code GenericService.$invoke} on TypeMatrixService, without using the local interface. */
    public void genericMatrix() {
        String matrix = TypeMatrixService.class.getName();
        call("generic.matrix.echoString", value("héllo 😀"),
                () -> hooks.genericInvoke(matrix, "echoString", new String[] {"java.lang.String"}, new Object[] {"héllo 😀"}));
        call("generic.matrix.add", value(5),
                () -> hooks.genericInvoke(matrix, "add", new String[] {"int", "int"}, new Object[] {2, 3}));
        call("generic.matrix.echoLong:2^63-1", value(Long.MAX_VALUE),
                () -> hooks.genericInvoke(matrix, "echoLong", new String[] {"long"}, new Object[] {Long.MAX_VALUE}));
        call("generic.matrix.describe", value("7:null"),
                () -> hooks.genericInvoke(matrix, "describe", new String[] {"long", "java.lang.Integer"}, new Object[] {7L, null}));
        call("generic.matrix.makePage", genericValue(expectedPage(2, 5)),
                () -> hooks.genericInvoke(matrix, "makePage", new String[] {"int", "int"}, new Object[] {2, 5}));
        Map<String, Object> brand = new HashMap<>();
        brand.put("id", 11L);
        brand.put("name", "generic 品牌");
        brand.put("firstChar", "G");
        call("generic.matrix.echoBrandList", genericValue(Arrays.asList(new TbBrand(11L, "generic 品牌", "G"))),
                () -> hooks.genericInvoke(matrix, "echoBrandList", new String[] {"java.util.List"}, new Object[] {Arrays.asList(brand)}));
        call("generic.matrix.fail", error(null),
                () -> hooks.genericInvoke(matrix, "fail", new String[] {"java.lang.String", "int"}, new Object[] {"generic boom", 7}));
        call("generic.matrix.noSuchMethod", error(null),
                () -> hooks.genericInvoke(matrix, "noSuchMethod", new String[] {}, new Object[] {}));
    }

    /**
     * Load mode (system property {@code interop.loop.ms}, for graceful-shutdown tests): calls
     * {@code whoAmI} from {@code threads} threads for {@code millis} ms, then prints one line
     * {@code {"loop":true,"calls":n,"failures":n,"answers":{"<whoAmI>":n,…},"errors":[first 5]}}.
     * With {@code retries=0} on the reference, any call that a provider's shutdown breaks counts.
     */
    public void loop(TypeMatrixService m, long millis, int threads) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> answers =
                new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (System.currentTimeMillis() < end) {
                    total.incrementAndGet();
                    try {
                        String who = m.whoAmI();
                        answers.computeIfAbsent(String.valueOf(who), k -> new java.util.concurrent.atomic.AtomicInteger())
                                .incrementAndGet();
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                        if (errors.size() < 5) errors.add(e.getClass().getName() + ": " + e.getMessage());
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread w : workers) w.join();
        Map<String, Object> counts = new java.util.TreeMap<>();
        for (Map.Entry<String, java.util.concurrent.atomic.AtomicInteger> e : answers.entrySet()) {
            counts.put(e.getKey(), e.getValue().get());
        }
        out.println(Json.object("loop", true, "calls", total.get(), "failures", failures.get(), "answers", counts,
                "errors", new ArrayList<>(errors)));
        out.flush();
    }

    /** {@code GenericService.$invoke} on BrandService. */
    public void genericBrand() {
        call("generic.brand.findAll", success(),
                () -> hooks.genericInvoke(BrandService.class.getName(), "findAll", new String[] {}, new Object[] {}));
    }
}
