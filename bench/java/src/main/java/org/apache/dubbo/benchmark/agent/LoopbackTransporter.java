package org.apache.dubbo.benchmark.agent;

import java.net.InetSocketAddress;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.remoting.ChannelHandler;
import org.apache.dubbo.remoting.RemotingException;
import org.apache.dubbo.remoting.RemotingServer;
import org.apache.dubbo.remoting.transport.netty4.NettyServer;
import org.apache.dubbo.remoting.transport.netty4.NettyTransporter;

/**
 * Dubbo's netty4 transporter, except that the server listens on 127.0.0.1 only. Dubbo treats any
 * 127.* host as "not a real address" (NetUtils.isInvalidLocalHost) and then binds the wildcard
 * address, whatever host or bind.ip is configured; the benchmark must only listen on loopback.
 * Registered as the "loopback" Transporter (META-INF/dubbo); the provider sets server="loopback".
 */
public class LoopbackTransporter extends NettyTransporter {
    @Override
    public RemotingServer bind(URL url, ChannelHandler handler) throws RemotingException {
        return new NettyServer(url, handler) {
            @Override
            public InetSocketAddress getBindAddress() {
                return new InetSocketAddress("127.0.0.1", super.getBindAddress().getPort());
            }
        };
    }
}
