-- Trained model versions. `model` is the fitted model in the binary layout of ModelCodec (item ids, factors or
-- weights, and per-user factors for ALS); an erasure rewrites every version that held the user.
CREATE TABLE models (
    tenant_id            VARCHAR(128)     NOT NULL,
    model_version        VARCHAR(64)      NOT NULL,
    model_type           VARCHAR(16)      NOT NULL,
    number               INTEGER          NOT NULL,
    trained_at           TIMESTAMPTZ      NOT NULL,
    factors              INTEGER          NOT NULL,
    iterations           INTEGER          NOT NULL,
    regularization       DOUBLE PRECISION NOT NULL,
    alpha                DOUBLE PRECISION NOT NULL,
    seed                 BIGINT           NOT NULL,
    training_metrics     JSONB            NOT NULL,
    trained_to_sequence  BIGINT           NOT NULL,
    users                BIGINT           NOT NULL,
    items                BIGINT           NOT NULL,
    elapsed_ms           BIGINT           NOT NULL,
    model                BYTEA            NOT NULL,
    PRIMARY KEY (tenant_id, model_version),
    UNIQUE (tenant_id, model_type, number)
);

-- Which version serves each model type of a tenant. Replicas poll this (and hear of changes through Redis).
CREATE TABLE serving_models (
    tenant_id      VARCHAR(128) NOT NULL,
    model_type     VARCHAR(16)  NOT NULL,
    model_version  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant_id, model_type),
    FOREIGN KEY (tenant_id, model_version) REFERENCES models (tenant_id, model_version)
);
