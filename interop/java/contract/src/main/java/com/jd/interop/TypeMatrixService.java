package com.jd.interop;

import com.jd.pojo.TbBrand;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The interop type matrix, exported as version {@code 1.0.0}. Every provider (Java here, Node in the
 * interop tests) implements exactly these semantics; the Java consumer checks them.
 * <ul>
 *   <li>{@code echoX(v)} returns its argument unchanged (null stays null).</li>
 *   <li>{@code makePage(pageNum, pageSize)}: a page over 23 synthetic brands with ids 1..23, name
 *       {@code "Brand <id>"}, firstChar {@code "B"}; 1-based; {@code total} = 23.</li>
 *   <li>{@code returnNull()} null, {@code returnZero()} 0, {@code returnFalse()} false,
 *       {@code returnEmptyString()} "".</li>
 *   <li>{@code add(a, b)} = a + b (int overflow wraps as in Java).</li>
 *   <li>{@code describe(id, count)} = {@code id + ":" + count}, i.e. {@code "42:null"} for a null count.</li>
 *   <li>{@code fail(message, code)} throws {@code new BrandException(message, code)}.</li>
 *   <li>{@code failRuntime(message)} throws {@code new IllegalStateException(message)}.</li>
 *   <li>{@code sleep(ms)} waits ms milliseconds, then returns {@code "slept " + ms}.</li>
 *   <li>{@code echoAttachment(key)} returns the request attachment {@code key} as a string (null when
 *       absent) and sets the response attachment {@code "interop.reply"} to {@code "reply:" + value}.</li>
 *   <li>{@code echoBigInteger}, {@code echoLocalDateTime}, {@code echoTemporals} return their argument too
 *       (java.time values travel as hessian-lite's {@code java8.*Handle} objects).</li>
 *   <li>{@code whoAmI()} names the implementation, e.g. {@code "java/2.7.23"} or {@code "node/…"}.</li>
 * </ul>
 */
public interface TypeMatrixService {
    int echoInt(int v);

    Integer echoInteger(Integer v);

    long echoLong(long v);

    Long echoLongBoxed(Long v);

    double echoDouble(double v);

    boolean echoBoolean(boolean v);

    String echoString(String v);

    BigDecimal echoBigDecimal(BigDecimal v);

    Date echoDate(Date v);

    BigInteger echoBigInteger(BigInteger v);

    LocalDateTime echoLocalDateTime(LocalDateTime v);

    Temporals echoTemporals(Temporals v);

    Color echoEnum(Color v);

    int[] echoIntArray(int[] v);

    String[] echoStringArray(String[] v);

    List<TbBrand> echoBrandList(List<TbBrand> v);

    Map<Long, TbBrand> echoBrandMap(Map<Long, TbBrand> v);

    Map<String, Object> echoObjectMap(Map<String, Object> v);

    Page<TbBrand> echoPage(Page<TbBrand> v);

    Page<TbBrand> makePage(int pageNum, int pageSize);

    String returnNull();

    int returnZero();

    boolean returnFalse();

    String returnEmptyString();

    int add(int a, int b);

    String describe(long id, Integer count);

    void fail(String message, int code) throws BrandException;

    void failRuntime(String message);

    String sleep(int millis);

    String echoAttachment(String key);

    String whoAmI();
}
