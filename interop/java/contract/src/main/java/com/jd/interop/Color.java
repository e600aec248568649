package com.jd.interop;

/** An enum for the type matrix (hessian: an object with the single field {@code name}). */
public enum Color {
    RED,
    GREEN,
    BLUE
}
