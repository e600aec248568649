package com.jd.entity;

import java.io.Serializable;
import java.util.List;

/** One page of rows plus the total number of matching rows (the classic tutorial's raw {@code List}). */
public class PageResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private long total;
    @SuppressWarnings("rawtypes")
    private List rows;

    public PageResult() {}

    @SuppressWarnings("rawtypes")
    public PageResult(long total, List rows) {
        this.total = total;
        this.rows = rows;
    }

    public long getTotal() { return total; }
    public void setTotal(long total) { this.total = total; }
    @SuppressWarnings("rawtypes")
    public List getRows() { return rows; }
    @SuppressWarnings("rawtypes")
    public void setRows(List rows) { this.rows = rows; }
}
