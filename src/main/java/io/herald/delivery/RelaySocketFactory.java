package io.herald.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * Sockets to the relay: TCP_NODELAY, and a deadline on every write.
 *
 * <p>TCP_NODELAY: Angus waits for each SMTP reply before the next command; with Nagle's algorithm on, every small
 * command meets the peer's delayed ACK and a reused connection crawls at ~22 messages/s against smtp-sink on loopback.
 * With it off the same connection does ~300/s.
 *
 * <p>The write deadline guards against a relay that stops reading: a write that has not returned after the write
 * timeout gets its socket closed, and fails as a lost connection. Angus's own write timeout
 * ({@code mail.smtp.writetimeout}) does the same by scheduling a task on a thread of its own per connection for every
 * write and cancelling it afterwards; on a send of 100,000 messages that was about an eighth of Herald's CPU, most of
 * it waking those threads. Here a write notes when it began, and one watchdog thread for all connections looks every
 * quarter second for a write older than its timeout.
 */
public final class RelaySocketFactory extends SocketFactory {

    private static final Duration TICK = Duration.ofMillis(250);
    private static final Set<WatchedSocket> WRITING = ConcurrentHashMap.newKeySet();

    static {
        Thread watchdog = new Thread(RelaySocketFactory::watch, "smtp-write-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private final long timeoutNanos;

    public RelaySocketFactory(Duration writeTimeout) {
        this.timeoutNanos = writeTimeout.toNanos();
    }

    @Override
    public Socket createSocket() throws IOException {
        return new WatchedSocket(timeoutNanos);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        WatchedSocket socket = new WatchedSocket(timeoutNanos);
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (WatchedSocket socket : WRITING) {
                socket.closeIfStuck(now);
            }
        }
    }

    /** A socket whose output stream notes when each write began, for the watchdog. */
    static final class WatchedSocket extends Socket {

        private final long timeoutNanos;
        /** When the write in progress began; 0 when none is. */
        private volatile long writingSince;

        private OutputStream out;

        WatchedSocket(long timeoutNanos) throws IOException {
            this.timeoutNanos = timeoutNanos;
            setTcpNoDelay(true);
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                OutputStream raw = super.getOutputStream();
                WRITING.add(this);
                out = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        begin();
                        try {
                            raw.write(b);
                        } finally {
                            writingSince = 0;
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        begin();
                        try {
                            raw.write(b, off, len);
                        } finally {
                            writingSince = 0;
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        raw.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        WatchedSocket.this.close();
                    }
                };
            }
            return out;
        }

        private void begin() {
            long now = System.nanoTime();
            writingSince = now == 0 ? 1 : now;
        }

        void closeIfStuck(long now) {
            long since = writingSince;
            if (isClosed()) {
                WRITING.remove(this);
            } else if (since != 0 && now - since > timeoutNanos) {
                try {
                    close();
                } catch (IOException ignored) {
                    // Closed either way: the blocked write fails.
                }
            }
        }

        @Override
        public synchronized void close() throws IOException {
            WRITING.remove(this);
            super.close();
        }
    }
}
