package com.jd.interop.triple;

import com.jd.greet.DubboGreeterServiceTriple;
import com.jd.greet.GreetRequest;
import com.jd.greet.GreetResponse;
import org.apache.dubbo.common.stream.StreamObserver;

/** greet.GreeterService in Java: the same answers as the Node Greeter of the interop test. */
public final class GreeterImpl extends DubboGreeterServiceTriple.GreeterServiceImplBase {
    private static GreetResponse reply(String text) {
        return GreetResponse.newBuilder().setGreeting(text).build();
    }

    @Override
    public GreetResponse greet(GreetRequest request) {
        if ("bad".equals(request.getName())) throw new IllegalArgumentException("bad name");
        return reply("hello " + request.getName() + " from java");
    }

    @Override
    public void greetStream(GreetRequest request, StreamObserver<GreetResponse> out) {
        for (long i = 0; i < request.getCount(); i++) out.onNext(reply(request.getName() + " #" + i));
        out.onCompleted();
    }

    @Override
    public StreamObserver<GreetRequest> greetClientStream(StreamObserver<GreetResponse> out) {
        StringBuilder names = new StringBuilder();
        return new StreamObserver<GreetRequest>() {
            @Override
            public void onNext(GreetRequest r) {
                if (names.length() > 0) names.append(", ");
                names.append(r.getName());
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                out.onNext(reply("hello " + names));
                out.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<GreetRequest> greetBidi(StreamObserver<GreetResponse> out) {
        return new StreamObserver<GreetRequest>() {
            @Override
            public void onNext(GreetRequest r) {
                out.onNext(reply("echo " + r.getName()));
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                out.onCompleted();
            }
        };
    }
}
