-- A worker leases a whole batch instead of claiming each of its rows: the lease is one row of send_batch, renewed at
-- each claim, and a ledger row is written once, with its outcome (on H2 every UPDATE of a row rewrites its entry in
-- each of the table's indexes, so the claim's own write had been a third of a sending thread's CPU). Every statement
-- may run again (IF [NOT] EXISTS): a start that finds it applied but unrecorded runs it once more.
-- claim: <node>:<run>:<worker> (ClaimOwner); claimed_rows: the rows of the lease's current claim.
ALTER TABLE send_batch ADD COLUMN IF NOT EXISTS claim VARCHAR(40);
ALTER TABLE send_batch ADD COLUMN IF NOT EXISTS lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE send_batch ADD COLUMN IF NOT EXISTS claimed_rows INTEGER NOT NULL DEFAULT 0;

-- Rows an earlier build left in flight go back to pending, as their lease's end would have sent them again.
UPDATE delivery SET state = 'pending' WHERE state = 'sending';
ALTER TABLE delivery DROP COLUMN IF EXISTS claim;
ALTER TABLE delivery DROP COLUMN IF EXISTS lease_until;
