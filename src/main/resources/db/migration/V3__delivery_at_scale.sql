-- Delivery at scale: batches as Quartz jobs, suppression, pause/resume/cancel.

-- A send's recipients in batches: delivery ids first_id..last_id of one send. Each batch is one Quartz job.
CREATE TABLE send_batch (
    send_id       BIGINT       NOT NULL REFERENCES send (id),
    seq           INTEGER      NOT NULL,
    first_id      BIGINT       NOT NULL,
    last_id       BIGINT       NOT NULL,
    CONSTRAINT send_batch_pk PRIMARY KEY (send_id, seq)
);

-- Addresses nobody sends to again: hard bounces, complaints, erasures. Wins over every list file.
CREATE TABLE suppression (
    email         VARCHAR(320) PRIMARY KEY,  -- lower-cased address
    reason        VARCHAR(40)  NOT NULL,     -- hard_bounce, complaint, erased, manual
    detail        VARCHAR(1000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE send ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE send ADD COLUMN status_reason VARCHAR(1000);
ALTER TABLE send ADD COLUMN batch_count INTEGER NOT NULL DEFAULT 0;
