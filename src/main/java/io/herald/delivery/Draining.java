package io.herald.delivery;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Set when the node is asked to stop (SIGTERM): workers finish the message in hand, give back the rows they claimed
 * but did not send, and hand out no further batch, so nothing waits for a lease to run out and nobody is lost.
 */
@ApplicationScoped
public class Draining {

    private volatile boolean active;

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        active = true;
        Log.info("Stopping: sends in progress give back what they have not sent; other nodes or the next start go on");
    }

    public boolean active() {
        return active;
    }
}
