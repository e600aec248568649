package com.jd.pojo;

import java.io.Serializable;
import java.util.Objects;

/** The classic tutorial's brand row. Field names and Java types are part of the wire contract. */
public class TbBrand implements Serializable {
    private static final long serialVersionUID = 1L;

    private Long id;
    private String name;
    private String firstChar;

    public TbBrand() {}

    public TbBrand(Long id, String name, String firstChar) {
        this.id = id;
        this.name = name;
        this.firstChar = firstChar;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getFirstChar() { return firstChar; }
    public void setFirstChar(String firstChar) { this.firstChar = firstChar; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TbBrand)) return false;
        TbBrand b = (TbBrand) o;
        return Objects.equals(id, b.id) && Objects.equals(name, b.name) && Objects.equals(firstChar, b.firstChar);
    }

    @Override
    public int hashCode() { return Objects.hash(id, name, firstChar); }

    @Override
    public String toString() { return "TbBrand{id=" + id + ", name=" + name + ", firstChar=" + firstChar + "}"; }
}
