package com.jd.interop.support;

/**
 * What differs between the Dubbo versions: the RpcContext API, echo, generic invoke and the
 * RpcException class. Implemented once per version module; everything else is shared.
 */
public interface DubboHooks {
    /** The Dubbo framework version, e.g. "2.7.23". */
    String version();

    /** Provider side: the request attachment {@code key} of the call being served. */
    Object requestAttachment(String key);

    /** Provider side: sets an attachment on the response of the call being served. */
    void setResponseAttachment(String key, String value);

    /** Consumer side: sets an attachment on the next call made from this thread. */
    void setNextCallAttachment(String key, String value);

    /** Consumer side: an attachment of the last response received on this thread. */
    Object lastResponseAttachment(String key);

    /** Consumer side: {@code ((EchoService) proxy).$echo(message)}. */
    Object echo(Object proxy, Object message);

    /** Consumer side: {@code GenericService.$invoke} on the generic reference of {@code interfaceName}. */
    Object genericInvoke(String interfaceName, String method, String[] parameterTypes, Object[] args);

    /** The RpcException code of {@code t}, or null when {@code t} is not an RpcException. */
    Integer rpcExceptionCode(Throwable t);
}
