package io.herald.judges;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Herald with a DKIM key of its own, made for this run: the private key for Herald, the public key as the TXT record
 * a newsroom would publish at judges._domainkey.example.org, for the independent verifier to read.
 */
public class JudgeProfile implements QuarkusTestProfile {

    static final Path DIR = Path.of("target", "judges");
    static final Path KEY = DIR.resolve("dkim-private.pem");
    static final Path RECORD = DIR.resolve("dkim-record.txt");

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(DIR);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes());
            Files.writeString(
                    KEY,
                    "-----BEGIN PRIVATE KEY-----\n"
                            + pem.encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            Files.writeString(
                    RECORD,
                    "v=DKIM1; k=rsa; p="
                            + Base64.getEncoder()
                                    .encodeToString(pair.getPublic().getEncoded()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // 20 messages a second: slow enough that the ops console's progress bar is watched moving (BrowserConsoleTest).
        return Map.of(
                "herald.dkim.domain",
                "example.org",
                "herald.dkim.selector",
                "judges",
                "herald.dkim.private-key-file",
                KEY.toString(),
                "herald.public-url",
                "https://news.example.org",
                "herald.smtp.max-per-second",
                "20");
    }
}
