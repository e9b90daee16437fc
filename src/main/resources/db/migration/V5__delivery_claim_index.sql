-- Claims look for the first pending rows of one send in an id range: (send_id, state, id) answers that, and the
-- per-state counts, with one index range scan on H2 and PostgreSQL alike.
DROP INDEX delivery_send_state_idx;
CREATE INDEX delivery_send_state_id_idx ON delivery (send_id, state, id);
