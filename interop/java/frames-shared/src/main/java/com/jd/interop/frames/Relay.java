package com.jd.interop.frames;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A one-connection TCP relay on 127.0.0.1 that records both directions, for capturing frames. */
public final class Relay {
    private final ServerSocket server;
    private final ByteArrayOutputStream up = new ByteArrayOutputStream();
    private final ByteArrayOutputStream down = new ByteArrayOutputStream();
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

    public Relay(int targetPort) throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                pump(client.getInputStream(), target.getOutputStream(), up);
                pump(target.getInputStream(), client.getOutputStream(), down);
            } catch (Exception e) {
                if (!server.isClosed()) e.printStackTrace();
            }
        }, "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private static void pump(InputStream in, OutputStream out, ByteArrayOutputStream record) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (record) {
                        record.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (Exception ignored) {
                // the other side closed
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    public byte[] toProvider() {
        synchronized (up) {
            return up.toByteArray();
        }
    }

    public byte[] toConsumer() {
        synchronized (down) {
            return down.toByteArray();
        }
    }

    public void close() throws Exception {
        server.close();
        for (Socket s : sockets) s.close();
    }

    /** Splits a recorded byte stream into frames by their header's body length. */
    public static List<byte[]> frames(byte[] stream) {
        List<byte[]> frames = new ArrayList<>();
        int pos = 0;
        while (pos + 16 <= stream.length) {
            if ((stream[pos] & 0xff) != 0xda || (stream[pos + 1] & 0xff) != 0xbb) {
                throw new IllegalStateException("no magic at offset " + pos);
            }
            int len = ByteBuffer.wrap(stream, pos + 12, 4).getInt();
            if (pos + 16 + len > stream.length) break;
            byte[] f = new byte[16 + len];
            System.arraycopy(stream, pos, f, 0, f.length);
            frames.add(f);
            pos += f.length;
        }
        return frames;
    }
}
