-- Persona recommend-service schema (in the schema `recommend`). Every table is scoped by tenant_id.

-- One row per recommendation list served (Recommend, RecommendSimilarItems, RankItems), written in batches.
CREATE TABLE served_lists (
    tenant_id          VARCHAR(128) NOT NULL,
    recommendation_id  VARCHAR(64)  NOT NULL,
    strategy           VARCHAR(32)  NOT NULL,
    served_at          TIMESTAMPTZ  NOT NULL,
    items              INTEGER      NOT NULL,
    PRIMARY KEY (tenant_id, recommendation_id)
);
CREATE INDEX served_lists_by_time ON served_lists (tenant_id, served_at);

-- Clicks and purchases that carried a recommendation_id, once per list, item and kind (2 = click, 4 = purchase,
-- as EventType), read from the interaction log. `user_id` lets an erasure remove them.
CREATE TABLE attributions (
    tenant_id          VARCHAR(128)     NOT NULL,
    recommendation_id  VARCHAR(64)      NOT NULL,
    item_id            VARCHAR(128)     NOT NULL,
    kind               SMALLINT         NOT NULL,
    user_id            VARCHAR(128)     NOT NULL,
    amount             DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (tenant_id, recommendation_id, item_id, kind)
);
CREATE INDEX attributions_by_user ON attributions (tenant_id, user_id);
