-- Persona's PostgreSQL accounts: one login role per service, each owning its own schema (if any) and
-- reaching nothing else (the services read each other's data through the API).
--   persona_profile    owns schema public (users, items, events, tenants) and schema audit (the access log)
--   persona_recommend  owns schema recommend; may only append to audit.access_log
--   persona_segment    owns schema segment; may only append to audit.access_log
--   persona_similarity owns nothing; may only append to audit.access_log (GetSimilarUsers reads personal data)
-- Run by an administrator (a superuser, or a role with CREATEROLE that owns the database) against the Persona
-- database before the services start. Idempotent, so it also moves a database from before per-service roles: every
-- object in a service's schemas changes owner. Plain SQL (psql or JDBC); the passwords come as session settings,
-- for example from the environment, which keeps them off command lines:
--   PGOPTIONS="-c persona.profile_password=... -c persona.similarity_password=... \
--              -c persona.recommend_password=... -c persona.segment_password=..." \
--     psql -v ON_ERROR_STOP=1 -d persona -f postgres-roles.sql
-- ./suite up, the embedded stack, Compose and the Kubernetes overlays run it with generated passwords.

DO $$
DECLARE
    svc text;
    pw text;
BEGIN
    FOREACH svc IN ARRAY ARRAY['profile', 'similarity', 'recommend', 'segment'] LOOP
        pw := current_setting('persona.' || svc || '_password', true);
        IF pw IS NULL OR pw = '' THEN
            RAISE EXCEPTION 'set persona.%_password to the password of persona_%', svc, svc;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'persona_' || svc) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', 'persona_' || svc);
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', 'persona_' || svc, pw);
    END LOOP;
    -- The services may connect; of them only profile-service may create a schema (its migration V3 runs CREATE
    -- SCHEMA IF NOT EXISTS audit, which PostgreSQL checks against this right even when the schema exists).
    EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO persona_profile, persona_similarity, persona_recommend, '
                   || 'persona_segment',
                   current_database());
    EXECUTE format('GRANT CREATE ON DATABASE %I TO persona_profile', current_database());
END
$$;

-- Each service's schemas, owned by it; no other role may use them (the access log excepted, below).
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SCHEMA IF NOT EXISTS recommend;
CREATE SCHEMA IF NOT EXISTS segment;
ALTER SCHEMA public OWNER TO persona_profile;
ALTER SCHEMA audit OWNER TO persona_profile;
ALTER SCHEMA recommend OWNER TO persona_recommend;
ALTER SCHEMA segment OWNER TO persona_segment;
REVOKE ALL ON SCHEMA public, audit, recommend, segment FROM PUBLIC;

-- Objects made before the roles existed (by an earlier, shared account) change owner with their schema.
DO $$
DECLARE
    o record;
BEGIN
    FOR o IN
        SELECT format('ALTER %s %I.%I OWNER TO %I',
                      CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                     ELSE 'TABLE' END,
                      n.nspname, c.relname,
                      CASE n.nspname WHEN 'recommend' THEN 'persona_recommend' WHEN 'segment' THEN 'persona_segment'
                                     ELSE 'persona_profile' END) AS stmt
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'audit', 'recommend', 'segment')
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          -- a sequence owned by a column follows its table
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                                               WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
        UNION ALL
        SELECT format('ALTER FUNCTION %I.%I(%s) OWNER TO %I', n.nspname, p.proname,
                      pg_get_function_identity_arguments(p.oid),
                      CASE n.nspname WHEN 'recommend' THEN 'persona_recommend' WHEN 'segment' THEN 'persona_segment'
                                     ELSE 'persona_profile' END)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('public', 'audit', 'recommend', 'segment')
    LOOP
        EXECUTE o.stmt;
    END LOOP;
END
$$;

-- The access log: every service appends to it; only profile-service reads or trims it.
GRANT USAGE ON SCHEMA audit TO persona_similarity, persona_recommend, persona_segment;
GRANT INSERT ON ALL TABLES IN SCHEMA audit TO persona_similarity, persona_recommend, persona_segment;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA audit TO persona_similarity, persona_recommend, persona_segment;
ALTER DEFAULT PRIVILEGES FOR ROLE persona_profile IN SCHEMA audit
    GRANT INSERT ON TABLES TO persona_similarity, persona_recommend, persona_segment;
ALTER DEFAULT PRIVILEGES FOR ROLE persona_profile IN SCHEMA audit
    GRANT USAGE ON SEQUENCES TO persona_similarity, persona_recommend, persona_segment;
