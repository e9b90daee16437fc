package io.herald.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import io.herald.audit.AuditEntry;
import io.herald.audit.AuditFilter;
import io.herald.audit.AuditTrail;
import io.herald.audit.ChainCheck;
import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail misses nothing and hides nothing. Every state-changing route (found from the code, as in
 * {@link AuthorisationMatrixTest}) called by a signed-in person leaves exactly one entry naming the person, a named
 * action, what it acted on and the answer's status; so does exporting a subscriber's data or the trail itself. The
 * chain check finds an entry changed behind Herald's back.
 */
@QuarkusTest
class AuditCoverageTest {

    @Inject
    AuditTrail trail;

    @Inject
    DataSource dataSource;

    static boolean leavesATrace(AuthorisationMatrixTest.Route r) {
        boolean changes = !r.method().equals("GET") && !r.method().equals("HEAD");
        AuthorisationMatrixTest.Who least = AuthorisationMatrixTest.least(r);
        boolean staff = least != AuthorisationMatrixTest.Who.NOBODY || r.path().equals("/logout");
        boolean readsPersonalData = r.method().equals("GET")
                && (r.path().equals("/api/subscribers/{email}") || r.path().equals("/api/audit/export"));
        return staff && (changes || readsPersonalData);
    }

    private long head() throws Exception {
        List<AuditEntry> last = trail.page(AuditFilter.ALL, Optional.empty(), 1);
        return last.isEmpty() ? 0 : last.get(0).seq();
    }

    @Test
    void everyStateChangingRouteWritesOneNamedEntry() throws Exception {
        List<AuthorisationMatrixTest.Route> routes = AuthorisationMatrixTest.routes().stream()
                .filter(AuditCoverageTest::leavesATrace)
                .toList();
        assertThat(routes)
                .extracting(AuthorisationMatrixTest.Route::key)
                .hasSizeGreaterThan(30)
                .contains("POST /api/sends", "PUT /api/articles/{id}/teasers/{channel}", "DELETE /api/users/{name}");
        Map<String, String> missing = new LinkedHashMap<>();
        List<String> actions = new ArrayList<>();
        for (AuthorisationMatrixTest.Route r : routes) {
            long before = head();
            Response response = AuthorisationMatrixTest.send(
                            AuthorisationMatrixTest.as(AuthorisationMatrixTest.Who.ADMIN), r.consumes())
                    .request(r.method(), AuthorisationMatrixTest.concrete(r.path()));
            if (r.path().endsWith("/export")) {
                response.asString(); // the stream is read to its end, as a client does
            }
            List<AuditEntry> written = trail.page(AuditFilter.ALL, Optional.empty(), 5).stream()
                    .filter(e -> e.seq() > before)
                    .toList();
            if (written.size() != 1) {
                missing.put(r.key(), written.size() + " entries");
                continue;
            }
            AuditEntry e = written.get(0);
            actions.add(e.action());
            if (!e.actor().equals("admin")
                    || e.action().startsWith(r.method() + " ")
                    || e.target().isBlank()
                    || e.outcome() != response.statusCode()) {
                missing.put(r.key(), e.toString() + " for status " + response.statusCode());
            }
        }
        System.out.printf("audit coverage: %d state-changing routes, actions %s%n", routes.size(), actions);
        assertThat(missing)
                .as("routes whose call left no entry, or an unnamed one")
                .isEmpty();
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void theChainCheckFindsAnEntryChangedOutsideHerald() throws Exception {
        Api.admin()
                .contentType("application/json")
                .body("{\"role\":\"editor\"}")
                .put("/api/users/nobody-at-all")
                .then()
                .statusCode(404);
        ChainCheck whole = Api.ops()
                .get("/api/audit/verify")
                .then()
                .statusCode(200)
                .extract()
                .as(ChainCheck.class);
        assertThat(whole.intact()).isTrue();
        assertThat(whole.entries()).isPositive();
        long victim = head();
        String detail;
        try (var c = dataSource.getConnection();
                var read = c.prepareStatement("SELECT detail FROM audit_entry WHERE seq=?")) {
            read.setLong(1, victim);
            try (var rs = read.executeQuery()) {
                rs.next();
                detail = rs.getString(1);
            }
        }
        try {
            rewrite(victim, "{\"role\":\"admin\"}");
            ChainCheck broken = Api.ops()
                    .get("/api/audit/verify")
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(ChainCheck.class);
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBroken()).contains(victim);
            assertThat(broken.reason()).contains("hash does not match");
        } finally {
            rewrite(victim, detail);
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    /** What someone with database access could do: change an entry in place. */
    private void rewrite(long seq, String detail) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("UPDATE audit_entry SET detail=? WHERE seq=?")) {
            ps.setString(1, detail);
            ps.setLong(2, seq);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
