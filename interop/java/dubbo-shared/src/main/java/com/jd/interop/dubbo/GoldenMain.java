package com.jd.interop.dubbo;

import com.jd.interop.BrandException;
import com.jd.interop.Color;
import com.jd.interop.Page;
import com.jd.interop.Temporals;
import com.jd.interop.TypeMatrixService;
import com.jd.interop.frames.FrameWriter;
import com.jd.interop.support.ConsumerScript;
import com.jd.interop.support.Json;
import com.jd.interop.support.Lifecycle;
import com.jd.interop.support.Settings;
import com.jd.pojo.TbBrand;
import com.jd.sellergoods.service.BrandService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.Version;
import org.apache.dubbo.remoting.Channel;
import org.apache.dubbo.remoting.Codec2;
import org.apache.dubbo.remoting.buffer.ChannelBuffer;
import org.apache.dubbo.remoting.buffer.ChannelBuffers;
import org.apache.dubbo.remoting.exchange.Request;
import org.apache.dubbo.remoting.exchange.Response;
import org.apache.dubbo.rpc.AppResponse;
import org.apache.dubbo.rpc.RpcInvocation;

/**
 * Writes golden Dubbo frames with Dubbo's own codec ({@code DubboCodec.encode}, the codec the
 * netty pipeline runs, into a ChannelBuffer with a minimal channel whose URL says
 * {@code serialization=hessian2}), one {@code <dubbo-version>-<name>.bin} per frame plus a
 * {@code .json} that describes it. The description is read back from the bytes with hessian-lite's
 * Hessian2Input and checked against what was encoded, so a .json never claims more than the bytes
 * hold. Format: packages/protocol/test/fixtures/golden/README.md.
 *
 * <pre>--out packages/protocol/test/fixtures/golden</pre>
 */
public final class GoldenMain {
    private static final String MATRIX = TypeMatrixService.class.getName();
    private static final String BRAND = BrandService.class.getName();

    private final Codec2 codec;
    private final Channel channel;
    private final String version;
    private final FrameWriter writer;

    private GoldenMain(Path out) throws IOException {
        VersionHooks hooks = new VersionHooks();
        hooks.allowSerialization(TbBrand.class, Page.class, Color.class, BrandException.class, com.jd.entity.PageResult.class, Temporals.class);
        this.codec = hooks.newCodec();
        this.version = hooks.version();
        this.writer = new FrameWriter(out, version, "org.apache.dubbo.rpc.protocol.dubbo.DubboCodec.encode (interop/java GoldenMain)");
        URL url = URL.valueOf("dubbo://127.0.0.1:20880/" + MATRIX + "?serialization=hessian2&payload=8388608");
        this.channel = channel(url);
    }

    public static void main(String[] argv) throws Exception {
        Lifecycle.quietLogging();
        Settings s = new Settings(argv);
        Path out = Paths.get(s.get("out", null, "../../packages/protocol/test/fixtures/golden"));
        Files.createDirectories(out);
        GoldenMain g = new GoldenMain(out);
        g.requests();
        g.responses();
        g.events();
        g.errors();
        System.out.println(Json.object("golden", g.version, "out", out.toString(), "files", g.writer.written()));
        System.exit(0);
    }

    /** A Channel that only answers what the codec asks: its URL, addresses and attributes. */
    private static Channel channel(URL url) {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 20880);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 54321);
        return (Channel) Proxy.newProxyInstance(GoldenMain.class.getClassLoader(), new Class<?>[] {Channel.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getUrl": return url;
                        case "getLocalAddress": return local;
                        case "getRemoteAddress": return remote;
                        case "isConnected": return true;
                        case "isClosed": return false;
                        case "hasAttribute": return attributes.containsKey((String) args[0]);
                        case "getAttribute": return attributes.get((String) args[0]);
                        case "setAttribute": attributes.put((String) args[0], args[1]); return null;
                        case "removeAttribute": attributes.remove((String) args[0]); return null;
                        case "toString": return "GoldenChannel[" + url + "]";
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default:
                            if (method.getReturnType() == boolean.class) return false;
                            if (method.getReturnType().isPrimitive() && method.getReturnType() != void.class) return 0;
                            return null;
                    }
                });
    }

    // ---------------------------------------------------------------- requests

    private static final TbBrand B1 = new TbBrand(1L, "联想", "L");
    private static final TbBrand B2 = new TbBrand(9007199254740993L, "Brand 😀", "B");

    private void requests() throws Exception {
        request("req-echoString", 1, MATRIX, "echoString", new Object[] {"héllo 😀 联想"}, "String with non-ASCII and an emoji (CESU-8 surrogates)");
        request("req-echoLong-max", 2, MATRIX, "echoLong", new Object[] {Long.MAX_VALUE}, "long 2^63-1 ('L' form)");
        request("req-echoLong-2p53p1", 3, MATRIX, "echoLong", new Object[] {-9007199254740993L}, "long -(2^53+1), beyond JS safe integers");
        request("req-add", 4, MATRIX, "add", new Object[] {2, 3}, "(int,int) signature, descriptor II");
        request("req-describe", 5, MATRIX, "describe", new Object[] {9007199254740993L, null}, "(long,Integer) signature with a null Integer");
        request("req-echoBigDecimal", 6, MATRIX, "echoBigDecimal", new Object[] {new BigDecimal("123.4500")}, "BigDecimal: object java.math.BigDecimal {value}");
        request("req-echoDate", 7, MATRIX, "echoDate", new Object[] {new Date(1709210096789L)}, "Date with milliseconds (0x4a)");
        request("req-echoDate-minute", 8, MATRIX, "echoDate", new Object[] {new Date(1704067200000L)}, "Date on a whole minute (compact 0x4b)");
        request("req-echoEnum", 9, MATRIX, "echoEnum", new Object[] {Color.GREEN}, "enum: object com.jd.interop.Color {name}");
        request("req-echoIntArray", 10, MATRIX, "echoIntArray", new Object[] {new int[] {1, -1, 0, Integer.MAX_VALUE}}, "int[]: typed list [int");
        request("req-echoStringArray", 11, MATRIX, "echoStringArray", new Object[] {new String[] {"a", "中", "😀", null, ""}}, "String[]: typed list [string, with a null");
        request("req-echoBrandList", 12, MATRIX, "echoBrandList", new Object[] {Arrays.asList(B1, B2, B1)},
                "List<TbBrand> with the same object twice: a class definition, then a back-reference");
        Map<Long, TbBrand> byId = new HashMap<>();
        byId.put(1L, B1);
        byId.put(9007199254740993L, B2);
        request("req-echoBrandMap", 13, MATRIX, "echoBrandMap", new Object[] {byId}, "Map<Long,TbBrand> (HashMap: untyped 'H' map with long keys)");
        request("req-echoObjectMap", 14, MATRIX, "echoObjectMap", new Object[] {objectMap()}, "Map<String,Object> with mixed values");
        request("req-echoPage", 15, MATRIX, "echoPage", new Object[] {new Page<>(2L, 1, 10, Arrays.asList(B1, B2))}, "generic Page<TbBrand>");
        request("req-whoAmI", 16, MATRIX, "whoAmI", new Object[0], "no arguments: empty descriptor");
        request("req-brand-delete", 17, BRAND, "delete", new Object[] {new Long[] {7L, 9007199254740993L}}, "Long[]: typed list [java.lang.Long");
        request("req-brand-search", 18, BRAND, "search", new Object[] {new TbBrand(null, "联", "L"), 1, 10}, "(TbBrand,int,int) with a null field");
        request("req-brand-findOne", -2, BRAND, "findOne", new Object[] {1L}, "negative request id (3.x ids start random and wrap)");
        request("req-brand-findPage-bigid", 9007199254740993L, BRAND, "findPage", new Object[] {1, 3}, "request id 2^53+1 (ids are int64)");

        request("req-echoTemporals", 23, MATRIX, "echoTemporals", new Object[] {ConsumerScript.sampleTemporals()},
                "DTO with java.time values (hessian-lite java8.*Handle objects, nested handles for LocalDateTime), BigInteger, BigDecimal");
        request("req-echoBigInteger", 24, MATRIX, "echoBigInteger", new Object[] {new BigInteger("-18446744073709551617")},
                "BigInteger -(2^64+1): object java.math.BigInteger with its JDK fields (signum, mag int[], cached bit counts)");
        request("req-echoLocalDateTime", 25, MATRIX, "echoLocalDateTime", new Object[] {LocalDateTime.of(2024, 5, 1, 10, 15, 30)},
                "LocalDateTime parameter: LocalDateTimeHandle {time: LocalTimeHandle, date: LocalDateHandle}");

        RpcInvocation echo = invocation(MATRIX, "$echo", new Class<?>[] {Object.class}, new Object[] {"ping"});
        frame("req-echo", "$echo(\"ping\"), descriptor Ljava/lang/Object; (EchoService)", request(20, echo, true), echo.getArguments(),
                "java.lang.Object");

        RpcInvocation generic = invocation(MATRIX, "$invoke", new Class<?>[] {String.class, String[].class, Object[].class},
                new Object[] {"echoBrandList", new String[] {"java.util.List"}, new Object[] {Arrays.asList(genericBrand())}});
        generic.setAttachment("generic", "true");
        frame("req-generic", "GenericService.$invoke(\"echoBrandList\", [\"java.util.List\"], [[{id,name,firstChar,class}]]) with generic=true",
                request(21, generic, true), generic.getArguments(), "java.lang.String", "java.lang.String[]", "java.lang.Object[]");

        Method add = TypeMatrixService.class.getMethod("add", int.class, int.class);
        RpcInvocation oneway = invocation(MATRIX, add, new Object[] {40, 2});
        frame("req-oneway", "one-way request (no FLAG_TWOWAY): add(40, 2) with return=false", request(22, oneway, false), oneway.getArguments(),
                "int", "int");
    }

    private static Map<String, Object> objectMap() {
        Map<String, Object> m = new HashMap<>();
        m.put("int", 1);
        m.put("long", 5L);
        m.put("bigLong", 9007199254740993L);
        m.put("double", 2.5);
        m.put("string", "ü😀");
        m.put("bool", true);
        m.put("null", null);
        m.put("list", Arrays.asList(1, "two"));
        m.put("brand", B1);
        m.put("date", new Date(1709210096789L));
        Map<String, Object> nested = new HashMap<>();
        nested.put("k", "v");
        m.put("nested", nested);
        return m;
    }

    private static Map<String, Object> genericBrand() {
        Map<String, Object> m = new HashMap<>();
        m.put("class", TbBrand.class.getName());
        m.put("id", 11L);
        m.put("name", "generic 品牌");
        m.put("firstChar", "G");
        return m;
    }

    private void request(String name, long id, String service, String methodName, Object[] args, String note) throws Exception {
        Class<?> type = service.equals(MATRIX) ? TypeMatrixService.class : BrandService.class;
        Method method = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(methodName)) method = m;
        }
        RpcInvocation inv = invocation(service, method, args);
        frame(name, note, request(id, inv, true), args, typeNames(method.getGenericParameterTypes()));
    }

    /** An invocation with the attachments a Java consumer sends (DubboInvoker, AbstractInvoker). */
    private static RpcInvocation invocation(String service, Method method, Object[] args) {
        RpcInvocation inv = invocation(service, method.getName(), method.getParameterTypes(), args);
        return inv;
    }

    private static RpcInvocation invocation(String service, String methodName, Class<?>[] types, Object[] args) {
        RpcInvocation inv = new RpcInvocation();
        inv.setMethodName(methodName);
        inv.setParameterTypes(types);
        inv.setParameterTypesDesc(org.apache.dubbo.common.utils.ReflectUtils.getDesc(types));
        inv.setArguments(args);
        inv.setAttachment("path", service);
        inv.setAttachment("interface", service);
        inv.setAttachment("version", "1.0.0");
        inv.setAttachment("timeout", "3000");
        inv.setAttachment("remote.application", "interop-golden");
        return inv;
    }

    private static Request request(long id, Object data, boolean twoWay) {
        Request req = new Request(id);
        req.setVersion(Version.getProtocolVersion());
        req.setTwoWay(twoWay);
        req.setData(data);
        return req;
    }

    // ---------------------------------------------------------------- responses

    private void responses() throws Exception {
        Map<String, Object> attachments = new HashMap<>();
        attachments.put("interop.reply", "reply:token-ü");
        // Flags 0..2: the request's dubbo version is outside [2.0.2, 2.0.99] (e.g. a 2.5.x caller).
        response("resp-flag0-exception", "void", 101, "2.5.3", AppResponse_exception(brandException()), null,
                "flag 0 RESPONSE_WITH_EXCEPTION: checked com.jd.interop.BrandException (detailMessage, code)");
        response("resp-flag1-value", "java.lang.String", 102, "2.5.3", new AppResponse("hello ✓"), null, "flag 1 RESPONSE_VALUE: a String");
        response("resp-flag2-null", "java.lang.String", 103, "2.5.3", new AppResponse((Object) null), null, "flag 2 RESPONSE_NULL_VALUE (also: void methods)");
        // Flags 3..5: request version "2.0.2"; Java adds "dubbo" -> "2.0.2" to the attachments.
        response("resp-flag3-exception-attachments", "void", 104, "2.0.2", AppResponse_exception(brandException()), attachments,
                "flag 3 RESPONSE_WITH_EXCEPTION_WITH_ATTACHMENTS: BrandException + attachments");
        response("resp-flag3-runtime-exception", "void", 105, "2.0.2", AppResponse_exception(runtimeException()), null,
                "flag 3 with java.lang.IllegalStateException");
        response("resp-flag4-value-attachments", "java.lang.String", 106, "2.0.2", new AppResponse("token-ü"), attachments,
                "flag 4 RESPONSE_VALUE_WITH_ATTACHMENTS: echoAttachment's reply");
        response("resp-flag5-null-attachments", "void", 107, "2.0.2", new AppResponse((Object) null), null,
                "flag 5 RESPONSE_NULL_VALUE_WITH_ATTACHMENTS (void or null)");
        response("resp-flag4-long-max", "long", 108, "2.0.2", new AppResponse(Long.MAX_VALUE), null, "long 2^63-1 result");
        response("resp-flag4-int-zero", "int", 109, "2.0.2", new AppResponse(0), null, "falsy int 0");
        response("resp-flag4-false", "boolean", 110, "2.0.2", new AppResponse(false), null, "falsy boolean false");
        response("resp-flag4-empty-string", "java.lang.String", 111, "2.0.2", new AppResponse(""), null, "falsy empty string");
        response("resp-flag4-page", "com.jd.interop.Page<com.jd.pojo.TbBrand>", 112, "2.0.2", new AppResponse(page()), null, "Page<TbBrand> as makePage(2,5) returns it");
        response("resp-flag4-brandList", "java.util.List<com.jd.pojo.TbBrand>", 113, "2.0.2", new AppResponse(Arrays.asList(B1, B2, B1)), null, "List<TbBrand> with a back-reference");
        response("resp-flag4-objectMap", "java.util.Map<java.lang.String, java.lang.Object>", 114, "2.0.2", new AppResponse(objectMap()), null, "Map<String,Object> with mixed values");
        response("resp-flag4-bigdecimal", "java.math.BigDecimal", 115, "2.0.2", new AppResponse(new BigDecimal("-0.000000001")), null, "BigDecimal -1E-9");
        response("resp-flag4-date", "java.util.Date", 116, "2.0.2", new AppResponse(new Date(1709210096789L)), null, "Date");
        response("resp-flag4-enum", "com.jd.interop.Color", 117, "2.0.2", new AppResponse(Color.BLUE), null, "enum BLUE");
        response("resp-flag4-stringArray", "java.lang.String[]", 118, "2.0.2", new AppResponse(new String[] {"x", null, "😀"}), null, "String[]");
        response("resp-flag4-intArray", "int[]", 119, "2.0.2", new AppResponse(new int[] {0, 47, 48, -2048, 262143}), null, "int[] with compact forms");
        response("resp-flag4-pageResult", "com.jd.entity.PageResult", 120, "2.0.2",
                new AppResponse(new com.jd.entity.PageResult(6L, Arrays.asList(B1))), null, "BrandService PageResult {total, rows}");
        javaTime();
    }

    /** java.time values and BigInteger as results (hessian-lite java8.*Handle objects; BigInteger's raw fields). */
    private void javaTime() throws Exception {
        Temporals edge = new Temporals(LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(1970, 1, 1, 0, 0),
                Instant.ofEpochSecond(1709210096L, 789_000_000), Duration.ZERO, new BigInteger("0"), new BigDecimal("-1E-9"));
        Temporals sample = ConsumerScript.sampleTemporals();
        // [edge, sample, sample, empty]: the back-reference to `sample` counts every handle written before it.
        response("resp-flag4-temporalsList", "java.util.List<com.jd.interop.Temporals>", 121, "2.0.2",
                new AppResponse(Arrays.asList(edge, sample, sample, new Temporals())), null,
                "List<Temporals> [edge values, sample, same sample (back-reference), all fields null]");
        response("resp-flag4-localDate", "java.time.LocalDate", 122, "2.0.2", new AppResponse(LocalDate.of(-5, 12, 31)), null,
                "LocalDate -0005-12-31: LocalDateHandle {day, month, year}");
        response("resp-flag4-localTime", "java.time.LocalTime", 123, "2.0.2", new AppResponse(LocalTime.of(23, 5)), null,
                "LocalTime 23:05 (Java's toString drops zero seconds): LocalTimeHandle {nano, second, minute, hour}");
        response("resp-flag4-instant", "java.time.Instant", 124, "2.0.2", new AppResponse(Instant.parse("+10000-01-01T00:00:00.5Z")), null,
                "Instant after year 9999: InstantHandle {nanos, seconds}");
        response("resp-flag4-duration", "java.time.Duration", 125, "2.0.2", new AppResponse(Duration.ofHours(25).plusMillis(1)), null,
                "Duration PT25H0.001S: DurationHandle {nanos, seconds}");
        response("resp-flag4-bigInteger", "java.math.BigInteger", 126, "2.0.2", new AppResponse(new BigInteger("-9223372036854775809")), null,
                "BigInteger -(2^63+1): mag [0x80000000, 1] (a word with the sign bit set)");
        response("resp-flag4-bigInteger-zero", "java.math.BigInteger", 127, "2.0.2", new AppResponse(new BigInteger("0")), null,
                "BigInteger 0: signum 0, empty mag");
        LocalDateTime ldt = LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_000_000);
        response("resp-flag4-zonedDateTime", "java.time.ZonedDateTime", 129, "2.0.2",
                new AppResponse(java.time.ZonedDateTime.of(ldt, java.time.ZoneId.of("Asia/Shanghai"))), null,
                "ZonedDateTime in a region zone: ZonedDateTimeHandle {offset: ZoneOffsetHandle, dateTime: LocalDateTimeHandle, zoneId}");
        response("resp-flag4-zonedDateTime-offset", "java.time.ZonedDateTime", 130, "2.0.2",
                new AppResponse(java.time.ZonedDateTime.of(LocalDateTime.of(2024, 5, 1, 10, 15), java.time.ZoneOffset.ofHoursMinutes(-5, -30))),
                null, "ZonedDateTime whose zone is an offset (zoneId \"-05:30\")");
        response("resp-flag4-offsetDateTime", "java.time.OffsetDateTime", 131, "2.0.2",
                new AppResponse(java.time.OffsetDateTime.of(ldt, java.time.ZoneOffset.UTC)), null,
                "OffsetDateTime at Z: OffsetDateTimeHandle {offset, dateTime}");
        response("resp-flag4-offsetTime", "java.time.OffsetTime", 132, "2.0.2",
                new AppResponse(java.time.OffsetTime.of(LocalTime.of(23, 59, 59, 1), java.time.ZoneOffset.ofHoursMinutesSeconds(5, 30, 15))), null,
                "OffsetTime with a seconds offset: OffsetTimeHandle {zoneOffset, localTime}");
        response("resp-flag4-zoneId", "java.time.ZoneId", 133, "2.0.2", new AppResponse(java.time.ZoneId.of("Europe/Paris")), null,
                "ZoneId region: ZoneIdHandle {zoneId}");
        response("resp-flag4-zoneId-offset", "java.time.ZoneId", 134, "2.0.2", new AppResponse(java.time.ZoneId.of("+08:00")), null,
                "ZoneId that is a ZoneOffset: ZoneOffsetHandle {seconds}");
        response("resp-flag4-period", "java.time.Period", 135, "2.0.2", new AppResponse(java.time.Period.of(1, -2, 30)), null,
                "Period P1Y-2M30D: PeriodHandle {days, months, years}");
        response("resp-flag4-year", "java.time.Year", 136, "2.0.2", new AppResponse(java.time.Year.of(-44)), null,
                "Year -44: YearHandle {year}");
        response("resp-flag4-yearMonth", "java.time.YearMonth", 137, "2.0.2", new AppResponse(java.time.YearMonth.of(2024, 2)), null,
                "YearMonth 2024-02: YearMonthHandle {month, year}");
        response("resp-flag4-monthDay", "java.time.MonthDay", 138, "2.0.2", new AppResponse(java.time.MonthDay.of(2, 29)), null,
                "MonthDay --02-29: MonthDayHandle {day, month}");
        compactJavaTime();
    }

    /**
     * hessian-lite 4.0.4+ (Dubbo 3.3) with -Dcom.caucho.hessian.io.java.time.serializer.compactMode=true
     * writes LocalDate, LocalTime, LocalDateTime as objects of those classes holding epoch-day and
     * nano-of-day longs (LocalDate and LocalTime: a class definition with no field, then one long).
     * Skipped where hessian-lite has no such mode (2.7's 3.2.13).
     */
    private void compactJavaTime() throws Exception {
        Class<?> config;
        try {
            config = Class.forName("com.alibaba.com.caucho.hessian.io.java8.SerializationConfig");
        } catch (ClassNotFoundException e) {
            return;
        }
        java.lang.reflect.Field compact = config.getDeclaredField("compactMode");
        compact.setAccessible(true);
        compact.setBoolean(null, true);
        try {
            Temporals t = ConsumerScript.sampleTemporals();
            response("resp-flag4-temporals-compact", "java.util.List<com.jd.interop.Temporals>", 128, "2.0.2",
                    new AppResponse(Arrays.asList(t, t)), null,
                    "compact java.time mode (3.3 opt-in): java.time.LocalDate/LocalTime as a field-less class + one long, "
                            + "java.time.LocalDateTime {date, time} longs; the same Temporals twice (back-reference)");
        } finally {
            compact.setBoolean(null, false);
        }
    }

    private static AppResponse AppResponse_exception(Throwable t) {
        AppResponse r = new AppResponse();
        r.setException(t);
        return r;
    }

    private static BrandException brandException() {
        BrandException e = new BrandException("brand 42 is broken ✗", 42);
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.jd.interop.support.TypeMatrixServiceImpl", "fail", "TypeMatrixServiceImpl.java", 60)});
        return e;
    }

    private static IllegalStateException runtimeException() {
        IllegalStateException e = new IllegalStateException("bad state");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.jd.interop.support.TypeMatrixServiceImpl", "failRuntime", "TypeMatrixServiceImpl.java", 65)});
        return e;
    }

    private static Page<TbBrand> page() {
        List<TbBrand> items = new ArrayList<>();
        for (long id = 6; id <= 10; id++) items.add(new TbBrand(id, "Brand " + id, "B"));
        return new Page<>(23L, 2, 5, items);
    }

    private void response(String name, String returnType, long id, String requestVersion, AppResponse result,
            Map<String, Object> attachments, String note) throws Exception {
        if (attachments != null) result.setObjectAttachments(new HashMap<>(attachments));
        Response res = new Response(id, requestVersion);
        res.setStatus(Response.OK);
        res.setResult(result);
        Object expected = result.getException() != null ? result.getException() : result.getValue();
        frame(name, note + " (request dubbo version " + requestVersion + ")", res, expected, returnType);
    }

    // ---------------------------------------------------------------- events

    private void events() throws Exception {
        Request hb = new Request(201);
        hb.setVersion(Version.getProtocolVersion());
        hb.setTwoWay(true);
        hb.setEvent((String) null); // HEARTBEAT_EVENT = null
        frame("heartbeat-request", "heartbeat request: event, two-way, body = hessian null 'N'", hb, null);
        Response hbr = new Response(201, Version.getProtocolVersion());
        hbr.setEvent((String) null);
        frame("heartbeat-response", "heartbeat response: event flag, status 20, body 'N'", hbr, null);
        Request ro = new Request(202);
        ro.setVersion(Version.getProtocolVersion());
        ro.setTwoWay(false);
        ro.setEvent("R");
        frame("event-readonly", "read-only event \"R\" (graceful shutdown): one-way event request, body = hessian string \"R\"", ro, "R");
        if (Version.getIntVersion(version) >= Version.getIntVersion("3.0.0")) {
            Request w = new Request(203);
            w.setVersion(Version.getProtocolVersion());
            w.setTwoWay(false);
            w.setEvent("W");
            frame("event-writeable", "writeable event \"W\" (3.x): one-way event request, body = hessian string \"W\"", w, "W");
        }
    }

    // ---------------------------------------------------------------- error statuses

    private void errors() throws Exception {
        error("status-40-bad-request", 301, (byte) 40,
                "Fail to decode request due to: RpcInvocation [methodName=echoLong, parameterTypes=null], "
                        + "java.lang.IllegalArgumentException: Service not found:com.jd.interop.TypeMatrixService, echoLong",
                "BAD_REQUEST: the provider could not decode the request (e.g. a descriptor that matches no method)");
        error("status-50-bad-response", 302, (byte) 50,
                "Failed to send response: Response [id=302, version=2.0.2, status=20, event=false, error=null, result=AppResponse "
                        + "[value=java.lang.Object@1, exception=null]], cause: java.lang.IllegalStateException: Serialized class java.lang.Object must implement java.io.Serializable",
                "BAD_RESPONSE: encoding the result failed on the provider");
        error("status-70-service-error", 303, (byte) 70,
                "org.apache.dubbo.remoting.RemotingException: Not found exported service: com.jd.interop.TypeMatrixService:2.0.0:20880 in "
                        + "[com.jd.interop.TypeMatrixService:1.0.0:20880], may be version or group mismatch , channel: consumer: "
                        + "/127.0.0.1:54321 --> provider: /127.0.0.1:20880, message:RpcInvocation [methodName=whoAmI]",
                "SERVICE_ERROR: the service/version/group is not exported here (message is normally a stack trace)");
        error("status-80-server-error", 304, (byte) 80, "java.util.concurrent.ExecutionException: boom", "SERVER_ERROR");
        error("status-90-client-error", 305, (byte) 90, "Data length too large: 9000000, max payload: 8388608", "CLIENT_ERROR");
        error("status-100-threadpool-exhausted", 306, (byte) 100,
                "Server side(127.0.0.1,20880) thread pool is exhausted, detail msg:Thread pool is EXHAUSTED! Thread Name: "
                        + "DubboServerHandler-127.0.0.1:20880, Pool Size: 200 (active: 200, core: 200, max: 200, largest: 200)",
                "SERVER_THREADPOOL_EXHAUSTED_ERROR");
        if (Version.getIntVersion(version) >= Version.getIntVersion("3.2.3")) {
            error("status-25-serialization-error", 307, (byte) 25,
                    "Data length too large: 9000000, max payload: 8388608, channel: NettyChannel [channel=[id: 0x1, L:/127.0.0.1:20880 - R:/127.0.0.1:54321]]",
                    "SERIALIZATION_ERROR (3.2.3+): response larger than the payload limit");
        }
    }

    private void error(String name, long id, byte status, String message, String note) throws Exception {
        Response res = new Response(id, Version.getProtocolVersion());
        res.setStatus(status);
        res.setErrorMessage(message);
        frame(name, note, res, message);
    }

    // ---------------------------------------------------------------- encode, describe, check, write

    private static String[] typeNames(java.lang.reflect.Type[] types) {
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) names[i] = types[i].getTypeName();
        return names;
    }

    /**
     * Encodes {@code msg}, reads the bytes back, checks them against {@code expected} and writes the
     * pair. {@code types}: the parameter types of a request, or the return type of a response.
     */
    private void frame(String name, String note, Object msg, Object expected, String... types) throws Exception {
        ChannelBuffer buffer = ChannelBuffers.dynamicBuffer(1024);
        codec.encode(channel, buffer, msg);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        String requestVersion = msg instanceof Response ? ((Response) msg).getVersion() : null;
        writer.write(name, note, bytes, expected, types, requestVersion);
    }

}
