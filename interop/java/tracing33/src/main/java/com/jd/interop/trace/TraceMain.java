package com.jd.interop.trace;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.TracingConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.config.nested.SamplingConfig;
import org.apache.dubbo.rpc.RpcContext;

/**
 * Java Dubbo 3.3 with tracing enabled (dubbo-tracing: Micrometer Observation, OTel bridge, W3C
 * propagation, every call sampled):
 *
 * <ul>
 *   <li>{@code provider}: exports TraceService on 127.0.0.1 (port 0 = free), prints {@code READY
 *       <port>}; {@code hop} answers {@code java<traceparent it received>}.
 *   <li>{@code consumer <dubbo-url>}: calls {@code hop("java")} on that URL once (Dubbo starts the
 *       root span and writes its traceparent), prints {@code RESULT <answer>} and exits.
 * </ul>
 */
public final class TraceMain {
  public static void main(String[] args) throws Exception {
    loopbackOnly();
    DubboBootstrap bootstrap = DubboBootstrap.getInstance();
    ApplicationConfig application = new ApplicationConfig("java-trace-" + args[0]);
    application.setQosEnable(false);
    TracingConfig tracing = new TracingConfig();
    tracing.setEnabled(true);
    SamplingConfig sampling = new SamplingConfig();
    sampling.setProbability(1.0f);
    tracing.setSampling(sampling);
    bootstrap.application(application).tracing(tracing).registry(new RegistryConfig("N/A"));
    if (args[0].equals("provider")) {
      ProtocolConfig protocol = new ProtocolConfig("dubbo", Integer.parseInt(args.length > 1 ? args[1] : "0"));
      protocol.setHost("127.0.0.1");
      ServiceConfig<TraceService> service = new ServiceConfig<>();
      service.setInterface(TraceService.class);
      service.setRef(from -> "java<" + RpcContext.getServerAttachment().getAttachment("traceparent") + ">");
      bootstrap.protocol(protocol).service(service).start();
      System.out.println("READY " + service.getExportedUrls().get(0).getPort());
      System.out.flush();
      Thread.currentThread().join();
    } else {
      ReferenceConfig<TraceService> reference = new ReferenceConfig<>();
      reference.setInterface(TraceService.class);
      reference.setUrl(args[1]);
      reference.setTimeout(15000);
      reference.setRetries(0);
      bootstrap.reference(reference).start();
      System.out.println("RESULT " + reference.get().hop("java"));
      System.out.flush();
      bootstrap.stop();
      System.exit(0);
    }
  }

  /**
   * Pins Dubbo's "local host" to 127.0.0.1 (NetUtils.isInvalidLocalHost refuses 127.*, and
   * AbstractClient.getConnectAddress would connect to the first non-loopback address instead), as
   * interop/java/contract's Lifecycle.loopbackOnly does for the other suites.
   */
  private static void loopbackOnly() throws Exception {
    Class<?> netUtils = Class.forName("org.apache.dubbo.common.utils.NetUtils");
    java.lang.reflect.Field host = netUtils.getDeclaredField("HOST_ADDRESS");
    host.setAccessible(true);
    host.set(null, "127.0.0.1");
    java.lang.reflect.Field local = netUtils.getDeclaredField("LOCAL_ADDRESS");
    local.setAccessible(true);
    local.set(null, java.net.InetAddress.getByName("127.0.0.1"));
  }
}
