package io.herald.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.exceptions.FailException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Signs outgoing messages with DKIM (rsa-sha256, relaxed/relaxed) through Apache James jDKIM, the RSA in native code
 * where it loads ({@link NativeRsa}), covering the headers receivers check for bulk mail, List-Unsubscribe and
 * List-Unsubscribe-Post included; each header is signed when the message has it. A prepared edition's message streams
 * its pieces straight into jDKIM's body hasher (no copy, no parse); any other message is signed from its bytes. The
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
    private ProviderDkimSigner signer;
    private String domain;
    private String selector;

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
        domain = dkim.domain().get();
        selector = dkim.selector().get();
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
            signer = new ProviderDkimSigner(template("from"), key, provider);
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
        List<String> fields = new ArrayList<>();
        for (Enumeration<String> e = message.getAllHeaderLines(); e.hasMoreElements(); ) {
            fields.add(e.nextElement());
        }
        List<String> signed = new ArrayList<>();
        for (String name : SIGNED_HEADERS) {
            if (message.getHeader(name) != null) {
                signed.add(name.toLowerCase(Locale.ROOT));
            }
        }
        try {
            BodyHasher body =
                    signer.newBodyHasher(signer.newSignatureRecordTemplate(template(String.join(":", signed))));
            try (OutputStream out = body.getOutputStream()) {
                if (message instanceof SplicedMessage spliced) {
                    spliced.writeContent(out);
                } else {
                    out.write(bodyOf(message));
                }
            }
            String field = signer.sign(new FieldList(fields), body);
            message.addHeaderLine(field);
            return message;
        } catch (FailException | IOException e) {
            throw new MessagingException("DKIM signing failed: " + e.getMessage(), e);
        }
    }

    private String template(String headers) {
        return "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; h=" + headers
                + "; bh=; b=;";
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

    /** Header fields as jDKIM reads them: raw lines, looked up by name without regard to case. */
    private record FieldList(List<String> fields) implements Headers {
        @Override
        public List<String> getFields() {
            return Collections.unmodifiableList(fields);
        }

        @Override
        public List<String> getFields(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            List<String> matching = new ArrayList<>(1);
            for (String field : fields) {
                if (field.length() >= prefix.length() && field.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    matching.add(field);
                }
            }
            return matching;
        }
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
