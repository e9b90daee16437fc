package io.herald.delivery;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Signs outgoing messages with DKIM (rsa-sha256, relaxed/relaxed, {@link RelaxedDkimSigner}), the RSA in native code
 * where it loads ({@link NativeRsa}), covering the headers receivers check for bulk mail, List-Unsubscribe and
 * List-Unsubscribe-Post included; each header is signed when the message has it. A prepared edition's message streams
 * its pieces straight into the body hash (no copy, no parse); any other message is signed from its bytes. The
 * DKIM-Signature field is added to the message itself, so a signed message still takes the fast way to the wire.
 * Without a configured key it signs nothing and says so once.
 */
@ApplicationScoped
public class DkimSigning {

    /** What the signature covers, when the message has it. */
    static final String[] SIGNED_HEADERS = {
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "Reply-To",
        "List-Id",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding"
    };

    private final DeliveryConfig deliveryConfig;
    /** {@link #SIGNED_HEADERS} in lower case, as the signature's h= tag names them. */
    private static final List<String> SIGNED = Arrays.stream(SIGNED_HEADERS)
            .map(name -> name.toLowerCase(Locale.ROOT))
            .toList();

    private RelaxedDkimSigner signer;

    DkimSigning(DeliveryConfig deliveryConfig) {
        this.deliveryConfig = deliveryConfig;
    }

    @PostConstruct
    void init() {
        DeliveryConfig.Dkim dkim = deliveryConfig.dkim();
        if (dkim.domain().isEmpty()
                || dkim.selector().isEmpty()
                || dkim.privateKeyFile().isEmpty()) {
            Log.warn("DKIM is not configured (herald.dkim.domain, selector, private-key-file): messages go out "
                    + "unsigned, and Gmail and Yahoo file unsigned bulk mail as spam");
            return;
        }
        String domain = dkim.domain().get();
        String selector = dkim.selector().get();
        try {
            PrivateKey key = readKey(Path.of(dkim.privateKeyFile().get()));
            Provider provider = null;
            if (dkim.nativeSigning()) {
                StringBuilder whyNot = new StringBuilder();
                provider = NativeRsa.provider(whyNot).orElse(null);
                if (provider == null) {
                    Log.warnf("DKIM: native RSA unavailable (%s); signing with the JDK, about a third as fast", whyNot);
                } else {
                    key = NativeRsa.keyFor(provider, key);
                }
            }
            signer = new RelaxedDkimSigner(domain, selector, key, provider);
            Log.infof(
                    "DKIM: signing as d=%s s=%s with %s",
                    domain,
                    selector,
                    provider == null ? "the JDK's RSA" : provider.getName() + " " + provider.getVersionStr());
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot load the DKIM key " + dkim.privateKeyFile().get() + ": " + e.getMessage(), e);
        }
    }

    public boolean enabled() {
        return signer != null;
    }

    /** The message with a DKIM-Signature field added (the same object), or as it is without a key. */
    public MimeMessage sign(MimeMessage message) throws MessagingException {
        if (signer == null) {
            return message;
        }
        List<String> fields = new ArrayList<>(24);
        Set<String> names = new HashSet<>();
        for (Enumeration<String> e = message.getAllHeaderLines(); e.hasMoreElements(); ) {
            String field = e.nextElement();
            fields.add(field);
            int colon = field.indexOf(':');
            if (colon > 0) {
                names.add(field.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            }
        }
        List<String> signed = new ArrayList<>(SIGNED.size());
        for (String name : SIGNED) {
            if (names.contains(name)) {
                signed.add(name);
            }
        }
        try {
            RelaxedBodyHash body = signer.body();
            if (message instanceof SplicedMessage spliced) {
                spliced.writeContent(body);
            } else {
                body.write(bodyOf(message));
            }
            message.addHeaderLine(signer.sign(fields, signed, body));
            return message;
        } catch (GeneralSecurityException | IOException e) {
            throw new MessagingException("DKIM signing failed: " + e.getMessage(), e);
        }
    }

    /** The body of any message: its bytes after the blank line that ends the header. */
    private static byte[] bodyOf(MimeMessage message) throws MessagingException {
        byte[] all = PreparedEdition.bytes(message);
        for (int i = 0; i + 3 < all.length; i++) {
            if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
                return java.util.Arrays.copyOfRange(all, i + 4, all.length);
            }
        }
        return new byte[0];
    }

    static PrivateKey readKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file);
                PEMParser pem = new PEMParser(reader)) {
            Object object = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("not an RSA private key in PEM form");
        }
    }
}
