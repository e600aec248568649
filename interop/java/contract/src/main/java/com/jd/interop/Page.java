package com.jd.interop;

import java.io.Serializable;
import java.util.List;

/** A generic page, to check that type parameters travel as their erasure. */
public class Page<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private long total;
    private int pageNum;
    private int pageSize;
    private List<T> items;

    public Page() {}

    public Page(long total, int pageNum, int pageSize, List<T> items) {
        this.total = total;
        this.pageNum = pageNum;
        this.pageSize = pageSize;
        this.items = items;
    }

    public long getTotal() { return total; }
    public void setTotal(long total) { this.total = total; }
    public int getPageNum() { return pageNum; }
    public void setPageNum(int pageNum) { this.pageNum = pageNum; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public List<T> getItems() { return items; }
    public void setItems(List<T> items) { this.items = items; }
}
