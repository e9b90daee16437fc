package io.herald.delivery;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import io.quarkus.logging.Log;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;

/**
 * Angus's SMTP transport with two changes for bulk sending; commands, their wording, EHLO, AUTH, STARTTLS, RSET and
 * the exceptions a failure raises stay Angus's own.
 * <ul>
 * <li>A message already in DATA form (a prepared edition's message, see {@link MessageBuilder.SplicedMessage}) is
 * written to the connection's buffered output in a few large writes instead of through SMTPOutputStream, which looks
 * at every byte for line ends and dots and calls the buffer once per line: at thousands of 40-60 KB messages a second
 * that filter was the largest single cost of a send (a third of the CPU in a profile of the benchmark).</li>
 * <li>PIPELINING (RFC 2920) when the relay offers it and the message has one recipient: MAIL FROM, RCPT TO and DATA
 * go out without waiting, and their replies are read in order once DATA is sent. Angus has no pipelining; it waited
 * for four replies per message, and with four connections a send spent most of its time waiting (the CPU was a
 * fifth idle). A refused MAIL or RCPT raises what Angus raises (SMTPSendFailedException, SMTPAddressFailedException
 * with the relay's words) after RSET, so a refused recipient is still a hard bounce.</li>
 * </ul>
 * <p>
 * Angus keeps the connection's output stream private; it is read once by reflection. Should a later Angus rename
 * it, messages go through SMTPOutputStream as before (slower, same bytes). {@code SmtpWireTest} checks that both
 * ways put the same bytes on the wire. Registered through the session property {@code mail.smtp.class}.
 */
public class PreparedSmtpTransport extends SMTPTransport {

    private static final Field SERVER_OUTPUT = serverOutputField();

    private boolean pipelined;
    private InternetAddress recipient;
    private String lastCommand = "";
    private final List<String> unanswered = new ArrayList<>(2);
    private final StringBuilder held = new StringBuilder(160);
    private Runnable meanwhile;
    private final WireBytes.Buffer wireBuffer = new WireBytes.Buffer();

    public PreparedSmtpTransport(Session session, URLName url) {
        super(session, url);
    }

    /** Sends the message, running {@code task} while the relay takes in its data (see readServerResponse). */
    public synchronized void sendMessage(Message message, Address[] addresses, Runnable task)
            throws MessagingException {
        meanwhile = task;
        try {
            sendMessage(message, addresses);
        } finally {
            meanwhile = null;
        }
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        // Held commands are written as ASCII, as Angus writes them without SMTPUTF8: only plain addresses pipeline.
        pipelined = SERVER_OUTPUT != null && addresses != null && addresses.length == 1
                && addresses[0] instanceof InternetAddress to && ascii(to.getAddress())
                && message.getFrom() != null && Arrays.stream(message.getFrom()).allMatch(a -> ascii(a.toString()))
                && supportsExtension("PIPELINING");
        recipient = pipelined ? (InternetAddress) addresses[0] : null;
        try {
            super.sendMessage(message, addresses);
        } finally {
            pipelined = false;
            recipient = null;
            unanswered.clear();
            held.setLength(0);
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
        if (pipelined && (cmd.startsWith("MAIL FROM:") || cmd.startsWith("RCPT TO:"))) {
            held.append(cmd).append("\r\n");
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
        super.sendCommand(cmd);
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
                    refused = rcpt ? new SMTPAddressFailedException(recipient, command, code, reply)
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
        if (meanwhile != null && ".".equals(lastCommand)) {
            // The data has gone out; the relay's reply takes as long as it takes to read it. The task (the next
            // message's composition) runs here instead of after the reply. It must not throw.
            Runnable task = meanwhile;
            meanwhile = null;
            task.run();
        }
        return super.readServerResponse();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        OutputStream data = super.data();
        if (SERVER_OUTPUT != null) {
            try {
                if (SERVER_OUTPUT.get(this) instanceof OutputStream server) {
                    return new DataStream(data, server, wireBuffer);
                }
            } catch (IllegalAccessException e) {
                // Fall through to Angus's stream.
            }
        }
        return data;
    }

    private static Field serverOutputField() {
        try {
            Field field = SMTPTransport.class.getDeclaredField("serverOutput");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("Angus's SMTP output is not reachable (%s): prepared messages go through SMTPOutputStream",
                    e.toString());
            return null;
        }
    }

    /** Angus's DATA stream for ordinary writes, plus a way to hand over bytes already in DATA form. */
    static final class DataStream extends FilterOutputStream {
        private final OutputStream server;
        private final WireBytes.Buffer buffer;

        DataStream(OutputStream smtp, OutputStream server, WireBytes.Buffer buffer) {
            super(smtp);
            this.server = server;
            this.buffer = buffer;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        /** Writes pieces made by {@link WireBytes#inside}; Angus then ends the data with its "." line. */
        void writeWire(List<byte[]> pieces) throws IOException {
            // Gathered into the connection's own buffer and written at once: one system call (and one write
            // timeout) per message instead of one per piece.
            buffer.reset();
            WireBytes.write(buffer, pieces);
            buffer.writeTo(server);
        }
    }
}
