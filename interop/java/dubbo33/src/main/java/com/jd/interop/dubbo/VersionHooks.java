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

    /** Dubbo 3.x's codec needs the framework model (DubboCountCodec only batches decoding). */
    public org.apache.dubbo.remoting.Codec2 newCodec() {
        return new org.apache.dubbo.rpc.protocol.dubbo.DubboCodec(org.apache.dubbo.rpc.model.FrameworkModel.defaultModel());
    }

    /**
     * Trusts classes for hessian2 in 3.x's STRICT serialize check. A provider or consumer does this
     * itself for the classes in its service signatures; the golden writer has no service.
     */
    public void allowSerialization(Class<?>... types) {
        org.apache.dubbo.common.utils.SerializeSecurityManager manager = org.apache.dubbo.rpc.model.FrameworkModel.defaultModel()
                .getBeanFactory()
                .getOrRegisterBean(org.apache.dubbo.common.utils.SerializeSecurityManager.class);
        for (Class<?> t : types) manager.addToAllowed(t.getName());
    }
}
