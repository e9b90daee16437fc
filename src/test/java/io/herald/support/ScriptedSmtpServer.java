package io.herald.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server for the faults GreenMail and smtp-sink cannot make: a reply chosen per recipient (550 for one
 * address, 451 twice then 250 for another, all on one connection) and a delay before the reply to the message.
 * Loopback only; one thread per connection; it records what it accepted, per recipient and in order.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** Chooses the reply to RCPT TO for an address on its n-th try (1-based); null accepts it. */
    public interface Rule {
        String reply(String address, int attempt);
    }

    private final ServerSocket socket;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final List<String> acceptedInOrder = Collections.synchronizedList(new ArrayList<>());
    private volatile Rule rule = (address, attempt) -> null;
    private volatile Rule endOfData = (address, attempt) -> null;
    private final Map<String, AtomicInteger> ends = new ConcurrentHashMap<>();
    private final AtomicInteger empty = new AtomicInteger();
    private final AtomicInteger commandsInData = new AtomicInteger();
    private volatile long dataDelayMillis;
    private volatile int holdAfter = -1;
    private final AtomicInteger passedSinceHold = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void rule(Rule rule) {
        this.rule = rule;
    }

    /** Chooses the reply to the end of a message's data, by its first recipient and its n-th end; null accepts it. */
    public void endOfData(Rule rule) {
        this.endOfData = rule;
    }

    /** Messages accepted with no data at all. */
    public int emptyMessages() {
        return empty.get();
    }

    /** Lines RSET, NOOP or QUIT read inside a message's data: a client that lost track of the relay's state. */
    public int commandsInData() {
        return commandsInData.get();
    }

    public void dataDelay(long millis) {
        this.dataDelayMillis = millis;
    }

    /**
     * Accepts the next {@code messages} messages, then keeps every further end of data waiting for its reply until
     * {@link #release()}: a send cannot end while the test acts on it, however slow the machine.
     */
    public void holdAfter(int messages) {
        passedSinceHold.set(0);
        gate = new CountDownLatch(1);
        holdAfter = messages;
    }

    /** Messages whose end of data came in since {@link #holdAfter(int)}, the held ones included. */
    public int passedSinceHold() {
        return passedSinceHold.get();
    }

    /** Lets held and later messages through. */
    public void release() {
        holdAfter = -1;
        gate.countDown();
    }

    /** Messages accepted for this address so far. */
    public int delivered(String address) {
        AtomicInteger n = delivered.get(address.toLowerCase());
        return n == null ? 0 : n.get();
    }

    /** Messages accepted for the addresses prefix0@domain .. prefix(n-1)@domain, added up. */
    public int delivered(String prefix, String domain, int n) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += delivered(prefix + i + "@" + domain);
        }
        return total;
    }

    /** Every recipient of every message accepted so far, in the order the messages were accepted (all connections). */
    public List<String> acceptedInOrder() {
        synchronized (acceptedInOrder) {
            return List.copyOf(acceptedInOrder);
        }
    }

    /** RCPT TO commands seen for this address so far. */
    public int attempts(String address) {
        AtomicInteger n = attempts.get(address.toLowerCase());
        return n == null ? 0 : n.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread t = new Thread(() -> serve(client), "scripted-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            // Replies go out as they are written, as a real relay's do: with Nagle's algorithm on, a reply written
            // right after another waits for the client's delayed ACK (40 ms), which made this relay send about 80
            // messages a second over four connections.
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            return;
        }
        try (client;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted.test ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-scripted.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES");
                } else if (upper.startsWith("HELO") || upper.startsWith("NOOP")) {
                    reply(out, "250 2.0.0 OK");
                } else if (upper.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(out, "250 2.1.0 OK");
                } else if (upper.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'))
                            .toLowerCase();
                    int n = attempts.computeIfAbsent(address, a -> new AtomicInteger())
                            .incrementAndGet();
                    String refusal = rule.reply(address, n);
                    if (refusal == null) {
                        recipients.add(address);
                        reply(out, "250 2.1.5 OK");
                    } else {
                        reply(out, refusal);
                    }
                } else if (upper.startsWith("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    int lines = 0;
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // The message itself is not kept: only who got one.
                        lines++;
                        if (line.equals("RSET") || line.equals("NOOP") || line.equals("QUIT")) {
                            commandsInData.incrementAndGet();
                        }
                    }
                    if (line == null) {
                        return; // Ended in the middle of the data: nothing accepted.
                    }
                    if (dataDelayMillis > 0) {
                        Thread.sleep(dataDelayMillis);
                    }
                    int limit = holdAfter;
                    if (limit >= 0 && passedSinceHold.incrementAndGet() > limit) {
                        gate.await();
                    }
                    String first = recipients.get(0);
                    String refusal = endOfData.reply(
                            first,
                            ends.computeIfAbsent(first, a -> new AtomicInteger())
                                    .incrementAndGet());
                    if (refusal != null) {
                        recipients.clear();
                        reply(out, refusal);
                        continue;
                    }
                    if (lines == 0) {
                        empty.incrementAndGet();
                    }
                    recipients.forEach(r -> delivered
                            .computeIfAbsent(r, a -> new AtomicInteger())
                            .incrementAndGet());
                    acceptedInOrder.addAll(recipients);
                    recipients.clear();
                    reply(out, "250 2.0.0 OK queued");
                } else if (upper.startsWith("RSET")) {
                    recipients.clear();
                    reply(out, "250 2.0.0 OK");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException | InterruptedException ended) {
            // The client went away.
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
