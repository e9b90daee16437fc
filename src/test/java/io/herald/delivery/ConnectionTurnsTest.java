package io.herald.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.herald.storage.Sql;
import io.herald.support.Api;
import io.herald.support.ScriptedRelayProfile;
import io.herald.support.ScriptedSmtpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch worker gives its connection back while it claims its next rows, so that workers waiting for a connection
 * send on it meanwhile: with one connection, the batches of a send take turns on it claim by claim.
 */
@QuarkusTest
@TestProfile(ConnectionTurnsTest.OneConnection.class)
class ConnectionTurnsTest {

    static final ScriptedSmtpServer RELAY = ScriptedRelayProfile.RELAY;

    /** The scripted relay behind one connection; each worker claims two rows at a time (batches of ten). */
    public static class OneConnection extends ScriptedRelayProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("herald.smtp.pool-size", "1");
            config.put("herald.delivery.claim-size", "2");
            return config;
        }
    }

    @Inject
    DataSource dataSource;

    @AfterEach
    void fast() {
        RELAY.dataDelay(0);
    }

    @Test
    void batchesTakeTurnsOnTheConnectionClaimByClaim() throws Exception {
        RELAY.rule((address, attempt) -> null);
        // A few milliseconds a message, so that every batch's worker is waiting for the connection early on.
        RELAY.dataDelay(5);
        int before = RELAY.acceptedInOrder().size();
        long article = Api.postArticle("Taking turns", "BERN – Turns.");
        long id = Api.startSend("{\"article\":" + article + ",\"list\":\"slow\"}");
        assertThat(Api.awaitFinished(id).jsonPath().getLong("sent")).isEqualTo(60);

        List<String> order = RELAY.acceptedInOrder().subList(before, before + 60);
        Map<String, Integer> batchOf = batches(id);
        assertThat(batchOf).hasSize(60).containsKeys(order.toArray(String[]::new));
        assertThat(batchOf.values()).containsOnly(0, 1, 2, 3, 4, 5);
        int changes = 0;
        for (int i = 1; i < order.size(); i++) {
            if (!batchOf.get(order.get(i)).equals(batchOf.get(order.get(i - 1)))) {
                changes++;
            }
        }
        // A worker that kept its connection for its whole batch would send the six batches one after another: five
        // changes of batch. Giving it back at each claim of two lets the waiting workers in between.
        assertThat(changes)
                .as("changes of batch in the relay's order: %s", order)
                .isGreaterThan(15);
    }

    /** Each reader's address and the batch its ledger row is in. */
    private Map<String, Integer> batches(long sendId) throws Exception {
        Map<String, Integer> batchOf = new HashMap<>();
        for (Map.Entry<String, Integer> row : Sql.query(
                dataSource,
                "SELECT s.email, b.seq FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                        + "JOIN send_batch b ON b.send_id = d.send_id AND d.id BETWEEN b.first_id AND b.last_id "
                        + "WHERE d.send_id = ?",
                ps -> ps.setLong(1, sendId),
                rs -> Map.entry(rs.getString(1).toLowerCase(), rs.getInt(2)))) {
            batchOf.put(row.getKey(), row.getValue());
        }
        return batchOf;
    }
}
