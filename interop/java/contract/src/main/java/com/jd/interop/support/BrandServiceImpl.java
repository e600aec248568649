package com.jd.interop.support;

import com.jd.entity.PageResult;
import com.jd.pojo.TbBrand;
import com.jd.sellergoods.service.BrandService;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** In-memory BrandService with the semantics written on the interface, seeded with six brands. */
public class BrandServiceImpl implements BrandService {
    private final TreeMap<Long, TbBrand> rows = new TreeMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    public BrandServiceImpl() {
        String[][] seed = {{"联想", "L"}, {"华为", "H"}, {"三星", "S"}, {"小米", "X"}, {"OPPO", "O"}, {"vivo", "V"}};
        for (String[] s : seed) {
            long id = nextId.getAndIncrement();
            rows.put(id, new TbBrand(id, s[0], s[1]));
        }
    }

    @Override
    public synchronized List<TbBrand> findAll() {
        return new ArrayList<>(rows.values());
    }

    @Override
    public synchronized PageResult findPage(int pageNum, int pageSize) {
        return page(new ArrayList<>(rows.values()), pageNum, pageSize);
    }

    @Override
    public synchronized TbBrand findOne(Long id) {
        return id == null ? null : rows.get(id);
    }

    @Override
    public synchronized void add(TbBrand brand) {
        checkName(brand, null);
        long id = nextId.getAndIncrement();
        rows.put(id, new TbBrand(id, brand.getName(), brand.getFirstChar()));
    }

    @Override
    public synchronized void update(TbBrand brand) {
        if (brand == null || brand.getId() == null || !rows.containsKey(brand.getId())) {
            throw new IllegalArgumentException("brand " + (brand == null ? null : brand.getId()) + " does not exist");
        }
        checkName(brand, brand.getId());
        rows.put(brand.getId(), new TbBrand(brand.getId(), brand.getName(), brand.getFirstChar()));
    }

    @Override
    public synchronized void delete(Long[] ids) {
        if (ids == null) return;
        for (Long id : ids) rows.remove(id);
    }

    @Override
    public synchronized PageResult search(TbBrand example, int pageNum, int pageSize) {
        List<TbBrand> hits = rows.values().stream()
                .filter(b -> example == null || empty(example.getName()) || b.getName().contains(example.getName()))
                .filter(b -> example == null || empty(example.getFirstChar()) || example.getFirstChar().equals(b.getFirstChar()))
                .collect(Collectors.toList());
        return page(hits, pageNum, pageSize);
    }

    private void checkName(TbBrand brand, Long self) {
        if (brand == null || empty(brand.getName())) throw new IllegalArgumentException("brand name must not be empty");
        for (TbBrand b : rows.values()) {
            if (b.getName().equals(brand.getName()) && !b.getId().equals(self)) {
                throw new IllegalArgumentException("brand name " + brand.getName() + " already exists");
            }
        }
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static PageResult page(List<TbBrand> all, int pageNum, int pageSize) {
        int from = Math.max(0, (pageNum - 1) * pageSize);
        int to = Math.min(all.size(), from + Math.max(0, pageSize));
        return new PageResult(all.size(), from >= to ? new ArrayList<>() : new ArrayList<>(all.subList(from, to)));
    }
}
