-- Image cards made from each article, one row per article and format, kept until the layout or the article
-- changes (the fingerprint is a hash of the SVG the layout gave before the photo was fetched).
CREATE TABLE article_card (
    article_id   BIGINT        NOT NULL,
    format       VARCHAR(20)   NOT NULL,
    fingerprint  VARCHAR(64)   NOT NULL,
    png          BYTEA         NOT NULL,
    jpeg         BYTEA         NOT NULL,
    problems     VARCHAR(4000) NOT NULL DEFAULT '',
    rendered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT article_card_pk PRIMARY KEY (article_id, format)
);

-- What an editor chose for an article's cards: another photo, no photo, channels that post without a card.
CREATE TABLE card_choice (
    article_id   BIGINT        NOT NULL,
    photo_url    VARCHAR(2000),
    no_photo     BOOLEAN       NOT NULL DEFAULT FALSE,
    channels_off VARCHAR(500)  NOT NULL DEFAULT '',
    changed_by   VARCHAR(200),
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT card_choice_pk PRIMARY KEY (article_id)
);
