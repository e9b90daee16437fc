package io.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP forwarder that Herald's relay setting points at, so one running Herald can meet a different SMTP
 * server per test case (a Postfix smtp-sink started with fault options, or GreenMail as the healthy relay). Switching
 * drops every forwarded connection, as a relay restart would. It relays bytes only; the one fault it makes itself is
 * the one neither smtp-sink nor GreenMail can: a connection reset in the middle of the message data.
 */
public final class RelaySwitch implements AutoCloseable {

    private final ServerSocket server;
    // Switching and taking a connection hold this lock, so a connection accepted while the target changes is either
    // dropped by the switch or made to the new target, never kept to the old one unseen.
    private final Object lock = new Object();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile int target;
    private volatile long resetAfterBytes = -1;
    private final AtomicLong resets = new AtomicLong();

    public RelaySwitch() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "relay-switch");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Forwards new connections to this loopback port, and drops the current ones. */
    public void target(int port) {
        synchronized (lock) {
            target = port;
            resetAfterBytes = -1;
            dropAll();
        }
    }

    /**
     * Resets (RST) each connection once its client has sent this many bytes: past the commands, inside the data of
     * the first message. -1 turns it off.
     */
    public void resetAfterClientBytes(long bytes) {
        resetAfterBytes = bytes;
    }

    public long resets() {
        return resets.get();
    }

    public void dropAll() {
        synchronized (lock) {
            for (Socket s : open) {
                closeQuietly(s);
            }
            open.clear();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream;
                long limit;
                synchronized (lock) {
                    try {
                        upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    } catch (IOException refused) {
                        closeQuietly(client);
                        continue;
                    }
                    open.add(client);
                    open.add(upstream);
                    limit = resetAfterBytes;
                }
                pump(client, upstream, limit);
                pump(upstream, client, -1);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, long resetAfter) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    long seen = 0;
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            if (resetAfter >= 0 && seen + n > resetAfter) {
                                out.write(buffer, 0, (int) (resetAfter - seen));
                                out.flush();
                                resets.incrementAndGet();
                                reset(from);
                                reset(to);
                                return;
                            }
                            seen += n;
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException ended) {
                        // One side went away.
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "relay-switch-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // Closed already.
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    @Override
    public void close() throws IOException {
        dropAll();
        server.close();
    }
}
