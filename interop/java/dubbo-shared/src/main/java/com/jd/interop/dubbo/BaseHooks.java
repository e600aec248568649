package com.jd.interop.dubbo;

import com.jd.interop.support.DubboHooks;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.dubbo.common.Version;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.service.EchoService;
import org.apache.dubbo.rpc.service.GenericService;

/** The hooks whose Dubbo API is the same in 2.7 and 3.3; VersionHooks adds the RpcContext ones. */
public abstract class BaseHooks implements DubboHooks {
    private final Map<String, GenericService> generics = new ConcurrentHashMap<>();

    @Override
    public String version() {
        return Version.getVersion();
    }

    public void addGeneric(String interfaceName, GenericService service) {
        generics.put(interfaceName, service);
    }

    @Override
    public Object echo(Object proxy, Object message) {
        return ((EchoService) proxy).$echo(message);
    }

    @Override
    public Object genericInvoke(String interfaceName, String method, String[] parameterTypes, Object[] args) {
        GenericService g = generics.get(interfaceName);
        if (g == null) throw new IllegalStateException("no generic reference for " + interfaceName);
        return g.$invoke(method, parameterTypes, args);
    }

    @Override
    public Integer rpcExceptionCode(Throwable t) {
        return t instanceof RpcException ? ((RpcException) t).getCode() : null;
    }
}
