-- Claimed rows are read back by their id range and written by id (see SendLedger.claim): the index on claim was
-- never read, and it was updated twice for every message sent.
DROP INDEX delivery_claim_idx;
