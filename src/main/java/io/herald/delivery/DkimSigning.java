package io.herald.delivery;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

import io.herald.config.HeraldConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Signs outgoing messages with DKIM (rsa-sha256, relaxed/relaxed) through java-utils-mail-dkim, covering the
 * headers receivers check for bulk mail, List-Unsubscribe and List-Unsubscribe-Post included (the library leaves
 * the latter out unless asked). Without a configured key it signs nothing and says so once at start.
 */
@ApplicationScoped
public class DkimSigning {

    /** What the signature covers; the library signs each only when the message has it. */
    static final String[] SIGNED_HEADERS = { "From", "To", "Subject", "Date", "Message-ID", "Reply-To", "List-Id",
            "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type", "Content-Transfer-Encoding" };

    private final HeraldConfig config;
    private DkimSigner signer;

    DkimSigning(HeraldConfig config) {
        this.config = config;
    }

    @PostConstruct
    void init() {
        HeraldConfig.Dkim dkim = config.dkim();
        if (dkim.domain().isEmpty() || dkim.selector().isEmpty() || dkim.privateKeyFile().isEmpty()) {
            Log.warn("DKIM is not configured (herald.dkim.domain, selector, private-key-file): messages go out "
                    + "unsigned, and Gmail and Yahoo file unsigned bulk mail as spam");
            return;
        }
        try {
            signer = new DkimSigner(dkim.domain().get(), dkim.selector().get(), readKey(Path.of(dkim.privateKeyFile().get())));
            signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setCheckDomainKey(false);
            for (String header : SIGNED_HEADERS) {
                signer.addHeaderToSign(header);
            }
            Log.infof("DKIM: signing as d=%s s=%s", dkim.domain().get(), dkim.selector().get());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the DKIM key " + dkim.privateKeyFile().get() + ": " + e.getMessage(), e);
        }
    }

    public boolean enabled() {
        return signer != null;
    }

    /** The message signed (the signature is computed when the message is written), or as it is without a key. */
    public MimeMessage sign(MimeMessage message) throws MessagingException {
        return signer == null ? message : new DkimMessage(message, signer);
    }

    static RSAPrivateKey readKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
            Object object = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return (RSAPrivateKey) converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return (RSAPrivateKey) converter.getPrivateKey(info);
            }
            throw new IOException("not an RSA private key in PEM form");
        }
    }
}
