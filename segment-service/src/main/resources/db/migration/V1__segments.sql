-- Persona segment-service schema (in the schema `segment`). Every table is scoped by tenant_id.

-- One stored segmentation. `body` is the Segmentation message as the API returns it (JSON, field names as in
-- the .proto), so analysts can query it; `scaler` is what places a user who was not in the build.
CREATE TABLE segmentations (
    tenant_id        VARCHAR(128) NOT NULL,
    segmentation_id  VARCHAR(64)  NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    algorithm        VARCHAR(32)  NOT NULL,
    body             JSONB        NOT NULL,
    scaler           JSONB        NOT NULL,
    PRIMARY KEY (tenant_id, segmentation_id)
);
CREATE INDEX segmentations_newest ON segmentations (tenant_id, created_at DESC, segmentation_id DESC);

-- Who was in which segment at build time, with the distance to the segment's centroid.
CREATE TABLE segment_members (
    tenant_id        VARCHAR(128)     NOT NULL,
    segmentation_id  VARCHAR(64)      NOT NULL,
    user_id          VARCHAR(128)     NOT NULL,
    segment_id       VARCHAR(64)      NOT NULL,
    distance         DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (tenant_id, segmentation_id, user_id),
    FOREIGN KEY (tenant_id, segmentation_id) REFERENCES segmentations ON DELETE CASCADE
);
CREATE INDEX segment_members_by_segment ON segment_members (tenant_id, segmentation_id, segment_id, user_id);
-- Erasure removes a user from every segmentation of the tenant.
CREATE INDEX segment_members_by_user ON segment_members (tenant_id, user_id);

-- One trained predictor. `summary` is the TrainPredictorResponse as the API returns it (JSON); `model` is the
-- fitted model and the feature schema it scores with (JSON, see the predictor package).
CREATE TABLE predictors (
    tenant_id    VARCHAR(128) NOT NULL,
    model_id     VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    target       VARCHAR(32)  NOT NULL,
    algorithm    VARCHAR(32)  NOT NULL,
    version      INTEGER      NOT NULL,
    summary      JSONB        NOT NULL,
    model        JSONB        NOT NULL,
    PRIMARY KEY (tenant_id, model_id)
);
CREATE UNIQUE INDEX predictors_version ON predictors (tenant_id, version);
