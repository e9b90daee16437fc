import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.james.jdkim.canon.DigestOutputStream;
import org.apache.james.jdkim.canon.RelaxedBodyCanonicalizer;

/**
 * What DKIM costs a message on one core, beside the RSA signature itself: Herald's signer (io.herald.delivery's
 * RelaxedDkimSigner and RelaxedBodyHash, reached by reflection) on a message shaped like an edition (a 12 KB
 * quoted-printable body, the header fields Herald signs), against the RSA signature alone and against jDKIM's body
 * canonicalizer, which Herald used before. Native RSA and SHA-256 (Amazon Corretto Crypto Provider), as a node signs.
 * Run with src/bench/dkim-bench.sh (it builds the class path and uses deploy/jvm.options' compiler and collector).
 */
public class DkimCost {

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();

        Class<?> nativeRsa = Class.forName("io.herald.delivery.NativeRsa");
        Method providerOf = nativeRsa.getDeclaredMethod("provider", StringBuilder.class);
        providerOf.setAccessible(true);
        StringBuilder whyNot = new StringBuilder();
        Provider provider = ((java.util.Optional<?>) providerOf.invoke(null, whyNot))
                .map(Provider.class::cast)
                .orElseThrow(() -> new IllegalStateException("no native RSA here: " + whyNot));
        Method keyFor = nativeRsa.getDeclaredMethod("keyFor", Provider.class, PrivateKey.class);
        keyFor.setAccessible(true);
        PrivateKey key = (PrivateKey) keyFor.invoke(null, provider, pair.getPrivate());

        Class<?> signerClass = Class.forName("io.herald.delivery.RelaxedDkimSigner");
        Constructor<?> make =
                signerClass.getDeclaredConstructor(String.class, String.class, PrivateKey.class, Provider.class);
        make.setAccessible(true);
        Object signer = make.newInstance("example.org", "bench", key, provider);
        Method body = signerClass.getDeclaredMethod("body");
        body.setAccessible(true);
        Class<?> hashClass = Class.forName("io.herald.delivery.RelaxedBodyHash");
        Method sign = signerClass.getDeclaredMethod("sign", List.class, List.class, hashClass);
        sign.setAccessible(true);
        Method hash = hashClass.getDeclaredMethod("hash");
        hash.setAccessible(true);
        Method relaxFields = signerClass.getDeclaredMethod("canonicalHeaders", List.class, List.class);
        relaxFields.setAccessible(true);

        byte[] text = body();
        List<String> fields = fields();
        // What Herald signs (DkimSigning.SIGNED_HEADERS), those this message has.
        java.lang.reflect.Field names =
                Class.forName("io.herald.delivery.DkimSigning").getDeclaredField("SIGNED_HEADERS");
        names.setAccessible(true);
        List<String> signed = new ArrayList<>();
        for (String name : (String[]) names.get(null)) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (fields.stream()
                    .anyMatch(f -> f.toLowerCase(java.util.Locale.ROOT).startsWith(lower + ":"))) {
                signed.add(lower);
            }
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256", provider);
        Signature rsa = Signature.getInstance("SHA256withRSA", provider);
        rsa.initSign(key);
        byte[] headerBytes = new byte[900];

        System.out.printf(
                "dkim-cost: %d messages a round, body %d bytes, %d signed fields, %s%n",
                messages, text.length, signed.size(), provider.getName() + " " + provider.getVersionStr());
        for (int round = 1; round <= 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                OutputStream out = (OutputStream) body.invoke(signer);
                out.write(text, 0, 4096);
                out.write(text, 4096, text.length - 4096);
                hash.invoke(out);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                sha.reset();
                DigestOutputStream digest = new DigestOutputStream(sha);
                try (OutputStream out = new RelaxedBodyCanonicalizer(digest)) {
                    out.write(text, 0, 4096);
                    out.write(text, 4096, text.length - 4096);
                }
                digest.getDigest();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                OutputStream out = (OutputStream) body.invoke(signer);
                out.write(text);
                sign.invoke(signer, fields, signed, out);
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                rsa.update(headerBytes);
                rsa.sign();
            }
            long t4 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                relaxFields.invoke(null, fields, signed);
            }
            long t5 = System.nanoTime();
            System.out.printf(
                    "round %d: body hash %.1f µs (jDKIM's canonicalizer and the same digest %.1f µs), signed fields"
                            + " relaxed %.1f µs; the whole field %.1f µs, the RSA alone %.1f µs%n",
                    round,
                    (t1 - t0) / 1e3 / messages,
                    (t2 - t1) / 1e3 / messages,
                    (t5 - t4) / 1e3 / messages,
                    (t3 - t2) / 1e3 / messages,
                    (t4 - t3) / 1e3 / messages);
        }
    }

    /** About 12 KB of quoted-printable lines with spaces between words, as an edition's text and HTML parts have. */
    private static byte[] body() {
        Random random = new Random(6376);
        StringBuilder text = new StringBuilder();
        while (text.length() < 12_000) {
            int line = 0;
            while (line < 70) {
                int word = 2 + random.nextInt(9);
                for (int i = 0; i < word; i++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                text.append(random.nextInt(12) == 0 ? "=C3=BC " : " ");
                line += word + 1;
            }
            text.append("=\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> fields() {
        List<String> fields = new ArrayList<>();
        fields.add("Date: Tue, 1 Dec 2026 08:00:00 +0000 (UTC)");
        fields.add("From: The Astana Times <news@example.org>");
        fields.add("Reply-To: letters@example.org");
        fields.add("To: Reader 12345 <reader12345@bench.example.org>");
        fields.add("Message-ID: <herald.1.12345.0123456789abcdef@example.org>");
        fields.add("Subject: =?UTF-8?Q?Kazakhstan_and_T=C3=BCrkiye_sign_agreements?=");
        fields.add("MIME-Version: 1.0");
        fields.add("Content-Type: multipart/alternative;\r\n\tboundary=\"----=_Part_0_123456789.1700000000000\"");
        fields.add("List-Id: Bench Digest <bench.example.org>");
        fields.add("List-Unsubscribe: <https://news.example.org/unsubscribe/0123456789abcdef0123456789abcdef>,"
                + "\r\n <mailto:unsubscribe@example.org?subject=0123456789abcdef>");
        fields.add("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        fields.add("Precedence: bulk");
        return fields;
    }
}
