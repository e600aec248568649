package org.apache.dubbo.benchmark.service;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.dubbo.benchmark.pb.DubboUserServiceTriple;
import org.apache.dubbo.benchmark.pb.Page;
import org.apache.dubbo.benchmark.pb.Request;
import org.apache.dubbo.benchmark.pb.Response;
import org.apache.dubbo.benchmark.pb.Timestamp;
import org.apache.dubbo.benchmark.pb.User;

/**
 * The IDL UserService (bench/proto/user_service.proto) with the values of {@link UserServiceServerImpl}
 * and of bench/impls/grpc.mjs (dates as Timestamps), served over Triple.
 */
public class PbUserServiceImpl extends DubboUserServiceTriple.UserServiceImplBase {
    private static final Timestamp BIRTHDAY = Timestamp.newBuilder()
            .setSeconds(LocalDate.of(1968, 12, 8).atStartOfDay().toEpochSecond(ZoneOffset.UTC))
            .build();
    private static final List<Integer> PERMISSIONS = List.of(1, 2, 3, 4, 5, 6, 7, 8, 19, 88, 86, 89, 90, 91, 92);

    @Override
    public Response echo(Request request) {
        return Response.newBuilder().setText(request.getText()).build();
    }

    @Override
    public Response existUser(Request request) {
        String email = request.getEmail();
        boolean exists = email.isEmpty() || email.charAt(email.length() - 1) >= '5';
        return Response.newBuilder().setState(exists).build();
    }

    @Override
    public Response createUser(Request request) {
        return Response.newBuilder().setState(request.hasUser()).build();
    }

    @Override
    public Response getUser(Request request) {
        return Response.newBuilder().setUser(user(request.getId(), "")).build();
    }

    @Override
    public Response listUser(Request request) {
        Page.Builder page = Page.newBuilder().setPageNo(request.getPage()).setTotal(1000);
        for (int i = 0; i < 15; i++) page.addUsers(user(i, String.valueOf(i)));
        return Response.newBuilder().setPage(page).build();
    }

    /** The user getUser(id) returns (suffix "") and the i-th user of listUser (suffix i). */
    public static User user(long id, String suffix) {
        long ms = System.currentTimeMillis();
        Timestamp now = Timestamp.newBuilder().setSeconds(ms / 1000).setNanos((int) (ms % 1000) * 1_000_000).build();
        return User.newBuilder()
                .setId(id)
                .setName("Doug Lea" + suffix)
                .setSex(1)
                .setBirthday(BIRTHDAY)
                .setEmail("dong.lea@gmail.com" + suffix)
                .setMobile("18612345678" + suffix)
                .setAddress("北京市 中关村 中关村大街1号 鼎好大厦 1605" + suffix)
                .setIcon("https://www.baidu.com/img/bd_logo1.png" + suffix)
                .addAllPermissions(PERMISSIONS)
                .setStatus(1)
                .setCreateTime(now)
                .setUpdateTime(now)
                .build();
    }
}
