package io.herald.web;

import java.sql.SQLException;
import java.time.Clock;

import io.herald.PersonalDataRequests;
import io.herald.common.Refusal;
import io.herald.subscriber.EmailAddresses;
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
    public record Erased(String email, boolean found, String note) {}

    private final PersonalDataRequests requests;
    private final Clock clock;

    private final AuditNotes audit;

    SubscriberResource(PersonalDataRequests requests, Clock clock, AuditNotes audit) {
        this.audit = audit;
        this.requests = requests;
        this.clock = clock;
    }

    @GET
    @Audited("subscriber.export")
    public PersonalDataRequests.Export export(@PathParam("email") String email) throws SQLException {
        audit.target(AuditNotes.masked(email));
        return requests.export(address(email))
                .orElseThrow(() -> Refusal.notFound("email", "Herald holds nothing for this address"));
    }

    @DELETE
    @Audited("subscriber.erase")
    public Erased erase(@PathParam("email") String email) throws SQLException {
        audit.target(AuditNotes.masked(email));
        String address = address(email);
        boolean found = requests.erase(address, clock.instant());
        audit.put("found", found);
        return new Erased(
                address,
                found,
                "erased: only a keyed hash stays on the suppression list, so no import or "
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
