package io.waybill.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A broken service: accepts the connection, reads the request head, answers bytes that are not HTTP, hangs up. */
final class GarbageUpstream {

    private final ServerSocket server;

    private GarbageUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "garbage-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static GarbageUpstream start() {
        try {
            return new GarbageUpstream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                readHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write("SSH-2.0-OpenSSH_9.6 this is not HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
