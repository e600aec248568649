package com.jd.interop.support;

import com.jd.interop.BrandException;
import com.jd.interop.Color;
import com.jd.interop.Page;
import com.jd.interop.Temporals;
import com.jd.interop.TypeMatrixService;
import com.jd.pojo.TbBrand;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** The Java implementation of the type matrix; semantics on {@link TypeMatrixService}. */
public class TypeMatrixServiceImpl implements TypeMatrixService {
    /** Number of synthetic brands behind {@link #makePage}. */
    public static final int PAGE_TOTAL = 23;

    private final DubboHooks hooks;

    public TypeMatrixServiceImpl(DubboHooks hooks) {
        this.hooks = hooks;
    }

    @Override public int echoInt(int v) { return v; }
    @Override public Integer echoInteger(Integer v) { return v; }
    @Override public long echoLong(long v) { return v; }
    @Override public Long echoLongBoxed(Long v) { return v; }
    @Override public double echoDouble(double v) { return v; }
    @Override public boolean echoBoolean(boolean v) { return v; }
    @Override public String echoString(String v) { return v; }
    @Override public BigDecimal echoBigDecimal(BigDecimal v) { return v; }
    @Override public Date echoDate(Date v) { return v; }
    @Override public BigInteger echoBigInteger(BigInteger v) { return v; }
    @Override public LocalDateTime echoLocalDateTime(LocalDateTime v) { return v; }
    @Override public Temporals echoTemporals(Temporals v) { return v; }
    @Override public Color echoEnum(Color v) { return v; }
    @Override public int[] echoIntArray(int[] v) { return v; }
    @Override public String[] echoStringArray(String[] v) { return v; }
    @Override public List<TbBrand> echoBrandList(List<TbBrand> v) { return v; }
    @Override public Map<Long, TbBrand> echoBrandMap(Map<Long, TbBrand> v) { return v; }
    @Override public Map<String, Object> echoObjectMap(Map<String, Object> v) { return v; }
    @Override public Page<TbBrand> echoPage(Page<TbBrand> v) { return v; }

    @Override
    public Page<TbBrand> makePage(int pageNum, int pageSize) {
        List<TbBrand> items = new ArrayList<>();
        for (long id = (long) (pageNum - 1) * pageSize + 1; id <= (long) pageNum * pageSize && id <= PAGE_TOTAL; id++) {
            if (id >= 1) items.add(new TbBrand(id, "Brand " + id, "B"));
        }
        return new Page<>(PAGE_TOTAL, pageNum, pageSize, items);
    }

    @Override public String returnNull() { return null; }
    @Override public int returnZero() { return 0; }
    @Override public boolean returnFalse() { return false; }
    @Override public String returnEmptyString() { return ""; }
    @Override public int add(int a, int b) { return a + b; }
    @Override public String describe(long id, Integer count) { return id + ":" + count; }

    @Override
    public void fail(String message, int code) throws BrandException {
        throw new BrandException(message, code);
    }

    @Override
    public void failRuntime(String message) {
        throw new IllegalStateException(message);
    }

    @Override
    public String sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "slept " + millis;
    }

    @Override
    public String echoAttachment(String key) {
        Object v = hooks.requestAttachment(key);
        String s = v == null ? null : String.valueOf(v);
        hooks.setResponseAttachment("interop.reply", "reply:" + s);
        return s;
    }

    @Override
    public String whoAmI() {
        return "java/" + hooks.version();
    }
}
