package io.herald.schedule;

import io.herald.delivery.ClaimOwner;
import io.quarkus.arc.Arc;
import org.quartz.SchedulerException;
import org.quartz.spi.InstanceIdGenerator;

/**
 * Quartz's name for this node in a cluster: the node's own name (herald.delivery.node-id, else host name and HTTP
 * port), the same at every start, instead of one drawn anew. A node killed mid-send and started again then finds
 * the Quartz jobs its earlier run was running as its own at its first check-in and runs them at once; under a new
 * name they stayed blocked until Quartz took the earlier run for a dead node, the check-in interval plus 7.5 s after
 * its last check-in (RestartAfterKillIT). A node that never comes back is recovered by the others as before. Two
 * running processes must not share the name, as for the ledger's leases.
 */
public class NodeNameInstanceId implements InstanceIdGenerator {

    /** What Quartz's tables hold of a node's name (QRTZ_SCHEDULER_STATE.INSTANCE_NAME). */
    static final int LONGEST = 200;

    @Override
    public String generateInstanceId() throws SchedulerException {
        return fitting(Arc.container().instance(ClaimOwner.class).get().name());
    }

    static String fitting(String name) throws SchedulerException {
        if (name.length() > LONGEST) {
            throw new SchedulerException("This node's name (herald.delivery.node-id, else the host name and HTTP port) "
                    + "is " + name.length() + " characters long; Quartz's tables hold at most " + LONGEST);
        }
        return name;
    }
}
