-- What each background job (social publishing, feed polling, the send watchdog, the bounce mailbox) did last: one
-- row per job, shared by the nodes of a cluster, read by readiness, /ops and /q/metrics to tell a stalled job.
CREATE TABLE job_run (
    job              VARCHAR(100)  PRIMARY KEY,
    interval_ms      BIGINT        NOT NULL,
    registered_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_start_at    TIMESTAMP WITH TIME ZONE,
    last_success_at  TIMESTAMP WITH TIME ZONE,
    last_failure_at  TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(2000),
    last_duration_ms BIGINT,
    failures         BIGINT        NOT NULL DEFAULT 0
);
