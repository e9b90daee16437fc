package io.herald.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DKIM-Signature fields (RFC 6376) for one domain, selector and key: rsa-sha256, relaxed/relaxed, the way Herald
 * signs. The body streams through {@link RelaxedBodyHash} into a SHA-256; the signed header fields and the signature
 * field's own stub are canonicalized here (RFC 6376, 3.4.2) in one pass over their characters.
 * <p>
 * Apache James jDKIM, used before, parsed its record template, looked up a digest and a signature algorithm, ran
 * three regular expressions per signed field and canonicalized the body through two stream layers for every message:
 * together about a quarter of a signed message's CPU beside the RSA itself (BENCHMARKS.md, "Signing without jDKIM's per-message set-up"). Here the SHA-256
 * and the RSA are one object each per sending thread, made once: JCA returns a Signature to its initialised state
 * after each signature, and a digest after each digest. {@code RelaxedDkimSignerTest} checks the field with jDKIM's
 * verifier (jDKIM stays the tests' reference); dkimpy checks Herald's real emails in the judges profile.
 */
final class RelaxedDkimSigner {

    private final String domain;
    private final String selector;
    private final PrivateKey key;
    /** The provider of SHA256withRSA and SHA-256 (native, see {@link NativeRsa}); null for the JVM's default. */
    private final Provider provider;

    /** Where the field continues on the next line. */
    private static final String FOLD = "\r\n\t";
    /** Characters of b= per line: with the tab before them, 73. */
    private static final int B_LINE = 72;

    private final ThreadLocal<Signature> signatures = new ThreadLocal<>();
    private final ThreadLocal<MessageDigest> digests = new ThreadLocal<>();

    RelaxedDkimSigner(String domain, String selector, PrivateKey key, Provider provider) {
        this.domain = domain;
        this.selector = selector;
        this.key = key;
        this.provider = provider;
    }

    /**
     * A new body hash: write the body as it goes on the wire (CRLF line ends), then {@link #sign}. The thread's digest
     * is reset, whatever a message that failed before left in it; so a thread has one body in the making at a time
     * (the next call takes the digest over).
     */
    RelaxedBodyHash body() throws GeneralSecurityException {
        MessageDigest digest = digests.get();
        if (digest == null) {
            digest = provider == null
                    ? MessageDigest.getInstance("SHA-256")
                    : MessageDigest.getInstance("SHA-256", provider);
            digests.set(digest);
        }
        digest.reset();
        return new RelaxedBodyHash(digest);
    }

    /**
     * The DKIM-Signature field (without its line end) for a message whose header fields are {@code fields} (each a
     * whole field as it goes on the wire, folded lines included, without the final CRLF), signing the fields named in
     * {@code signed} (lower case, in this order; a name the message has twice takes its last field first, RFC 6376,
     * 5.4.2) and the body written to {@code body}.
     */
    String sign(List<String> fields, List<String> signed, RelaxedBodyHash body) throws GeneralSecurityException {
        // Folded between tags, after a colon of h= and inside b=, so that no line passes 78 characters (RFC 5322,
        // 2.1.1; RFC 6376, 3.5, lets folding white space stand there) while domain and selector together stay within
        // 70. A verifier unfolds and drops b='s value before it canonicalizes, so the stub signed is this very text
        // with "b=;".
        String unsigned = "v=1; a=rsa-sha256; c=relaxed/relaxed;" + FOLD + "d=" + domain + "; s=" + selector + ";"
                + FOLD
                + headerList(signed) + ";" + FOLD + "bh=" + Base64.getEncoder().encodeToString(body.hash()) + ";"
                + FOLD + "b=";
        Signature signature = signatures.get();
        if (signature == null) {
            signature = provider == null
                    ? Signature.getInstance("SHA256withRSA")
                    : Signature.getInstance("SHA256withRSA", provider);
            signature.initSign(key);
            signatures.set(signature);
        }
        byte[] value;
        try {
            signature.update(canonicalHeaders(fields, signed));
            signature.update(relaxed("dkim-signature", unsigned + ";"));
            value = signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            // What was fed to it stays in it: the thread's next message starts from a new one.
            signatures.remove();
            throw e;
        }
        StringBuilder field = new StringBuilder(600).append("DKIM-Signature: ").append(unsigned);
        String b = Base64.getEncoder().encodeToString(value);
        for (int at = 0; at < b.length(); at += B_LINE) {
            field.append(at == 0 ? "" : FOLD).append(b, at, Math.min(b.length(), at + B_LINE));
        }
        return field.append(';').toString();
    }

    /** The h= tag, folded after a colon before a line (with its tab) would pass 78 characters. */
    private static String headerList(List<String> signed) {
        StringBuilder tag = new StringBuilder(200).append("h=");
        int line = 1 + tag.length();
        for (int i = 0; i < signed.size(); i++) {
            String name = signed.get(i);
            if (i > 0) {
                tag.append(':');
                line++;
                if (line + name.length() + 1 > 78) {
                    tag.append(FOLD);
                    line = 1;
                }
            }
            tag.append(name);
            line += name.length();
        }
        return tag.toString();
    }

    /** The signed fields, relaxed, each ending in CRLF. */
    static byte[] canonicalHeaders(List<String> fields, List<String> signed) {
        Map<String, List<String>> byName = new HashMap<>();
        for (String field : fields) {
            int colon = field.indexOf(':');
            if (colon > 0) {
                byName.computeIfAbsent(
                                field.substring(0, colon).strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>(1))
                        .add(field);
            }
        }
        Map<String, Integer> taken = new HashMap<>();
        StringBuilder out = new StringBuilder(1024);
        for (String name : signed) {
            List<String> instances = byName.get(name);
            int used = taken.getOrDefault(name, 0);
            if (instances == null || used >= instances.size()) {
                // Named and absent: signs its absence (nothing to hash).
                continue;
            }
            taken.put(name, used + 1);
            String field = instances.get(instances.size() - 1 - used);
            appendRelaxed(out, name, field.substring(field.indexOf(':') + 1));
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One field relaxed, without a line end (the signature field's stub ends the signed data). */
    private static byte[] relaxed(String name, String value) {
        StringBuilder out = new StringBuilder(name.length() + value.length() + 1);
        appendRelaxed(out, name, value);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 6376, 3.4.2: the name in lower case, a colon, then the value unfolded (CRLF removed), each run of spaces and
     * tabs one space, none at its start or end.
     */
    static void appendRelaxed(StringBuilder out, String lowerCaseName, String value) {
        out.append(lowerCaseName).append(':');
        boolean space = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space && started) {
                out.append(' ');
            }
            space = false;
            started = true;
            out.append(c);
        }
    }
}
