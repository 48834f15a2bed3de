-- The access log: one row per call of any service that read or changed personal data (or was refused). Append-only:
-- rows are never updated; only the retention job deletes rows older than persona.audit.retention.
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.access_log (
    id        bigserial   PRIMARY KEY,
    at        timestamptz NOT NULL,
    service   text        NOT NULL,
    tenant_id text        NOT NULL,
    subject   text        NOT NULL,
    roles     text[]      NOT NULL,
    rpc       text        NOT NULL,
    user_id   text        NOT NULL,
    outcome   text        NOT NULL
);

CREATE INDEX access_log_tenant_at ON audit.access_log (tenant_id, at DESC, id DESC);
CREATE INDEX access_log_tenant_user ON audit.access_log (tenant_id, user_id, at DESC) WHERE user_id <> '';
CREATE INDEX access_log_tenant_subject ON audit.access_log (tenant_id, subject, at DESC);

CREATE FUNCTION audit.refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only';
END $$ LANGUAGE plpgsql;

CREATE TRIGGER access_log_append_only BEFORE UPDATE ON audit.access_log
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_update();
