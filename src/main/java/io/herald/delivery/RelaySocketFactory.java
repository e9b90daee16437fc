package io.herald.delivery;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Sockets to the relay: TCP_NODELAY, and a deadline on every write, read and connect.
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
 *
 * <p>Reads and connects are watched the same way, with the timeouts Angus sets ({@code mail.smtp.timeout} through
 * setSoTimeout, {@code mail.smtp.connectiontimeout} through connect): the JDK's own timeouts put the socket in
 * non-blocking mode, where every read that has to wait costs a read that finds nothing, a poll and the read again;
 * a blocking read is one system call. A read or connect past its timeout gets its socket closed and fails with the
 * SocketTimeoutException the JDK would have thrown ("Read timed out", "Connect timed out"), within a quarter second
 * more. Unlike the JDK's, the socket is closed then; Angus closes a connection whose read failed anyway.
 */
public final class RelaySocketFactory extends SocketFactory {

    private static final Duration TICK = Duration.ofMillis(250);
    private static final Set<WatchedSocket> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        Thread watchdog = new Thread(RelaySocketFactory::watch, "smtp-socket-watchdog");
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
            for (WatchedSocket socket : WATCHED) {
                socket.closeIfStuck(now);
            }
        }
    }

    /** A socket whose streams note when each write and read began, for the watchdog. */
    static final class WatchedSocket extends Socket {

        private final long timeoutNanos;
        /** When the write in progress began; 0 when none is. */
        private volatile long writingSince;
        /** The read timeout (setSoTimeout), 0 for none; the JDK's own stays 0, so reads block. */
        private volatile long readTimeoutNanos;
        /** When the read in progress began; 0 when none is (or it has no timeout). */
        private volatile long readingSince;
        /** The timeout of the connect in progress. */
        private volatile long connectTimeoutNanos;
        /** When the connect in progress began; 0 when none is. */
        private volatile long connectingSince;
        /** Why the watchdog closed the socket: the exception the blocked call throws instead of "Socket closed". */
        private volatile String expired;

        private OutputStream out;
        private InputStream in;

        WatchedSocket(long timeoutNanos) throws IOException {
            this.timeoutNanos = timeoutNanos;
            setTcpNoDelay(true);
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            if (timeout < 0) {
                throw new IllegalArgumentException("timeout < 0");
            }
            if (isClosed()) {
                throw new SocketException("Socket is closed");
            }
            readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeout);
        }

        @Override
        public int getSoTimeout() throws SocketException {
            if (isClosed()) {
                throw new SocketException("Socket is closed");
            }
            return (int) TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (timeout < 0) {
                throw new IllegalArgumentException("connect: timeout can't be negative");
            }
            if (timeout == 0) {
                super.connect(endpoint, 0);
                return;
            }
            WATCHED.add(this);
            connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeout);
            connectingSince = now();
            boolean connected = false;
            try {
                super.connect(endpoint, 0);
                connected = true;
            } catch (SocketException e) {
                throw timedOut(e);
            } finally {
                connectingSince = 0;
                if (!connected) {
                    // A socket that never connected is not watched further, whether or not its caller closes it.
                    WATCHED.remove(this);
                }
            }
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                InputStream raw = super.getInputStream();
                WATCHED.add(this);
                in = new FilterInputStream(raw) {
                    @Override
                    public int read() throws IOException {
                        beginRead();
                        try {
                            return raw.read();
                        } catch (SocketException e) {
                            throw timedOut(e);
                        } finally {
                            readingSince = 0;
                        }
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        beginRead();
                        try {
                            return raw.read(b, off, len);
                        } catch (SocketException e) {
                            throw timedOut(e);
                        } finally {
                            readingSince = 0;
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        WatchedSocket.this.close();
                    }
                };
            }
            return in;
        }

        private void beginRead() {
            if (readTimeoutNanos > 0) {
                readingSince = now();
            }
        }

        /** The exception a blocked call throws: the timeout's, when the watchdog closed the socket for it. */
        private IOException timedOut(SocketException e) {
            String why = expired;
            if (why == null) {
                return e;
            }
            SocketTimeoutException timeout = new SocketTimeoutException(why);
            timeout.initCause(e);
            return timeout;
        }

        private static long now() {
            long now = System.nanoTime();
            return now == 0 ? 1 : now;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                OutputStream raw = super.getOutputStream();
                WATCHED.add(this);
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
            writingSince = now();
        }

        void closeIfStuck(long now) {
            if (isClosed()) {
                WATCHED.remove(this);
                return;
            }
            long writing = writingSince;
            long reading = readingSince;
            long connecting = connectingSince;
            if (writing != 0 && now - writing > timeoutNanos) {
                expire(null);
            } else if (reading != 0 && now - reading > readTimeoutNanos) {
                expire("Read timed out");
            } else if (connecting != 0 && now - connecting > connectTimeoutNanos) {
                expire("Connect timed out");
            }
        }

        /** Closes the socket; the blocked call fails with a timeout named {@code why} (null: as a closed socket). */
        private void expire(String why) {
            expired = why;
            try {
                close();
            } catch (IOException ignored) {
                // Closed either way: the blocked call fails.
            }
        }

        @Override
        public synchronized void close() throws IOException {
            WATCHED.remove(this);
            super.close();
        }
    }
}
