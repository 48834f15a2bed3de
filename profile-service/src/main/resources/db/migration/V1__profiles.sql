-- Persona profile-service schema. Every table is scoped by tenant_id; ids are caller-chosen strings of
-- 1 to 128 characters.

CREATE TABLE users (
    tenant_id   VARCHAR(128) NOT NULL,
    user_id     VARCHAR(128) NOT NULL,
    attributes  JSONB        NOT NULL DEFAULT '{}'::jsonb,
    consent     SMALLINT     NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE items (
    tenant_id   VARCHAR(128)     NOT NULL,
    item_id     VARCHAR(128)     NOT NULL,
    title       VARCHAR(512)     NOT NULL DEFAULT '',
    category    VARCHAR(128)     NOT NULL DEFAULT '',
    tags        TEXT[]           NOT NULL DEFAULT '{}',
    price       DOUBLE PRECISION NOT NULL DEFAULT 0,
    attributes  JSONB            NOT NULL DEFAULT '{}'::jsonb,
    active      BOOLEAN          NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ      NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, item_id)
);

-- The interaction log. seq grows in commit order within a tenant: writers of a tenant's events hold a
-- transaction-scoped advisory lock while they draw sequence numbers, so a reader's cursor never skips a
-- row that commits later.
CREATE TABLE events (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY,
    tenant_id         VARCHAR(128)     NOT NULL,
    event_id          VARCHAR(128)     NOT NULL,
    user_id           VARCHAR(128)     NOT NULL,
    item_id           VARCHAR(128)     NOT NULL,
    type              SMALLINT         NOT NULL,
    value             DOUBLE PRECISION NOT NULL,
    occurred_at       TIMESTAMPTZ      NOT NULL,
    recommendation_id VARCHAR(128)     NOT NULL DEFAULT '',
    recorded_at       TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, seq),
    CONSTRAINT events_idempotency UNIQUE (tenant_id, event_id)
);

-- Profiles and per-user listings read only this index (index-only scans once vacuumed).
CREATE INDEX events_by_user ON events (tenant_id, user_id, occurred_at, seq) INCLUDE (item_id, type, value);

-- Erasure notices not yet published on the change feed (Redis was down). Rows are deleted once published,
-- so an erased id does not linger here.
CREATE TABLE erasure_outbox (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  VARCHAR(128) NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    erased_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
