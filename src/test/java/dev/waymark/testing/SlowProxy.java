// SPDX-License-Identifier: Apache-2.0
package dev.waymark.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * A TCP hop in front of a real peer (moto) that holds every chunk the client sends for a set delay before passing it
 * on: a slow network between Waymark and an external store, each request late by the delay (zero passes at once),
 * or, while down, an unreachable one.
 */
public final class SlowProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean down;

    private SlowProxy(URI target) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "slow-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SlowProxy to(URI target) throws IOException {
        return new SlowProxy(target);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** While down, every connection is closed as soon as it is accepted: the peer is unreachable. */
    public void down(boolean down) {
        this.down = down;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    client.close();
                    continue;
                }
                Socket peer = new Socket(target.getAddress(), target.getPort());
                pipe(client, peer, true);
                pipe(peer, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean delayed) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (delayed && !delay.isZero()) {
                        Thread.sleep(delay.toMillis());
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "slow-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
