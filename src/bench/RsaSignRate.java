import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

/**
 * The ceiling DKIM puts on a sender: SHA256withRSA signatures per second on one core with a 2048-bit key, as the
 * JDK computes them (each DKIM-signed message needs one). Run: java src/bench/RsaSignRate.java
 */
public class RsaSignRate {
    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        byte[] headers = new byte[600];
        for (int round = 0; round < 3; round++) {
            int n = 2000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key.getPrivate());
                signature.update(headers);
                signature.sign();
            }
            System.out.printf(
                    "round %d: %.0f rsa-sha256 signatures/s on one core%n",
                    round + 1, n / ((System.nanoTime() - start) / 1e9));
        }
    }
}
