package io.herald.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deadlines on sockets to the relay: a relay that stops reading loses the connection, a slow one does not; a read
 * or connect the relay never answers fails as the JDK's own timeouts fail.
 */
class RelaySocketFactoryTest {

    static final byte[] CHUNK = new byte[8192];

    @Test
    @Timeout(60)
    void aWriteTheRelayNeverReadsFailsSoonAfterTheTimeout() throws Exception {
        try (ServerSocket relay = new ServerSocket()) {
            relay.setReceiveBufferSize(4096);
            relay.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            // Accepts and then never reads: the socket buffers fill and the client's write blocks.
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return relay.accept();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Socket socket = new RelaySocketFactory(Duration.ofMillis(500)).createSocket();
            socket.connect(relay.getLocalSocketAddress());
            try (Socket held = accepted.get(10, TimeUnit.SECONDS)) {
                OutputStream out = socket.getOutputStream();
                long started = System.nanoTime();
                assertThatThrownBy(() -> {
                            // At most 1 GB: far more than any loopback buffer holds.
                            for (int i = 0; i < 131_072; i++) {
                                out.write(CHUNK);
                            }
                        })
                        .isInstanceOf(IOException.class);
                assertThat(socket.isClosed()).isTrue();
                // The blocked write lasted the timeout plus at most a watchdog tick or two, not the 30 s default.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                assertThat(held.isClosed()).isFalse();
            }
        }
    }

    @Test
    void writesToARelayThatReadsSlowlyOutlastTheTimeout() throws Exception {
        try (ServerSocket relay = new ServerSocket()) {
            relay.setReceiveBufferSize(4096);
            relay.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int total = 64 * CHUNK.length;
            // Reads everything, a chunk every 20 ms: the whole write takes longer than the timeout, no one write does.
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try (Socket s = relay.accept();
                        InputStream in = s.getInputStream()) {
                    byte[] buffer = new byte[CHUNK.length];
                    int n = 0;
                    for (int r; (r = in.read(buffer)) > 0; ) {
                        n += r;
                        Thread.sleep(20);
                    }
                    return n;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            try (Socket socket = new RelaySocketFactory(Duration.ofMillis(300))
                    .createSocket(InetAddress.getLoopbackAddress(), relay.getLocalPort())) {
                // Small buffers on both sides: each write waits for the reader's next read, about 20 ms.
                socket.setSendBufferSize(4096);
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < 64; i++) {
                    out.write(CHUNK);
                }
                socket.shutdownOutput();
                assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(total);
                assertThat(socket.isClosed()).isFalse();
            }
        }
    }

    @Test
    @Timeout(60)
    void aReadTheRelayNeverAnswersTimesOutAsTheJdksWould() throws Exception {
        try (ServerSocket relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Socket socket = new RelaySocketFactory(Duration.ofSeconds(30)).createSocket();
            socket.setSoTimeout(500);
            socket.connect(relay.getLocalSocketAddress(), 5_000);
            try (Socket held = relay.accept()) {
                held.getOutputStream().write("220 ready\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                byte[] greeting = new byte[11];
                assertThat(in.readNBytes(greeting, 0, 11)).isEqualTo(11);
                assertThat(socket.getSoTimeout()).isEqualTo(500);
                // Then nothing more comes: the read fails after the timeout, as the JDK's own read timeout fails.
                long started = System.nanoTime();
                assertThatThrownBy(in::read)
                        .isInstanceOf(java.net.SocketTimeoutException.class)
                        .hasMessage("Read timed out");
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                assertThat(waited)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(500))
                        .isLessThan(Duration.ofSeconds(10));
                assertThat(socket.isClosed()).isTrue();
            }
        }
    }

    @Test
    @Timeout(60)
    void aConnectTheRelayNeverAcceptsTimesOutAsTheJdksWould() throws Exception {
        // A listening socket whose queue is full and that never accepts: Linux drops further SYNs, and a connect
        // waits, as for a relay that does not answer.
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            java.util.List<Socket> queued = new java.util.ArrayList<>();
            try {
                Socket blocked = null;
                for (int i = 0; i < 10 && blocked == null; i++) {
                    Socket socket = new RelaySocketFactory(Duration.ofSeconds(30)).createSocket();
                    long started = System.nanoTime();
                    try {
                        socket.connect(relay.getLocalSocketAddress(), 700);
                        queued.add(socket);
                    } catch (java.net.SocketTimeoutException e) {
                        assertThat(e).hasMessage("Connect timed out");
                        assertThat(Duration.ofNanos(System.nanoTime() - started))
                                .isGreaterThanOrEqualTo(Duration.ofMillis(700))
                                .isLessThan(Duration.ofSeconds(10));
                        assertThat(socket.isClosed()).isTrue();
                        blocked = socket;
                    }
                }
                assertThat(blocked)
                        .as("a connect beyond the full queue timed out")
                        .isNotNull();
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }
}
