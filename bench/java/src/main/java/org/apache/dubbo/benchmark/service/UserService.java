package org.apache.dubbo.benchmark.service;

import org.apache.dubbo.benchmark.bean.Page;
import org.apache.dubbo.benchmark.bean.User;

/** apache/dubbo-benchmark's UserService plus echo (the dubbo-ts benchmark's fifth scenario). */
public interface UserService {
    String echo(String text);

    boolean existUser(String email);

    boolean createUser(User user);

    User getUser(long id);

    Page<User> listUser(int pageNo);
}
