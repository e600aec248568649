package com.jd.sellergoods.service;

import com.jd.entity.PageResult;
import com.jd.pojo.TbBrand;
import java.util.List;

/**
 * The classic sellergoods contract, exported as version {@code 1.0.0}. Semantics every provider
 * (Java here, Node in examples/sellergoods-service) must share so that the interop consumer's flow
 * holds against either:
 * <ul>
 *   <li>pages are 1-based; {@code rows} holds at most {@code pageSize} brands ordered by id;</li>
 *   <li>{@code findOne} returns null for an unknown id;</li>
 *   <li>{@code add} assigns the id (the argument's id is ignored); an empty name or a duplicate name
 *       is a business error (an exception thrown by the method);</li>
 *   <li>{@code update} of an unknown id is a business error;</li>
 *   <li>{@code search}: name contains {@code example.name} and firstChar equals
 *       {@code example.firstChar}, each only when non-empty; a null example matches all.</li>
 * </ul>
 */
public interface BrandService {
    List<TbBrand> findAll();

    PageResult findPage(int pageNum, int pageSize);

    TbBrand findOne(Long id);

    void add(TbBrand brand);

    void update(TbBrand brand);

    void delete(Long[] ids);

    PageResult search(TbBrand example, int pageNum, int pageSize);
}
