package io.herald.web;

import io.herald.common.Refusal;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

import io.herald.Distribution;
import io.herald.subscriber.EmailAddresses;
import io.herald.subscriber.SubscriberStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GDPR requests for one address (ops): export everything Herald holds, or erase it for good. */
@Path("/api/subscribers/{email}")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriberResource {

    /** What an erasure did. */
    public record Erased(String email, boolean found, String note) {
    }

    private final SubscriberStore subscribers;
    private final Clock clock;

    SubscriberResource(SubscriberStore subscribers, Clock clock) {
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @GET
    public Map<String, Object> export(@PathParam("email") String email) throws SQLException {
        return subscribers.export(address(email))
                .orElseThrow(() -> Refusal.notFound("email", "Herald holds nothing for this address"));
    }

    @DELETE
    public Erased erase(@PathParam("email") String email) throws SQLException {
        String address = address(email);
        boolean found = subscribers.erase(address, clock.instant());
        return new Erased(address, found, "erased: only a keyed hash stays on the suppression list, so no import or "
                + "signup can add this address again");
    }

    private static String address(String raw) {
        EmailAddresses.Result r = EmailAddresses.check(raw);
        if (r.ok().isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "email", r.problem());
        }
        return r.address();
    }
}
