/**
 * The storage schema as the supabase/storage tenant migrations leave it (see
 * SOURCES in ../supabase-profile.ts): its tables, the bucket type, the
 * triggers that guard the tables, and the functions policies and clients
 * call. Owned by supabase_storage_admin; anon, authenticated and
 * service_role get what Supabase grants them.
 */
export const STORAGE_SQL = `
CREATE SCHEMA storage AUTHORIZATION supabase_admin;
GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;
GRANT ALL ON SCHEMA storage TO postgres, supabase_storage_admin, dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON TABLES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA storage GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;
SET ROLE supabase_storage_admin;

CREATE TYPE storage.buckettype AS ENUM ('STANDARD', 'ANALYTICS', 'VECTOR');

CREATE TABLE storage.migrations (
  id integer CONSTRAINT migrations_pkey PRIMARY KEY,
  name varchar(100) NOT NULL CONSTRAINT migrations_name_key UNIQUE,
  hash varchar(40) NOT NULL,
  executed_at timestamp DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE storage.buckets (
  id text CONSTRAINT buckets_pkey PRIMARY KEY,
  name text NOT NULL,
  owner uuid,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  public boolean DEFAULT false,
  avif_autodetection boolean DEFAULT false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text,
  type storage.buckettype NOT NULL DEFAULT 'STANDARD',
  versioning_status text NOT NULL DEFAULT 'DISABLED'
    CONSTRAINT buckets_versioning_status_check CHECK (versioning_status IN ('DISABLED', 'ENABLED', 'SUSPENDED'))
    CONSTRAINT buckets_versioning_dark_check CHECK (versioning_status = 'DISABLED'),
  CONSTRAINT buckets_versioning_standard_only_check CHECK (type = 'STANDARD' OR versioning_status = 'DISABLED')
);
CREATE UNIQUE INDEX bname ON storage.buckets (name);

CREATE TABLE storage.objects (
  id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT objects_pkey PRIMARY KEY,
  bucket_id text CONSTRAINT "objects_bucketId_fkey" REFERENCES storage.buckets (id),
  name text,
  owner uuid,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  last_accessed_at timestamptz DEFAULT now(),
  metadata jsonb,
  path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
  version text,
  owner_id text,
  user_metadata jsonb,
  archived_at timestamptz,
  is_delete_marker boolean NOT NULL DEFAULT false,
  is_versioned boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX bucketid_objname ON storage.objects (bucket_id, name);
CREATE INDEX idx_objects_bucket_id_name ON storage.objects (bucket_id, name COLLATE "C");
CREATE INDEX idx_objects_bucket_id_name_lower ON storage.objects (bucket_id, lower(name) COLLATE "C");
CREATE INDEX name_prefix_search ON storage.objects (name text_pattern_ops);

CREATE TABLE storage.s3_multipart_uploads (
  id text CONSTRAINT s3_multipart_uploads_pkey PRIMARY KEY,
  in_progress_size bigint NOT NULL DEFAULT 0,
  upload_signature text NOT NULL,
  bucket_id text NOT NULL CONSTRAINT s3_multipart_uploads_bucket_id_fkey REFERENCES storage.buckets (id),
  key text COLLATE "C" NOT NULL,
  version text NOT NULL,
  owner_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  user_metadata jsonb,
  metadata jsonb
);
CREATE INDEX idx_multipart_uploads_list ON storage.s3_multipart_uploads (bucket_id, key, created_at);

CREATE TABLE storage.s3_multipart_uploads_parts (
  id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT s3_multipart_uploads_parts_pkey PRIMARY KEY,
  upload_id text NOT NULL CONSTRAINT s3_multipart_uploads_parts_upload_id_fkey REFERENCES storage.s3_multipart_uploads (id) ON DELETE CASCADE,
  size bigint NOT NULL DEFAULT 0,
  part_number integer NOT NULL,
  bucket_id text NOT NULL CONSTRAINT s3_multipart_uploads_parts_bucket_id_fkey REFERENCES storage.buckets (id),
  key text COLLATE "C" NOT NULL,
  etag text NOT NULL,
  owner_id text,
  version text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE storage.buckets_analytics (
  name text NOT NULL,
  type storage.buckettype NOT NULL DEFAULT 'ANALYTICS',
  format text NOT NULL DEFAULT 'ICEBERG',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT buckets_analytics_pkey PRIMARY KEY,
  deleted_at timestamptz
);
CREATE UNIQUE INDEX buckets_analytics_unique_name_idx ON storage.buckets_analytics (name) WHERE deleted_at IS NULL;

CREATE TABLE storage.iceberg_namespaces (
  id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT iceberg_namespaces_pkey PRIMARY KEY,
  bucket_name text NOT NULL,
  name text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  metadata jsonb NOT NULL DEFAULT '{}',
  catalog_id uuid NOT NULL CONSTRAINT iceberg_namespaces_catalog_id_fkey REFERENCES storage.buckets_analytics (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX idx_iceberg_namespaces_bucket_id ON storage.iceberg_namespaces (catalog_id, name);

CREATE TABLE storage.iceberg_tables (
  id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT iceberg_tables_pkey PRIMARY KEY,
  namespace_id uuid NOT NULL CONSTRAINT iceberg_tables_namespace_id_fkey REFERENCES storage.iceberg_namespaces (id) ON DELETE CASCADE,
  bucket_name text NOT NULL,
  name text COLLATE "C" NOT NULL,
  location text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  remote_table_id text,
  shard_key text,
  shard_id text,
  catalog_id uuid NOT NULL CONSTRAINT iceberg_tables_catalog_id_fkey REFERENCES storage.buckets_analytics (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX idx_iceberg_tables_location ON storage.iceberg_tables (location);
CREATE UNIQUE INDEX idx_iceberg_tables_namespace_id ON storage.iceberg_tables (catalog_id, namespace_id, name);

CREATE TABLE storage.buckets_vectors (
  id text CONSTRAINT buckets_vectors_pkey PRIMARY KEY,
  type storage.buckettype NOT NULL DEFAULT 'VECTOR',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE storage.vector_indexes (
  id text NOT NULL DEFAULT gen_random_uuid() CONSTRAINT vector_indexes_pkey PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  bucket_id text NOT NULL CONSTRAINT vector_indexes_bucket_id_fkey REFERENCES storage.buckets_vectors (id),
  data_type text NOT NULL,
  dimension integer NOT NULL,
  distance_metric text NOT NULL,
  metadata_configuration jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX vector_indexes_name_bucket_id_idx ON storage.vector_indexes (name, bucket_id);

ALTER TABLE storage.migrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.s3_multipart_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.s3_multipart_uploads_parts ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets_analytics ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.iceberg_namespaces ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.iceberg_tables ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets_vectors ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.vector_indexes ENABLE ROW LEVEL SECURITY;

-- Path helpers policies use: 'a/b/c.png' -> {a,b}, 'c.png', 'png'.
CREATE FUNCTION storage.foldername(name text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE segments text[] := string_to_array(name, '/');
BEGIN
  RETURN segments[1 : array_length(segments, 1) - 1];
END
$f$;
CREATE FUNCTION storage.filename(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE segments text[] := string_to_array(name, '/');
BEGIN
  RETURN segments[array_length(segments, 1)];
END
$f$;
CREATE FUNCTION storage.extension(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE base text := storage.filename(name);
BEGIN
  RETURN CASE WHEN position('.' IN base) = 0 THEN '' ELSE reverse(split_part(reverse(base), '.', 1)) END;
END
$f$;
CREATE FUNCTION storage.get_size_by_bucket() RETURNS TABLE (size bigint, bucket_id text) LANGUAGE plpgsql STABLE AS $f$
BEGIN
  RETURN QUERY SELECT sum((o.metadata ->> 'size')::bigint)::bigint, o.bucket_id FROM storage.objects o GROUP BY o.bucket_id;
END
$f$;
-- The storage API names the operation it runs in the setting storage.operation.
CREATE FUNCTION storage.operation() RETURNS text LANGUAGE plpgsql STABLE AS $f$
BEGIN
  RETURN current_setting('storage.operation', true);
END
$f$;
CREATE FUNCTION storage.allow_only_operation(expected_operation text) RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT regexp_replace(coalesce(storage.operation(), ''), '^storage\\.', '')
       = regexp_replace(coalesce(expected_operation, ''), '^storage\\.', '')
     AND coalesce(expected_operation, '') <> ''
$f$;
CREATE FUNCTION storage.allow_any_operation(expected_operations text[]) RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT coalesce(bool_or(storage.allow_only_operation(e)), false) FROM unnest(expected_operations) AS e
$f$;
-- Objects in a folder, one level at a time, as the dashboard lists them.
CREATE FUNCTION storage.search(prefix text, bucketname text, limits integer DEFAULT 100, levels integer DEFAULT 1,
    offsets integer DEFAULT 0, search text DEFAULT '', sortcolumn text DEFAULT 'name', sortorder text DEFAULT 'asc')
  RETURNS TABLE (name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
  LANGUAGE plpgsql STABLE AS $f$
DECLARE
  col text := CASE lower(sortcolumn) WHEN 'updated_at' THEN 'updated_at' WHEN 'created_at' THEN 'created_at'
                WHEN 'last_accessed_at' THEN 'last_accessed_at' ELSE 'name' END;
  dir text := CASE lower(sortorder) WHEN 'desc' THEN 'DESC' ELSE 'ASC' END;
BEGIN
  RETURN QUERY EXECUTE format(
    'WITH entries AS (
       SELECT o.path_tokens[$1] AS entry, o.path_tokens, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata
         FROM storage.objects o
        WHERE o.bucket_id = $2 AND o.name ILIKE $3 || ''%%'' AND array_length(o.path_tokens, 1) >= $1
          AND o.path_tokens[$1] ILIKE $4 || ''%%'')
     SELECT DISTINCT ON (entry) entry,
            CASE WHEN array_length(path_tokens, 1) = $1 THEN id END,
            CASE WHEN array_length(path_tokens, 1) = $1 THEN updated_at END,
            CASE WHEN array_length(path_tokens, 1) = $1 THEN created_at END,
            CASE WHEN array_length(path_tokens, 1) = $1 THEN last_accessed_at END,
            CASE WHEN array_length(path_tokens, 1) = $1 THEN metadata END
       FROM entries ORDER BY entry, array_length(path_tokens, 1)', col, dir)
    USING levels, bucketname, prefix, search;
END
$f$;
CREATE FUNCTION storage.update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$f$;
CREATE FUNCTION storage.enforce_bucket_name_length() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF length(NEW.name) > 100 THEN
    RAISE EXCEPTION 'bucket name "%" is too long (% characters), the limit is 100', NEW.name, length(NEW.name);
  END IF;
  RETURN NEW;
END
$f$;
-- Deleting rows by hand orphans the stored files: Supabase's storage refuses it
-- (unless storage.allow_delete_query is 'true') since its tenant migration
-- 0055 (January 2026). The function is here; its triggers are not: projects whose
-- older migrations delete storage rows applied them before the guard existed
-- (and the Supabase CLI freezes storage at the linked project's migration).
CREATE FUNCTION storage.protect_delete() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' THEN
    RAISE EXCEPTION 'direct deletion from storage tables is not allowed; use the Storage API'
      USING ERRCODE = '42501', HINT = 'set storage.allow_delete_query to ''true'' to delete rows anyway';
  END IF;
  RETURN NULL;
END
$f$;
CREATE TRIGGER update_objects_updated_at BEFORE UPDATE ON storage.objects FOR EACH ROW EXECUTE FUNCTION storage.update_updated_at_column();
CREATE TRIGGER enforce_bucket_name_length_trigger BEFORE INSERT OR UPDATE OF name ON storage.buckets FOR EACH ROW EXECUTE FUNCTION storage.enforce_bucket_name_length();

GRANT ALL ON storage.buckets, storage.objects, storage.migrations, storage.buckets_analytics TO anon, authenticated, service_role;
GRANT ALL ON storage.s3_multipart_uploads, storage.s3_multipart_uploads_parts, storage.iceberg_namespaces, storage.iceberg_tables TO service_role;
GRANT SELECT ON storage.s3_multipart_uploads, storage.s3_multipart_uploads_parts, storage.iceberg_namespaces, storage.iceberg_tables,
  storage.buckets_vectors, storage.vector_indexes TO anon, authenticated;
GRANT SELECT ON storage.buckets_vectors, storage.vector_indexes TO service_role;
GRANT EXECUTE ON FUNCTION storage.foldername(text), storage.filename(text), storage.extension(text)
  TO anon, authenticated, service_role, dashboard_user, postgres;
RESET ROLE;
GRANT ALL ON storage.buckets, storage.objects TO postgres WITH GRANT OPTION;
GRANT ALL ON storage.migrations TO postgres;
`;
