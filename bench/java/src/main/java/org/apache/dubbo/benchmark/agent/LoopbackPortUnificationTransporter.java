package org.apache.dubbo.benchmark.agent;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.remoting.ChannelHandler;
import org.apache.dubbo.remoting.RemotingException;
import org.apache.dubbo.remoting.api.pu.AbstractPortUnificationServer;
import org.apache.dubbo.remoting.transport.netty4.NettyPortUnificationServer;
import org.apache.dubbo.remoting.transport.netty4.NettyPortUnificationTransporter;

/**
 * The Triple server's transporter (port unification, netty4) listening on 127.0.0.1 only, as
 * {@link LoopbackTransporter} does for dubbo://. NettyPortUnificationServer.doOpen0 binds the
 * wildcard address when the URL says anyhost or its bind.ip starts with "127." (NetUtils.
 * isInvalidLocalHost); the IPv4-mapped spelling of 127.0.0.1 passes that test and Java resolves it
 * to the IPv4 loopback address. Registered as the "loopback" PortUnificationTransporter
 * (META-INF/dubbo); the provider sets server="loopback".
 */
public class LoopbackPortUnificationTransporter extends NettyPortUnificationTransporter {
    @Override
    public AbstractPortUnificationServer bind(URL url, ChannelHandler handler) throws RemotingException {
        URL loopback = url.addParameter("bind.ip", "::ffff:127.0.0.1").addParameter("anyhost", false);
        return new NettyPortUnificationServer(loopback, handler);
    }
}
