import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling beside smtp-source: an SMTP client that does nothing but send one fixed message as fast as a relay
 * takes it, with ESMTP PIPELINING (RFC 2920) as deep as a sender can go: the next message's MAIL, RCPT and DATA leave
 * with the end of the current one, so each message costs one round trip. No composing, no database: what the relay and
 * the loopback allow at this size and number of sessions, an upper bound no real sender reaches.
 *
 * <p>usage: java src/bench/PipelinedSource.java HOST PORT SESSIONS MESSAGES SIZE_BYTES; prints "pipelined N msgs/s".
 * Loopback only (the bench gives it the sink's address).
 */
public class PipelinedSource {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int sessions = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        byte[] body = body(Integer.parseInt(args[4]));
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("loopback only, not " + host);
        }
        AtomicLong accepted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            int share = messages / sessions + (s < messages % sessions ? 1 : 0);
            Thread t = new Thread(() -> {
                try {
                    accepted.addAndGet(session(host, port, share, body));
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!errors.isEmpty()) {
            System.err.println("pipelined client failed: " + errors.get(0));
            System.exit(1);
        }
        System.out.printf(
                "pipelined %.1f msgs/s (%d messages of %d bytes in %.2f s over %d sessions)%n",
                accepted.get() / seconds, accepted.get(), body.length, seconds, sessions);
    }

    /** Sends {@code n} messages over one connection; returns how many the relay accepted. */
    static long session(String host, int port, int n, byte[] body) throws IOException {
        if (n == 0) {
            return 0;
        }
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(60_000);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
            expect(in, 220);
            out.write("EHLO pipelined.bench\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!expect(in, 250).contains("PIPELINING")) {
                throw new IOException("the relay does not offer PIPELINING");
            }
            byte[] envelope = ("MAIL FROM:<news@example.org>\r\nRCPT TO:<reader@bench.example.org>\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            out.write(envelope);
            out.flush();
            long accepted = 0;
            for (int i = 0; i < n; i++) {
                expect(in, 250);
                expect(in, 250);
                expect(in, 354);
                out.write(body);
                // The next envelope leaves with the end of this message: one round trip per message.
                if (i + 1 < n) {
                    out.write(envelope);
                } else {
                    out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                expect(in, 250);
                accepted++;
            }
            expect(in, 221);
            return accepted;
        }
    }

    /** A message of about {@code size} bytes: headers, lines of 76 characters, and the end of data. */
    static byte[] body(int size) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(size + 100);
        String headers = "From: The Astana Times <news@example.org>\r\nTo: reader@bench.example.org\r\n"
                + "Subject: Pipelined bench\r\nMessage-ID: <pipelined@bench.example.org>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=US-ASCII\r\n\r\n";
        b.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
        byte[] line = ("x".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (b.size() + line.length + 3 <= size) {
            b.writeBytes(line);
        }
        int rest = size - b.size() - 3;
        if (rest >= 2) {
            b.writeBytes(("x".repeat(rest - 2) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** Reads one reply (all its lines); fails unless its code is {@code code}. Returns the reply's text. */
    static String expect(InputStream in, int code) throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = line(in);
            reply.append(line).append('\n');
            if (line.length() < 3 || !line.startsWith(String.valueOf(code))) {
                throw new IOException(
                        "expected " + code + ", got: " + reply.toString().trim());
            }
            // "250-..." continues the reply; "250 ..." or a bare "250" ends it.
            if (line.length() == 3 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = s.length() > 0 && s.charAt(s.length() - 1) == '\r' ? s.length() - 1 : s.length();
                return s.substring(0, end);
            }
            s.append((char) c);
        }
        throw new IOException("the relay closed the connection");
    }
}
