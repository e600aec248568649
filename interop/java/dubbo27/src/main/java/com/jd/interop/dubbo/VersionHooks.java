package com.jd.interop.dubbo;

import org.apache.dubbo.rpc.RpcContext;

/** Dubbo 2.7 RpcContext: getContext() both ways of a call, getServerContext() for response attachments. */
public final class VersionHooks extends BaseHooks {
    @Override
    public Object requestAttachment(String key) {
        return RpcContext.getContext().getObjectAttachment(key);
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
        return RpcContext.getServerContext().getObjectAttachment(key);
    }

    /** Dubbo 2.7's codec: {@code new DubboCodec()} (DubboCountCodec only batches decoding). */
    public org.apache.dubbo.remoting.Codec2 newCodec() {
        return new org.apache.dubbo.rpc.protocol.dubbo.DubboCodec();
    }

    /** Dubbo 2.7 has no serialization allow-list: nothing to do. */
    public void allowSerialization(Class<?>... types) {}
}
