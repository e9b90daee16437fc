-- Subject tests: a send may try two to four subjects on a random sample of the list, then send the subject that
-- more people clicked to the rest.
CREATE TABLE subject_variant (
    send_id     BIGINT        NOT NULL REFERENCES send (id),
    variant     INTEGER       NOT NULL,   -- 1 to 4, in the order the editor gave them
    subject     VARCHAR(300)  NOT NULL,
    CONSTRAINT subject_variant_pk PRIMARY KEY (send_id, variant)
);
ALTER TABLE send ADD COLUMN test_share INTEGER;                    -- percent of the list in the test
ALTER TABLE send ADD COLUMN test_until TIMESTAMP WITH TIME ZONE;   -- when the winner is chosen
ALTER TABLE send ADD COLUMN test_winner INTEGER;
ALTER TABLE send ADD COLUMN test_decision VARCHAR(1000);
-- The subject a reader's row carries; NULL: not in the test, the winner's when it is known.
ALTER TABLE delivery ADD COLUMN variant INTEGER;
-- Clicks per subject variant (0: links of no variant).
ALTER TABLE link_click ADD COLUMN variant INTEGER NOT NULL DEFAULT 0;
ALTER TABLE link_click DROP CONSTRAINT link_click_pk;
ALTER TABLE link_click ADD CONSTRAINT link_click_pk PRIMARY KEY (edition_id, n, hour_start, variant);
