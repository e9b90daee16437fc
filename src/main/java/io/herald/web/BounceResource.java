package io.herald.web;

import java.sql.SQLException;

import io.herald.bounce.BounceMailbox;
import io.herald.bounce.BounceRecords;
import io.herald.common.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the bounce mailbox said (findings, and the messages Herald could not read, kept for a person); read now. */
@Path("/api/bounces")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class BounceResource {

    private final BounceMailbox mailbox;
    private final BounceRecords records;

    BounceResource(BounceMailbox mailbox, BounceRecords records) {
        this.mailbox = mailbox;
        this.records = records;
    }

    @GET
    public BounceRecords.Recent recent() throws SQLException {
        return records.recent();
    }

    @POST
    @Path("read")
    @Audited("bounces.read")
    public BounceMailbox.Pass readNow() throws Exception {
        if (!mailbox.configured()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "herald.bounces.imap-host", "no bounce mailbox is configured");
        }
        return mailbox.read();
    }
}
