package io.herald.delivery;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Herald's DKIM signer: the signed fields relaxed as RFC 6376 says, the same field with the native RSA and the JDK's,
 * the body hash jDKIM's signer computes, and jDKIM's verifier accepts the field and refuses a changed body or field.
 * (dkimpy, an independent verifier, checks Herald's real emails in the judges profile.)
 */
class RelaxedDkimSignerTest {

    private static final List<String> SIGNED = List.of("from", "to", "subject", "message-id");
    private static final String MESSAGE = "From: The Astana Times <news@example.org>\r\n"
            + "To: Reader <reader@example.net>\r\n"
            + "Subject: =?UTF-8?Q?T=C3=BCrkiye_and_Kazakhstan?=\r\n"
            + "Message-ID: <herald.1.2.0123456789abcdef@example.org>\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "ASTANA =E2=80=93 Kurtulmu=C5=9F said:   \r\n"
            + "\t  trade reached $6 billion.\r\n"
            + "\r\n\r\n";
    /**
     * What relaxed canonicalization is for: folded fields, runs of spaces and tabs, space before the line end and
     * after the colon, names in other cases, a name twice (the last one is signed first), a signed name the message
     * lacks.
     */
    private static final String UNTIDY = "FROM:   The Astana Times\r\n\t <news@example.org>  \r\n"
            + "To: first@example.net\r\n"
            + "Subject: A long\r\n  folded \t subject\t\r\n"
            + "X-Mailer: Herald\r\n"
            + "to:\tsecond@example.net,\r\n third@example.net\r\n"
            + "List-Unsubscribe: <https://news.example.org/u/abc>,\r\n <mailto:u@example.org>\r\n"
            + "Date: Tue, 1 Dec 2026 08:00:00 +0000\r\n"
            + "\r\n"
            + "Line one  \t with  spaces\r\n"
            + "\r\n"
            + "Line three\r\n";

    /** Herald's whole list (h= folds), a name twice and once more than the message has it. */
    private static final List<String> UNTIDY_SIGNED = List.of(
            "from",
            "to",
            "to",
            "to",
            "subject",
            "date",
            "message-id",
            "reply-to",
            "list-id",
            "list-unsubscribe",
            "list-unsubscribe-post",
            "mime-version",
            "content-type",
            "content-transfer-encoding");

    private static KeyPair pair;
    private static Provider nativeRsa;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        StringBuilder whyNot = new StringBuilder();
        nativeRsa = NativeRsa.provider(whyNot).orElse(null);
        assertThat(nativeRsa).as("native RSA on this platform: %s", whyNot).isNotNull();
    }

    @Test
    void theSignedFieldsAreRelaxedAsRfc6376Says() {
        List<String> fields = fields(UNTIDY);

        assertThat(new String(RelaxedDkimSigner.canonicalHeaders(fields, UNTIDY_SIGNED), StandardCharsets.UTF_8))
                .isEqualTo("from:The Astana Times <news@example.org>\r\n"
                        + "to:second@example.net, third@example.net\r\n"
                        + "to:first@example.net\r\n"
                        + "subject:A long folded subject\r\n"
                        + "date:Tue, 1 Dec 2026 08:00:00 +0000\r\n"
                        + "list-unsubscribe:<https://news.example.org/u/abc>, <mailto:u@example.org>\r\n");
    }

    @Test
    void nativeAndJdkSignaturesAgreeAndTheBodyHashIsJdkims() throws Exception {
        PrivateKey nativeKey = NativeRsa.keyFor(nativeRsa, pair.getPrivate());
        assertThat(nativeKey.getClass().getName()).startsWith("com.amazon.corretto");
        RelaxedDkimSigner nativeSigner = new RelaxedDkimSigner("example.org", "test", nativeKey, nativeRsa);
        RelaxedDkimSigner jdkSigner = new RelaxedDkimSigner("example.org", "test", pair.getPrivate(), null);

        for (String message : List.of(MESSAGE, UNTIDY)) {
            List<String> signed = message == MESSAGE ? SIGNED : UNTIDY_SIGNED;
            String field = sign(nativeSigner, message, signed);
            // jDKIM writes its tags in another order (so another signature), but hashes the body alike.
            String jdkim = new DKIMSigner(template(signed), pair.getPrivate()).sign(input(message));

            assertThat(field)
                    .startsWith(
                            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n\td=example.org; s=test;\r\n\th=")
                    .contains(";\r\n\tbh=")
                    .isEqualTo(sign(jdkSigner, message, signed));
            assertThat(tag(field, "h")).isEqualTo(String.join(":", signed));
            assertThat(tag(field, "bh")).isEqualTo(tag(jdkim, "bh"));
            assertThat(field.split("\r\n"))
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        }
    }

    @Test
    void jdkimsVerifierAcceptsItAndRefusesATamperedBodyOrField() throws Exception {
        RelaxedDkimSigner signer =
                new RelaxedDkimSigner("example.org", "test", NativeRsa.keyFor(nativeRsa, pair.getPrivate()), nativeRsa);
        String record = "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(record));

        // One signer, one thread, messages one after another: each starts from a fresh digest and signature.
        String first = sign(signer, MESSAGE, SIGNED);
        String second = sign(signer, UNTIDY, UNTIDY_SIGNED);
        assertThat(verifier.verify(input(first + "\r\n" + MESSAGE))).hasSize(1);
        assertThat(verifier.verify(input(second + "\r\n" + UNTIDY))).hasSize(1);

        String body = MESSAGE.replace("$6 billion", "$9 billion");
        assertThatThrownBy(() -> verifier.verify(input(first + "\r\n" + body))).isInstanceOf(FailException.class);
        String field = UNTIDY.replace("third@example.net", "fourth@example.net");
        assertThatThrownBy(() -> verifier.verify(input(second + "\r\n" + field)))
                .isInstanceOf(FailException.class);
    }

    @Test
    void aBodyLeftHalfWrittenDoesNotLeakIntoTheNextMessage() throws Exception {
        RelaxedDkimSigner signer = new RelaxedDkimSigner("example.org", "test", pair.getPrivate(), null);
        String clean = sign(signer, MESSAGE, SIGNED);

        // A message whose composition failed halfway through its body, on the same thread.
        signer.body().write("half of another body\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(sign(signer, MESSAGE, SIGNED)).isEqualTo(clean);
    }

    /** The field for {@code message}, its body streamed as a prepared message streams it. */
    private static String sign(RelaxedDkimSigner signer, String message, List<String> signed) throws Exception {
        RelaxedBodyHash body = signer.body();
        byte[] bytes = message.substring(message.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
        // In two writes, split inside a run of spaces, as a spliced message's pieces may be.
        int half = Math.min(bytes.length, 10);
        body.write(bytes, 0, half);
        body.write(bytes, half, bytes.length - half);
        return signer.sign(fields(message), signed, body);
    }

    /** The message's header fields as Jakarta Mail hands them over: whole fields, folds included. */
    private static List<String> fields(String message) {
        List<String> fields = new ArrayList<>();
        for (String line : message.substring(0, message.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    /** A tag's value in a DKIM-Signature field, folding removed. */
    private static String tag(String field, String name) {
        for (String tag : field.substring(field.indexOf(':') + 1).split(";")) {
            String[] pair = tag.replaceAll("\\s", "").split("=", 2);
            if (pair[0].equals(name)) {
                return pair[1];
            }
        }
        throw new AssertionError("no " + name + "= in " + field);
    }

    private static String template(List<String> signed) {
        return "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=test; h=" + String.join(":", signed)
                + "; bh=; b=;";
    }

    private static ByteArrayInputStream input(String message) {
        return new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8));
    }
}
