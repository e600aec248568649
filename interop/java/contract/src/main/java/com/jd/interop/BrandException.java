package com.jd.interop;

/**
 * The checked business exception of the type matrix. It carries a {@code code} field besides the
 * message, so a peer must serialize it as a hessian object {@code com.jd.interop.BrandException}
 * with at least the fields {@code detailMessage} and {@code code}.
 */
public class BrandException extends Exception {
    private static final long serialVersionUID = 1L;

    private int code;

    public BrandException() {}

    public BrandException(String message, int code) {
        super(message);
        this.code = code;
    }

    public int getCode() { return code; }
}
