package io.herald.delivery;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport with three changes for bulk sending; commands, their wording, EHLO, AUTH, STARTTLS, RSET and
 * the exceptions a failure raises stay Angus's own.
 * <ul>
 * <li>A message already in DATA form (a prepared edition's message, see {@link SplicedMessage}) is
 * gathered in one buffer instead of going through SMTPOutputStream, which looks at every byte for line ends and dots
 * and calls the buffer once per line: at thousands of 40-60 KB messages a second that filter was the largest single
 * cost of a send (a third of the CPU in a profile of the benchmark). The buffer leaves with the data's "." line (and
 * the next message's envelope, below) in one write: one system call and one wake-up of the relay per message.</li>
 * <li>PIPELINING (RFC 2920) when the relay offers it and the message has one recipient: MAIL FROM, RCPT TO and DATA
 * go out without waiting, and their replies are read in order once DATA is sent. Angus has no pipelining; it waited
 * for four replies per message, and with four connections a send spent most of its time waiting (the CPU was a
 * fifth idle). A refused MAIL or RCPT raises what Angus raises (SMTPSendFailedException, SMTPAddressFailedException
 * with the relay's words) after RSET, so a refused recipient is still a hard bounce.</li>
 * <li>The next message announced with the end of this one: its MAIL FROM, RCPT TO and DATA leave in the same write
 * as this message's ".", so a message costs one wait for the relay instead of two (Flight Recorder showed the four
 * connections waiting for replies 80% of the time, half of it after DATA). The envelope needs only the next
 * recipient's address; the message itself is composed after that write, while the relay takes this one's end in
 * (composed before it, a signed message kept the relay waiting for its RSA). Two cases need care, because the relay
 * may already be reading the announced message's data: when this message is refused at its end, Angus's RSET is
 * not sent (it would be text of the next message); the refusal is raised as Angus raises it and the connection is
 * dropped. When the caller does not send the announced message after all (the send was paused, or the message could
 * not be composed), closing its session drops the connection. A relay aborts a transaction whose data never ended
 * (RFC 5321, 3.8), so neither case delivers anything; {@code DeliveryFaultsTest} checks them against a relay that
 * counts what it accepts.</li>
 * </ul>
 * <p>
 * Angus keeps the connection's output stream and socket private; they are read by reflection. Should a later Angus
 * rename them, messages go through SMTPOutputStream one at a time as before (slower, same bytes);
 * {@code PreparedEditionTest} checks the bytes. {@link SmtpSender} makes one per pooled connection.
 */
public class PreparedSmtpTransport extends SMTPTransport {

    private static final Field SERVER_OUTPUT = field("serverOutput");
    private static final Field SERVER_SOCKET = field("serverSocket");

    private boolean pipelined;
    private InternetAddress recipient;
    private String lastCommand = "";
    private final List<String> unanswered = new ArrayList<>(2);
    private final StringBuilder held = new StringBuilder(160);
    private Following next;
    private final WireBytes.Buffer wireBuffer = new WireBytes.Buffer();
    /** {@link #wireBuffer} holds a message's data not written yet: it leaves with the "." that ends it. */
    private boolean dataHeld;
    /** This message's MAIL FROM as Angus wrote it: the next message's, when it is announced ahead. */
    private String mailFrom;
    /** MAIL FROM and RCPT TO of the next message, written with this one's "." (its DATA too), replies not read. */
    private String announced;
    /** The commands Angus asks for while the announced message is sent; they must equal {@link #announced}. */
    private final StringBuilder asked = new StringBuilder(160);
    /** An announced transaction cannot go on (the message before it was refused at its end): drop the connection. */
    private boolean abandoned;

    public PreparedSmtpTransport(Session session, URLName url) {
        super(session, url);
    }

    /**
     * The message to be sent next on this connection. {@code recipient} is asked when this message ends: the address
     * its RCPT TO will name, or null when it is not to be announced. {@code compose} makes it, while the relay takes
     * this message in.
     */
    public record Following(Supplier<String> recipient, Runnable compose) {}

    /**
     * Sends the message; {@code next} is the message to be sent next on this connection (see
     * {@link Sender.Session#send}). With PIPELINING its MAIL FROM, RCPT TO and DATA leave in the same write as this
     * message's ".", so each message costs one wait for the relay instead of two, and it is composed after that
     * write, while the relay reads this message's end and answers. The caller must send that message next, or close
     * the connection ({@link #announcing()} tells).
     */
    public synchronized void sendMessage(Message message, Address[] addresses, Following next)
            throws MessagingException {
        this.next = next;
        try {
            sendMessage(message, addresses);
        } finally {
            this.next = null;
        }
    }

    /** Whether a message was announced to the relay and not sent: the connection cannot be reused. */
    public synchronized boolean announcing() {
        return announced != null || abandoned;
    }

    /** Drops the connection (see {@link #drop}). */
    public synchronized void abort() {
        drop();
    }

    /** Whether the connection is still there, without asking the relay (Angus's isConnected sends a NOOP). */
    public synchronized boolean open() {
        try {
            return SERVER_SOCKET != null && SERVER_SOCKET.get(this) != null;
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        // Held commands are written as ASCII, as Angus writes them without SMTPUTF8: only plain addresses pipeline.
        pipelined = SERVER_OUTPUT != null
                && SERVER_SOCKET != null
                && pipelinable(message, addresses)
                && supportsExtension("PIPELINING");
        if (announced != null && !pipelined) {
            drop();
            throw new MessagingException(
                    "a message was announced to the relay and another one sent",
                    new java.io.IOException("connection dropped"));
        }
        recipient = pipelined ? (InternetAddress) addresses[0] : null;
        try {
            super.sendMessage(message, addresses);
        } finally {
            pipelined = false;
            recipient = null;
            unanswered.clear();
            held.setLength(0);
            asked.setLength(0);
            if (dataHeld) {
                // The message failed between its data and its end: the relay is inside DATA, waiting for data that
                // will not come. Nothing of it was delivered; the connection cannot be used again.
                dataHeld = false;
                abandoned = true;
            }
            if (abandoned) {
                drop();
            }
        }
    }

    private static boolean pipelinable(Message message, Address[] addresses) throws MessagingException {
        return addresses != null
                && addresses.length == 1
                && addresses[0] instanceof InternetAddress to
                && ascii(to.getAddress())
                && fromAscii(message.getFrom());
    }

    private static boolean fromAscii(Address[] from) {
        return from != null && Arrays.stream(from).allMatch(a -> ascii(a.toString()));
    }

    /** Closes the connection without a word more: a relay in the middle of DATA discards the unfinished message. */
    private void drop() {
        announced = null;
        abandoned = false;
        try {
            Socket socket = (Socket) SERVER_SOCKET.get(this);
            if (socket != null) {
                socket.close();
            }
        } catch (IllegalAccessException | IOException | RuntimeException e) {
            // Closing anyway below.
        }
        try {
            super.close();
        } catch (MessagingException | RuntimeException e) {
            // The socket is gone; Angus only forgets it.
        }
    }

    /**
     * Pipelined: MAIL and RCPT wait in a buffer and leave with DATA in one write, so the relay reads the three at once
     * and answers them in one packet (three separate packets met the relay's Nagle delay on its replies and were
     * slower than no pipelining at all).
     */
    @Override
    protected void sendCommand(String cmd) throws MessagingException {
        lastCommand = cmd;
        if (abandoned && "RSET".equals(cmd)) {
            // Angus resets after a refused message; the relay may be reading the announced message's data, where
            // RSET would be text. The connection is dropped instead (sendMessage's finally).
            return;
        }
        if (pipelined && (cmd.startsWith("MAIL FROM:") || cmd.startsWith("RCPT TO:"))) {
            if (cmd.startsWith("MAIL FROM:")) {
                mailFrom = cmd;
            }
            (announced != null ? asked : held).append(cmd).append("\r\n");
            return;
        }
        if (pipelined && "DATA".equals(cmd) && announced != null) {
            boolean same = announced.contentEquals(asked);
            announced = null;
            if (!same) {
                drop();
                throw new MessagingException(
                        "the message announced to the relay is not the one sent",
                        new java.io.IOException("connection dropped"));
            }
            return;
        }
        if (pipelined && "DATA".equals(cmd) && held.length() > 0) {
            try {
                serverOutput().write(held.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new MessagingException("Can't send command to SMTP host", e);
            } finally {
                held.setLength(0);
            }
        }
        if (pipelined && ".".equals(cmd) && next != null) {
            String envelope = envelopeFor(next.recipient().get());
            if (envelope != null) {
                Runnable compose = next.compose();
                next = null;
                // One write, with this message's data if it is held: the relay answers "." and the next MAIL, RCPT
                // and DATA in one packet (separate writes met its Nagle delay on the replies).
                try {
                    OutputStream out = serverOutput();
                    byte[] end = (".\r\n" + envelope + "DATA\r\n").getBytes(StandardCharsets.US_ASCII);
                    if (dataHeld) {
                        dataHeld = false;
                        wireBuffer.write(end, 0, end.length);
                        wireBuffer.writeTo(out);
                    } else {
                        out.write(end);
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new MessagingException("Can't send command to SMTP host", e);
                }
                announced = envelope;
                // Composed now, while the relay takes this message's end in: composing before the write kept the
                // relay waiting for Herald's CPU.
                compose.run();
                return;
            }
        }
        if (dataHeld) {
            dataHeld = false;
            try {
                wireBuffer.writeTo(serverOutput());
            } catch (IOException e) {
                throw new MessagingException("Can't send command to SMTP host", e);
            }
        }
        super.sendCommand(cmd);
    }

    /** MAIL FROM and RCPT TO for the next message as Angus will write them, or null if it cannot be announced. */
    private String envelopeFor(String to) {
        if (to == null || mailFrom == null || !ascii(to)) {
            return null;
        }
        // Angus writes the envelope sender from the same From for every message of an edition, and the recipient
        // from the message's To; should either differ, the comparison in sendCommand finds out and the connection is
        // dropped, not misused.
        return mailFrom + "\r\nRCPT TO:<" + to + ">\r\n";
    }

    private OutputStream serverOutput() throws MessagingException {
        try {
            return (OutputStream) SERVER_OUTPUT.get(this);
        } catch (IllegalAccessException e) {
            throw new MessagingException("Angus's SMTP output is not reachable", e);
        }
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 126) {
                return false;
            }
        }
        return true;
    }

    /**
     * Pipelined: MAIL and RCPT are answered "250" at once, to let Angus send the next command; their real replies
     * are read after DATA, and the first refusal among them is raised then.
     */
    @Override
    protected int readServerResponse() throws MessagingException {
        if (abandoned && "RSET".equals(lastCommand)) {
            return 250;
        }
        if (pipelined && (lastCommand.startsWith("MAIL FROM:") || lastCommand.startsWith("RCPT TO:"))) {
            unanswered.add(lastCommand);
            return 250;
        }
        if (pipelined && "DATA".equals(lastCommand) && !unanswered.isEmpty()) {
            List<String> owed = List.copyOf(unanswered);
            unanswered.clear();
            MessagingException refused = null;
            for (String command : owed) {
                int code = super.readServerResponse();
                boolean rcpt = command.startsWith("RCPT TO:");
                if (refused == null && code != 250 && !(rcpt && code == 251)) {
                    String reply = getLastServerResponse();
                    refused = rcpt
                            ? new SMTPAddressFailedException(recipient, command, code, reply)
                            : new SMTPSendFailedException(command, code, reply, null, null, null, null);
                }
            }
            int data = super.readServerResponse();
            if (refused == null) {
                return data;
            }
            if (data == 354) {
                // The relay took DATA although it refused the sender or the recipient: end the empty message.
                super.sendCommand(".");
                super.readServerResponse();
            }
            try {
                issueCommand("RSET", -1);
            } catch (MessagingException e) {
                // As Angus does: the connection is checked before its next use.
            }
            throw refused;
        }
        if (".".equals(lastCommand) && next != null) {
            // Not announced ahead: the next message is composed while the relay takes this one in.
            Runnable compose = next.compose();
            next = null;
            compose.run();
        }
        int code = super.readServerResponse();
        if (".".equals(lastCommand) && announced != null && code != 250) {
            // This message was refused at its end, and the next one's MAIL, RCPT and DATA are already on their way:
            // Angus's RSET cannot follow them. The refusal is raised as Angus raises it; then the connection goes.
            abandoned = true;
            announced = null;
        }
        return code;
    }

    @Override
    protected OutputStream data() throws MessagingException {
        OutputStream data = super.data();
        if (SERVER_OUTPUT != null) {
            try {
                if (SERVER_OUTPUT.get(this) instanceof OutputStream) {
                    return new DataStream(data, this::holdData);
                }
            } catch (IllegalAccessException e) {
                // Fall through to Angus's stream.
            }
        }
        return data;
    }

    private static Field field(String name) {
        try {
            Field field = SMTPTransport.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf(
                    "Angus's SMTP %s is not reachable (%s): prepared messages go through SMTPOutputStream, "
                            + "one message at a time",
                    name, e.toString());
            return null;
        }
    }

    /** Gathers a message's pieces in DATA form; they leave with the "." that ends the data (see sendCommand). */
    private void holdData(List<byte[]> pieces) throws IOException {
        wireBuffer.reset();
        WireBytes.write(wireBuffer, pieces);
        dataHeld = true;
    }

    /** Where a message's pieces in DATA form go: the transport holds them until the data's end. */
    interface WireSink {
        void take(List<byte[]> pieces) throws IOException;
    }

    /** Angus's DATA stream for ordinary writes, plus a way to hand over bytes already in DATA form. */
    static final class DataStream extends FilterOutputStream {
        private final WireSink wire;

        DataStream(OutputStream smtp, WireSink wire) {
            super(smtp);
            this.wire = wire;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        /** Writes pieces made by {@link WireBytes#inside}; Angus then ends the data with its "." line. */
        void writeWire(List<byte[]> pieces) throws IOException {
            // Gathered into the connection's own buffer and written at once with the data's end: one system call
            // (and one write timeout) per message instead of one per piece.
            wire.take(pieces);
        }
    }
}
