package com.jd.interop.dubbo;

import org.apache.dubbo.rpc.RpcContext;

/** Dubbo 3.x RpcContext: client/server attachments and response contexts are separate objects. */
public final class VersionHooks extends BaseHooks {
    @Override
    public Object requestAttachment(String key) {
        return RpcContext.getServerAttachment().getObjectAttachment(key);
    }

    @Override
    public void setResponseAttachment(String key, String value) {
        RpcContext.getServerResponseContext().setAttachment(key, value);
    }

    @Override
    public void setNextCallAttachment(String key, String value) {
        RpcContext.getClientAttachment().setAttachment(key, value);
    }

    @Override
    public Object lastResponseAttachment(String key) {
        return RpcContext.getClientResponseContext().getObjectAttachment(key);
    }
}
