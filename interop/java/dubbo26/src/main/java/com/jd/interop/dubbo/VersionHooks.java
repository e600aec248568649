package com.jd.interop.dubbo;

import com.alibaba.dubbo.common.Version;
import com.alibaba.dubbo.rpc.RpcContext;
import com.alibaba.dubbo.rpc.RpcException;
import com.alibaba.dubbo.rpc.service.EchoService;
import com.alibaba.dubbo.rpc.service.GenericService;
import com.jd.interop.support.DubboHooks;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** com.alibaba Dubbo 2.6: the 2.7 RpcContext API in com.alibaba packages, String-valued attachments. */
public final class VersionHooks implements DubboHooks {
    private final Map<String, GenericService> generics = new ConcurrentHashMap<>();

    @Override
    public String version() {
        return Version.getVersion();
    }

    public void addGeneric(String interfaceName, GenericService service) {
        generics.put(interfaceName, service);
    }

    @Override
    public Object requestAttachment(String key) {
        return RpcContext.getContext().getAttachment(key);
    }

    @Override
    public void setResponseAttachment(String key, String value) {
        RpcContext.getServerContext().setAttachment(key, value);
    }

    @Override
    public void setNextCallAttachment(String key, String value) {
        RpcContext.getContext().setAttachment(key, value);
    }

    @Override
    public Object lastResponseAttachment(String key) {
        return RpcContext.getServerContext().getAttachment(key);
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
