package io.herald.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who holds a batch's lease: {@code <node>:<run>:<worker>}, where node is 8 hex characters of the node's name
 * (herald.delivery.node-id, else host name and HTTP port), run is drawn anew at each start, and worker at each batch
 * run. A node that starts again after a crash knows the claims of its earlier runs as its own: nobody else can be
 * sending them, so they go back to pending at once instead of waiting out the lease, which stays for nodes that never
 * come back. Two processes must never share a node name; the default (host and port) cannot collide on one machine.
 */
@ApplicationScoped
public class ClaimOwner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String node;
    private final String run;
    private final String name;

    ClaimOwner(DeliveryConfig config, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.name = config.delivery().nodeId().orElseGet(() -> host() + ":" + port);
        this.node = HexFormat.of().formatHex(sha256(name), 0, 4);
        this.run = random(6);
        Log.debugf("Ledger claims of this node: %s (node %s, run %s)", name, node, run);
    }

    /** The lease token of one batch run: 25 characters (the column holds 40). */
    String token(String worker) {
        return node + ":" + run + ":" + worker;
    }

    /** A new worker's name: one per batch run. */
    String worker() {
        return random(8);
    }

    /** LIKE pattern of every claim of this node, this run or an earlier one (hex and base36 only: no wildcard). */
    String anyRunOfThisNode() {
        return node + ":%";
    }

    /** LIKE pattern of this run's claims. */
    String thisRun() {
        return node + ":" + run + ":%";
    }

    /** This run's ledger journal name: {@code <node>.<run>}. */
    String journalName() {
        return node + "." + run;
    }

    /** Whether a ledger journal file is one of this node's (this run's or an earlier one's). */
    boolean isThisNodesJournal(String fileName) {
        return fileName.startsWith(node + ".");
    }

    /** The node's name, as configured or found. */
    public String name() {
        return name;
    }

    private static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return b.toString();
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
