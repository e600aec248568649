package com.jd.interop.frames;

import com.jd.interop.TypeMatrixService;
import com.jd.interop.support.DubboHooks;
import com.jd.sellergoods.service.BrandService;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls every CaptureMain makes through its relay, and how the recorded frames are named:
 * {@code captured-<label>-request|response}, plus the first heartbeat request/response and the
 * first event the provider sends ("R" while shutting down).
 */
public final class CaptureScript {
    private CaptureScript() {}

    /**
     * Makes the calls in order (one connection, one call at a time) and returns, per call, its label,
     * comma-separated parameter types and return type. {@code wrong} refers to a version that is not
     * exported; the generic call goes through {@code hooks.genericInvoke} on TypeMatrixService.
     */
    public static List<String[]> calls(TypeMatrixService m, DubboHooks hooks, BrandService wrong) {
        List<String[]> calls = new ArrayList<>();
        m.echoString("héllo 😀");
        calls.add(new String[] {"echoString", "java.lang.String", "java.lang.String"});
        m.echoLong(Long.MAX_VALUE);
        calls.add(new String[] {"echoLong", "long", "long"});
        m.makePage(2, 5);
        calls.add(new String[] {"makePage", "int,int", "com.jd.interop.Page<com.jd.pojo.TbBrand>"});
        m.returnNull();
        calls.add(new String[] {"returnNull", "", "java.lang.String"});
        try {
            m.fail("brand 42 is broken ✗", 42);
        } catch (Exception expected) {
            // flag 3 on the wire
        }
        calls.add(new String[] {"fail", "java.lang.String,int", "void"});
        hooks.setNextCallAttachment("interop.token", "token-ü");
        m.echoAttachment("interop.token");
        calls.add(new String[] {"echoAttachment", "java.lang.String", "java.lang.String"});
        hooks.echo(m, "ping");
        calls.add(new String[] {"echo", "java.lang.Object", "java.lang.Object"});
        hooks.genericInvoke(TypeMatrixService.class.getName(), "add", new String[] {"int", "int"}, new Object[] {40, 2});
        calls.add(new String[] {"generic", "java.lang.String,java.lang.String[],java.lang.Object[]", "java.lang.Object"});
        try {
            wrong.findOne(1L);
        } catch (RuntimeException expected) {
            // status 70
        }
        calls.add(new String[] {"wrongVersion", "java.lang.Long", "com.jd.pojo.TbBrand"});
        return calls;
    }

    /** Splits what the relay recorded into frames and writes them; returns the base names. */
    public static List<String> write(FrameWriter writer, Relay relay, List<String[]> calls) throws Exception {
        List<String> written = new ArrayList<>();
        Map<Long, String[]> byId = new HashMap<>();
        int next = 0;
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (byte[] frame : Relay.frames(relay.toProvider())) {
            int flag = frame[2] & 0xff;
            long id = ByteBuffer.wrap(frame, 4, 8).getLong();
            if ((flag & 0x20) != 0) {
                if (seen.putIfAbsent("heartbeat-request", true) == null) {
                    written.add(writer.writeCaptured("captured-heartbeat-request", "heartbeat request sent by the idle Java client", frame));
                }
                continue;
            }
            String[] call = calls.get(next++);
            byId.put(id, call);
            String[] types = call[1].isEmpty() ? new String[0] : call[1].split(",");
            written.add(writer.writeCaptured("captured-" + call[0] + "-request", "request of " + call[0], frame, types));
        }
        for (byte[] frame : Relay.frames(relay.toConsumer())) {
            int flag = frame[2] & 0xff;
            long id = ByteBuffer.wrap(frame, 4, 8).getLong();
            if ((flag & 0x80) != 0 && (flag & 0x20) != 0) {
                if (seen.putIfAbsent("event", true) == null) {
                    written.add(writer.writeCaptured("captured-event-readonly", "read-only event the provider sends while shutting down", frame));
                }
                continue;
            }
            if ((flag & 0x20) != 0) {
                if (seen.putIfAbsent("heartbeat-response", true) == null) {
                    written.add(writer.writeCaptured("captured-heartbeat-response", "the provider's heartbeat response", frame));
                }
                continue;
            }
            String[] call = byId.get(id);
            if (call == null) throw new IllegalStateException("response to unknown request id " + id);
            written.add(writer.writeCaptured("captured-" + call[0] + "-response", "response to " + call[0], frame, call[2]));
        }
        return written;
    }
}
