-- dbalign stand-in for pgsodium 3.1.8 (the version Supabase ships; deprecated
-- by Supabase, still installed on many projects). The whole catalog of the real
-- extension: schemas pgsodium and pgsodium_masks, roles pgsodium_keyiduser,
-- pgsodium_keyholder and pgsodium_keymaker, the types, the key table and its
-- views, every function with its argument names, defaults and grants, and the
-- event trigger. What can be computed without libsodium gives the real
-- results: random bytes, nonces and keys of the right lengths, SHA-256/512,
-- HMAC-SHA-256/512, crypto_auth (HMAC-SHA-512-256) with a given key, the
-- URL-safe base64 helpers, the key table (create_key, get_key_by_id,
-- get_key_by_name, get_named_keys). Everything that needs libsodium's
-- primitives or the server's root key (the encryption functions, signatures,
-- key exchange, BLAKE2b, SipHash, Argon2, derived keys, transparent column
-- encryption) raises an error naming the stand-in.
\echo Use "CREATE EXTENSION pgsodium" to load this file. \quit

-- Roles are shared by the databases of a server: another database may be
-- creating them at this moment, so losing that race is fine.
DO $roles$
DECLARE
  r text;
  m text[];
BEGIN
  FOREACH r IN ARRAY ARRAY['pgsodium_keyiduser', 'pgsodium_keyholder', 'pgsodium_keymaker'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I WITH NOLOGIN NOINHERIT', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
  FOREACH m SLICE 1 IN ARRAY ARRAY[['pgsodium_keyiduser', 'pgsodium_keyholder'], ['pgsodium_keyiduser', 'pgsodium_keymaker'], ['pgsodium_keyholder', 'pgsodium_keymaker']] LOOP
    IF NOT pg_has_role(m[2], m[1], 'MEMBER') THEN
      BEGIN
        EXECUTE format('GRANT %I TO %I', m[1], m[2]);
      EXCEPTION WHEN unique_violation OR internal_error THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$roles$;

CREATE SCHEMA pgsodium_masks;
GRANT USAGE ON SCHEMA pgsodium_masks TO pgsodium_keyiduser;
GRANT USAGE ON SCHEMA pgsodium TO PUBLIC;

CREATE FUNCTION pgsodium._standin_unsupported(what text) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'pgsodium (dbalign stand-in) cannot compute %: it needs libsodium or the server root key', what
    USING ERRCODE = 'feature_not_supported',
          HINT = 'Use --shadow <url> to a server with the real pgsodium.';
END
$$;

CREATE FUNCTION pgsodium._standin_unsupported_value(anyelement, what text) RETURNS anyelement
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pgsodium._standin_unsupported(what);
  RETURN NULL;
END
$$;

-- Random bytes from gen_random_uuid() (core, cryptographically strong): the
-- 14 bytes of each UUID that carry no version or variant bits.
CREATE FUNCTION pgsodium._standin_random_bytes(n integer) RETURNS bytea
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
  result bytea := ''::bytea;
  u bytea;
BEGIN
  IF n IS NULL THEN
    RETURN NULL;
  END IF;
  WHILE length(result) < n LOOP
    u := uuid_send(gen_random_uuid());
    result := result || substring(u FROM 1 FOR 6) || substring(u FROM 8 FOR 1) || substring(u FROM 10 FOR 7);
  END LOOP;
  RETURN substring(result FROM 1 FOR n);
END
$$;

-- HMAC (RFC 2104) over core sha256()/sha512(); libsodium takes 32-byte keys.
CREATE FUNCTION pgsodium._standin_hmac(message bytea, key bytea, bits integer, fn text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
  block integer := CASE bits WHEN 256 THEN 64 ELSE 128 END;
  k bytea;
  ipad bytea;
  opad bytea;
  i integer;
  inner_hash bytea;
BEGIN
  IF message IS NULL THEN
    RAISE EXCEPTION '%: message cannot be NULL', fn;
  END IF;
  IF key IS NULL THEN
    RAISE EXCEPTION '%: key cannot be NULL', fn;
  END IF;
  IF length(key) <> 32 THEN
    RAISE EXCEPTION '%: invalid key', fn;
  END IF;
  k := key || decode(repeat('00', block - length(key)), 'hex');
  ipad := k;
  opad := k;
  FOR i IN 0 .. block - 1 LOOP
    ipad := set_byte(ipad, i, get_byte(k, i) # 54);
    opad := set_byte(opad, i, get_byte(k, i) # 92);
  END LOOP;
  IF bits = 256 THEN
    inner_hash := sha256(ipad || message);
    RETURN sha256(opad || inner_hash);
  END IF;
  inner_hash := sha512(ipad || message);
  RETURN sha512(opad || inner_hash);
END
$$;

CREATE TYPE pgsodium.key_status AS ENUM ('default', 'valid', 'invalid', 'expired');
CREATE TYPE pgsodium.key_type AS ENUM ('aead-ietf', 'aead-det', 'hmacsha512', 'hmacsha256', 'auth', 'shorthash', 'generichash', 'kdf', 'secretbox', 'secretstream', 'stream_xchacha20');
CREATE TYPE pgsodium._key_id_context AS (key_id bigint, key_context bytea);
CREATE TYPE pgsodium.crypto_box_keypair AS (public bytea, secret bytea);
CREATE TYPE pgsodium.crypto_sign_keypair AS (public bytea, secret bytea);
CREATE TYPE pgsodium.crypto_kx_keypair AS (public bytea, secret bytea);
CREATE TYPE pgsodium.crypto_kx_session AS (rx bytea, tx bytea);
CREATE TYPE pgsodium.crypto_signcrypt_state_key AS (state bytea, shared_key bytea);
CREATE TYPE pgsodium.crypto_signcrypt_keypair AS (public bytea, secret bytea);

CREATE SEQUENCE pgsodium.key_key_id_seq;
CREATE TABLE pgsodium.key (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  status pgsodium.key_status DEFAULT 'valid'::pgsodium.key_status,
  created timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires timestamp with time zone,
  key_type pgsodium.key_type,
  key_id bigint DEFAULT nextval('pgsodium.key_key_id_seq'::regclass),
  key_context bytea DEFAULT '\x7067736f6469756d'::bytea,
  name text,
  associated_data text DEFAULT 'associated'::text,
  raw_key bytea,
  raw_key_nonce bytea,
  parent_key uuid,
  comment text,
  user_data text,
  CONSTRAINT key_pkey PRIMARY KEY (id),
  CONSTRAINT key_key_context_check CHECK (length(key_context) = 8),
  CONSTRAINT key_parent_key_fkey FOREIGN KEY (parent_key) REFERENCES pgsodium.key(id),
  CONSTRAINT pgsodium_key_unique_name UNIQUE (name),
  CONSTRAINT pgsodium_raw CHECK (
    CASE WHEN raw_key IS NOT NULL THEN key_id IS NULL AND key_context IS NULL AND parent_key IS NOT NULL
         ELSE key_id IS NOT NULL AND key_context IS NOT NULL AND parent_key IS NULL END)
);
COMMENT ON TABLE pgsodium.key IS 'This table holds metadata for derived keys given a key_id and key_context. The raw key is never stored.';
CREATE INDEX key_status_idx ON pgsodium.key (status) WHERE status IN ('valid', 'default');
CREATE UNIQUE INDEX key_status_idx1 ON pgsodium.key (status) WHERE status = 'default';
CREATE UNIQUE INDEX key_key_id_key_context_key_type_idx ON pgsodium.key (key_id, key_context, key_type);
SELECT pg_catalog.pg_extension_config_dump('pgsodium.key', '');
SELECT pg_catalog.pg_extension_config_dump('pgsodium.key_key_id_seq', '');
GRANT ALL ON pgsodium.key TO pgsodium_keymaker;
GRANT SELECT, UPDATE, USAGE ON pgsodium.key_key_id_seq TO pgsodium_keymaker;

CREATE VIEW pgsodium.valid_key AS
  SELECT id, name, status, key_type, key_id, key_context, created, expires, associated_data
  FROM pgsodium.key
  WHERE status IN ('valid', 'default')
    AND CASE WHEN expires IS NULL THEN true ELSE expires > now() END;
GRANT ALL ON pgsodium.valid_key TO pgsodium_keyholder;
GRANT SELECT ON pgsodium.valid_key TO pgsodium_keyiduser;

-- Where pgsodium security labels would say which columns to encrypt. They
-- need the real extension's label provider, so these views stay empty here.
CREATE VIEW pgsodium.masking_rule AS
  SELECT a.attrelid,
    a.attnum::integer AS attnum,
    c.relnamespace::regnamespace AS relnamespace,
    c.relname,
    a.attname,
    format_type(a.atttypid, a.atttypmod) AS format_type,
    sl.label AS col_description,
    (regexp_match(sl.label, '(?i)KEY ID \(?([^ )]+)'))[1] AS key_id_column,
    (regexp_match(sl.label, '(?i)KEY ID ([0-9a-f-]{36})'))[1] AS key_id,
    (regexp_match(sl.label, '(?i)ASSOCIATED \(([^)]*)\)'))[1] AS associated_columns,
    (regexp_match(sl.label, '(?i)NONCE ([^ ]+)'))[1] AS nonce_column,
    coalesce((SELECT (regexp_match(tl.label, '(?i)DECRYPT WITH VIEW ([^ ]+)'))[1]
              FROM pg_catalog.pg_seclabel tl
              WHERE tl.objoid = a.attrelid AND tl.objsubid = 0 AND tl.provider = 'pgsodium'),
             quote_ident(c.relnamespace::regnamespace::text) || '.' || quote_ident('decrypted_' || c.relname)) AS view_name,
    100 AS priority,
    sl.label ~* 'SECURITY INVOKER' AS security_invoker
  FROM pg_catalog.pg_seclabel sl
  JOIN pg_catalog.pg_attribute a ON a.attrelid = sl.objoid AND a.attnum = sl.objsubid
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  WHERE sl.provider = 'pgsodium' AND sl.objsubid <> 0;
GRANT ALL ON pgsodium.masking_rule TO pgsodium_keyholder;

CREATE VIEW pgsodium.mask_columns AS
  SELECT attname, attrelid, key_id, key_id_column, associated_columns, nonce_column, format_type
  FROM pgsodium.masking_rule;
GRANT ALL ON pgsodium.mask_columns TO pgsodium_keyholder;

CREATE FUNCTION pgsodium.create_key(key_type pgsodium.key_type DEFAULT 'aead-det'::pgsodium.key_type, name text DEFAULT NULL::text, raw_key bytea DEFAULT NULL::bytea, raw_key_nonce bytea DEFAULT NULL::bytea, parent_key uuid DEFAULT NULL::uuid, key_context bytea DEFAULT '\x7067736f6469756d'::bytea, expires timestamp with time zone DEFAULT NULL::timestamp with time zone, associated_data text DEFAULT ''::text)
RETURNS pgsodium.valid_key
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = ''
AS $fn$
DECLARE
  new_id uuid;
  result pgsodium.valid_key;
BEGIN
  -- a raw key would be stored encrypted under its parent: that needs libsodium
  IF raw_key IS NOT NULL THEN
    PERFORM pgsodium._standin_unsupported('create_key() with a raw_key');
  END IF;
  INSERT INTO pgsodium.key (key_type, name, key_context, expires, associated_data)
  VALUES (create_key.key_type, create_key.name, create_key.key_context, create_key.expires, create_key.associated_data)
  RETURNING id INTO new_id;
  SELECT * INTO result FROM pgsodium.valid_key v WHERE v.id = new_id;
  RETURN result;
END
$fn$;

CREATE FUNCTION pgsodium.create_mask_view(relid oid, debug boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.create_mask_view(relid oid, debug boolean)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.create_mask_view(relid oid, subid integer, debug boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.create_mask_view(relid oid, subid integer, debug boolean)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(ciphertext bytea, additional bytea, key bytea, nonce bytea DEFAULT NULL::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_det_decrypt(ciphertext bytea, additional bytea, key bytea, nonce bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea, nonce bytea DEFAULT NULL::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea, nonce bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key bytea, nonce bytea DEFAULT NULL::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key bytea, nonce bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea, nonce bytea DEFAULT NULL::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea, nonce bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_noncegen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(16)
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_ietf_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_ietf_noncegen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(12)
$fn$;

CREATE FUNCTION pgsodium.crypto_auth(message bytea, key bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT substring(pgsodium._standin_hmac(message, key, 512, 'crypto_auth') FROM 1 FOR 32)
$fn$;

CREATE FUNCTION pgsodium.crypto_auth(message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth(message bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth(message bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth(message bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_hmacsha256(message bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_hmacsha256(message bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, secret bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT pgsodium._standin_hmac(message, secret, 256, 'crypto_auth_hmacsha256')
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha256_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha256_verify(hash bytea, message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_hmacsha256_verify(hash bytea, message bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha256_verify(hash bytea, message bytea, secret bytea)
RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT pgsodium._standin_hmac(message, secret, 256, 'crypto_auth_hmacsha256_verify') = hash
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha256_verify(signature bytea, message bytea, key_uuid uuid)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_hmacsha256_verify(signature bytea, message bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_hmacsha512(message bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_hmacsha512(message bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, secret bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT pgsodium._standin_hmac(message, secret, 512, 'crypto_auth_hmacsha512')
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha512_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha512_verify(hash bytea, message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_hmacsha512_verify(hash bytea, message bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha512_verify(hash bytea, message bytea, secret bytea)
RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT pgsodium._standin_hmac(message, secret, 512, 'crypto_auth_hmacsha512_verify') = hash
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_hmacsha512_verify(signature bytea, message bytea, key_uuid uuid)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_hmacsha512_verify(signature bytea, message bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key bytea)
RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT substring(pgsodium._standin_hmac(message, key, 512, 'crypto_auth_verify') FROM 1 FOR 32) = mac
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_verify(mac bytea, message bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key_uuid uuid)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_auth_verify(mac bytea, message bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_box(message bytea, nonce bytea, public bytea, secret bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_box(message bytea, nonce bytea, public bytea, secret bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_box_new_keypair()
RETURNS pgsodium.crypto_box_keypair
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_box_new_keypair()'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_box_new_seed()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_box_noncegen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(24)
$fn$;

CREATE FUNCTION pgsodium.crypto_box_open(ciphertext bytea, nonce bytea, public bytea, secret bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_box_open(ciphertext bytea, nonce bytea, public bytea, secret bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_box_seal(message bytea, public_key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_box_seal(message bytea, public_key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_box_seal_open(ciphertext bytea, public_key bytea, secret_key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_box_seal_open(ciphertext bytea, public_key bytea, secret_key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_box_seed_new_keypair(seed bytea)
RETURNS pgsodium.crypto_box_keypair
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_box_seed_new_keypair(seed bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_cmp(text, text)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
AS $fn$
SELECT $1 = $2
$fn$;

CREATE FUNCTION pgsodium.crypto_generichash(message bytea, key bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_generichash(message bytea, key bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_generichash(message bytea, key bytea DEFAULT NULL::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_generichash(message bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_generichash(message bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_generichash(message bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_generichash_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_hash_sha256(message bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT pg_catalog.sha256(message)
$fn$;

CREATE FUNCTION pgsodium.crypto_hash_sha512(message bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT pg_catalog.sha512(message)
$fn$;

CREATE FUNCTION pgsodium.crypto_kdf_derive_from_key(subkey_size bigint, subkey_id bigint, context bytea, primary_key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_kdf_derive_from_key(subkey_size bigint, subkey_id bigint, context bytea, primary_key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_kdf_derive_from_key(subkey_size integer, subkey_id bigint, context bytea, primary_key uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_kdf_derive_from_key(subkey_size integer, subkey_id bigint, context bytea, primary_key uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_kdf_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_kx_client_session_keys(client_pk bytea, client_sk bytea, server_pk bytea)
RETURNS pgsodium.crypto_kx_session
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_kx_client_session_keys(client_pk bytea, client_sk bytea, server_pk bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_kx_new_keypair()
RETURNS pgsodium.crypto_kx_keypair
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_kx_new_keypair()'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_kx_new_seed()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_kx_seed_new_keypair(seed bytea)
RETURNS pgsodium.crypto_kx_keypair
LANGUAGE plpgsql IMMUTABLE STRICT
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_kx_seed_new_keypair(seed bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_kx_server_session_keys(server_pk bytea, server_sk bytea, client_pk bytea)
RETURNS pgsodium.crypto_kx_session
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_kx_server_session_keys(server_pk bytea, server_sk bytea, client_pk bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_pwhash(password bytea, salt bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_pwhash(password bytea, salt bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_pwhash_saltgen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(16)
$fn$;

CREATE FUNCTION pgsodium.crypto_pwhash_str(password bytea)
RETURNS bytea
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_pwhash_str(password bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_pwhash_str_verify(hashed_password bytea, password bytea)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_pwhash_str_verify(hashed_password bytea, password bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_secretbox(message bytea, nonce bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_secretbox(message bytea, nonce bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_secretbox(message bytea, nonce bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_secretbox_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_secretbox_noncegen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(24)
$fn$;

CREATE FUNCTION pgsodium.crypto_secretbox_open(ciphertext bytea, nonce bytea, key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_secretbox_open(ciphertext bytea, nonce bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_secretbox_open(message bytea, nonce bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_secretbox_open(message bytea, nonce bytea, key_id bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_secretbox_open(message bytea, nonce bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_secretbox_open(message bytea, nonce bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_secretstream_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_shorthash(message bytea, key bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_shorthash(message bytea, key bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_shorthash(message bytea, key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_shorthash(message bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_shorthash(message bytea, key_uuid uuid)
RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_shorthash(message bytea, key_uuid uuid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_shorthash_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(16)
$fn$;

CREATE FUNCTION pgsodium.crypto_sign(message bytea, key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign(message bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_detached(message bytea, key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign_detached(message bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_final_create(state bytea, key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign_final_create(state bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_final_verify(state bytea, signature bytea, key bytea)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign_final_verify(state bytea, signature bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_init()
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign_init()'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_new_keypair()
RETURNS pgsodium.crypto_sign_keypair
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign_new_keypair()'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_new_seed()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_open(signed_message bytea, key bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign_open(signed_message bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_seed_new_keypair(seed bytea)
RETURNS pgsodium.crypto_sign_keypair
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign_seed_new_keypair(seed bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_update(state bytea, message bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign_update(state bytea, message bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_verify_detached(sig bytea, message bytea, key bytea)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_sign_verify_detached(sig bytea, message bytea, key bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_signcrypt_new_keypair()
RETURNS pgsodium.crypto_signcrypt_keypair
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_signcrypt_new_keypair()'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_signcrypt_sign_after(state bytea, sender_sk bytea, ciphertext bytea)
RETURNS bytea
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_signcrypt_sign_after(state bytea, sender_sk bytea, ciphertext bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_signcrypt_sign_before(sender bytea, recipient bytea, sender_sk bytea, recipient_pk bytea, additional bytea)
RETURNS pgsodium.crypto_signcrypt_state_key
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_signcrypt_sign_before(sender bytea, recipient bytea, sender_sk bytea, recipient_pk bytea, additional bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_signcrypt_verify_after(state bytea, signature bytea, sender_pk bytea, ciphertext bytea)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_signcrypt_verify_after(state bytea, signature bytea, sender_pk bytea, ciphertext bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_signcrypt_verify_before(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, recipient_sk bytea)
RETURNS pgsodium.crypto_signcrypt_state_key
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_signcrypt_verify_before(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, recipient_sk bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_signcrypt_verify_public(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, ciphertext bytea)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_signcrypt_verify_public(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, ciphertext bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_stream_xchacha20(bigint, bytea, bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_stream_xchacha20(bigint, bytea, bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_stream_xchacha20(bigint, bytea, bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_stream_xchacha20(bigint, bytea, bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_stream_xchacha20_keygen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.crypto_stream_xchacha20_noncegen()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(24)
$fn$;

CREATE FUNCTION pgsodium.crypto_stream_xchacha20_xor(bytea, bytea, bigint, context bytea DEFAULT '\x70676f736469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_stream_xchacha20_xor(bytea, bytea, bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_stream_xchacha20_xor(bytea, bytea, bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_stream_xchacha20_xor(bytea, bytea, bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_stream_xchacha20_xor_ic(bytea, bytea, bigint, bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_stream_xchacha20_xor_ic(bytea, bytea, bigint, bigint, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.crypto_stream_xchacha20_xor_ic(bytea, bytea, bigint, bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.crypto_stream_xchacha20_xor_ic(bytea, bytea, bigint, bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.decrypted_columns(relid oid)
RETURNS text
LANGUAGE plpgsql VOLATILE SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.decrypted_columns(relid oid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.derive_key(key_id bigint, key_len integer DEFAULT 32, context bytea DEFAULT '\x7067736f6469756d'::bytea)
RETURNS bytea
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.derive_key(key_id bigint, key_len integer, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.disable_security_label_trigger()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = ''
AS $fn$
ALTER EVENT TRIGGER pgsodium_trg_mask_update DISABLE
$fn$;

CREATE FUNCTION pgsodium.enable_security_label_trigger()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = ''
AS $fn$
ALTER EVENT TRIGGER pgsodium_trg_mask_update ENABLE
$fn$;

CREATE FUNCTION pgsodium.encrypted_column(relid oid, m record)
RETURNS text
LANGUAGE plpgsql VOLATILE SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.encrypted_column(relid oid, m record)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.encrypted_columns(relid oid)
RETURNS text
LANGUAGE plpgsql VOLATILE SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.encrypted_columns(relid oid)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.get_key_by_id(uuid)
RETURNS pgsodium.valid_key
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = ''
AS $fn$
SELECT * FROM pgsodium.valid_key WHERE id = $1
$fn$;

CREATE FUNCTION pgsodium.get_key_by_name(text)
RETURNS pgsodium.valid_key
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = ''
AS $fn$
SELECT * FROM pgsodium.valid_key WHERE name = $1
$fn$;

CREATE FUNCTION pgsodium.get_named_keys(filter text DEFAULT '%'::text)
RETURNS SETOF pgsodium.valid_key
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = ''
AS $fn$
SELECT * FROM pgsodium.valid_key vk WHERE vk.name ILIKE filter
$fn$;

CREATE FUNCTION pgsodium.has_mask(role regrole, source_name text)
RETURNS boolean
LANGUAGE sql VOLATILE
AS $fn$
SELECT EXISTS (
    SELECT 1 FROM pg_catalog.pg_shseclabel
    WHERE objoid = role AND provider = 'pgsodium' AND label ILIKE 'ACCESS%' || source_name || '%')
$fn$;

CREATE FUNCTION pgsodium.mask_columns(source_relid oid)
RETURNS TABLE(attname name, key_id text, key_id_column text, associated_column text, nonce_column text, format_type text)
LANGUAGE sql VOLATILE
AS $fn$
SELECT m.attname, m.key_id, m.key_id_column, m.associated_columns, m.nonce_column, m.format_type
  FROM pgsodium.mask_columns m WHERE m.attrelid = source_relid
$fn$;

CREATE FUNCTION pgsodium.mask_role(masked_role regrole, source_name text, view_name text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.mask_role(masked_role regrole, source_name text, view_name text)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.pgsodium_derive(key_id bigint, key_len integer DEFAULT 32, context bytea DEFAULT decode('pgsodium'::text, 'escape'::text))
RETURNS bytea
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.pgsodium_derive(key_id bigint, key_len integer, context bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.quote_assoc(text, boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.quote_assoc(text, boolean)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.randombytes_buf(size integer)
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(size)
$fn$;

CREATE FUNCTION pgsodium.randombytes_buf_deterministic(size integer, seed bytea)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.randombytes_buf_deterministic(size integer, seed bytea)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.randombytes_new_seed()
RETURNS bytea
LANGUAGE sql VOLATILE
AS $fn$
SELECT pgsodium._standin_random_bytes(32)
$fn$;

CREATE FUNCTION pgsodium.randombytes_random()
RETURNS integer
LANGUAGE sql VOLATILE
AS $fn$
SELECT ('x' || encode(pgsodium._standin_random_bytes(4), 'hex'))::bit(32)::integer
$fn$;

CREATE FUNCTION pgsodium.randombytes_uniform(upper_bound integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE
AS $fn$
DECLARE
  r bigint;
  bound bigint := upper_bound::bigint & 4294967295;
BEGIN
  IF bound < 2 THEN
    RETURN 0;
  END IF;
  -- rejection sampling over 32 bits, as libsodium does, so there is no modulo bias
  LOOP
    r := ('x' || encode(pgsodium._standin_random_bytes(4), 'hex'))::bit(32)::bigint & 4294967295;
    EXIT WHEN r >= (4294967296 % bound);
  END LOOP;
  RETURN (r % bound)::integer;
END
$fn$;

CREATE FUNCTION pgsodium.sodium_base642bin(base64 text)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN
  IF base64 !~ '^[A-Za-z0-9_-]*$' THEN
    RAISE EXCEPTION 'sodium_base642bin: invalid base64 string';
  END IF;
  RETURN decode(translate(base64, '-_', '+/') || repeat('=', (4 - length(base64) % 4) % 4), 'base64');
END
$fn$;

CREATE FUNCTION pgsodium.sodium_bin2base64(bin bytea)
RETURNS text
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT translate(encode(bin, 'base64'), E'+/=\n', '-_')
$fn$;

CREATE FUNCTION pgsodium.trg_mask_update()
RETURNS event_trigger
LANGUAGE plpgsql VOLATILE SET search_path = ''
AS $fn$
BEGIN
  -- masks follow pgsodium security labels, which need the real extension's
  -- label provider; without it no column can carry one, so there is nothing to do
  RETURN;
END
$fn$;

CREATE FUNCTION pgsodium.update_mask(target oid, debug boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = ''
AS $fn$
BEGIN PERFORM pgsodium._standin_unsupported('pgsodium.update_mask(target oid, debug boolean)'); RETURN NULL; END
$fn$;

CREATE FUNCTION pgsodium.update_masks(debug boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = ''
AS $fn$
BEGIN
  -- see trg_mask_update(): no pgsodium labels can exist here
  RETURN;
END
$fn$;

CREATE FUNCTION pgsodium.version()
RETURNS text
LANGUAGE sql VOLATILE
AS $fn$
SELECT '3.1.8'::text
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_update_agg1(state bytea, message bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT pgsodium.crypto_sign_update(COALESCE(state, pgsodium.crypto_sign_init()), message)
$fn$;

CREATE FUNCTION pgsodium.crypto_sign_update_agg2(cur_state bytea, initial_state bytea, message bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE
AS $fn$
SELECT pgsodium.crypto_sign_update(COALESCE(cur_state, initial_state), message)
$fn$;

CREATE AGGREGATE pgsodium.crypto_sign_update_agg(message bytea) (SFUNC = pgsodium.crypto_sign_update_agg1, STYPE = bytea);
CREATE AGGREGATE pgsodium.crypto_sign_update_agg(state bytea, message bytea) (SFUNC = pgsodium.crypto_sign_update_agg2, STYPE = bytea);

-- The real view decrypts raw keys with their parent key; that needs libsodium.
CREATE VIEW pgsodium.decrypted_key AS
  SELECT id, status, created, expires, key_type, key_id, key_context, name, associated_data, raw_key,
    CASE WHEN raw_key IS NULL THEN NULL::bytea
         ELSE pgsodium._standin_unsupported_value(NULL::bytea, 'decrypted_key.decrypted_raw_key') END AS decrypted_raw_key,
    raw_key_nonce, parent_key, comment
  FROM pgsodium.key;
GRANT SELECT ON pgsodium.decrypted_key TO pgsodium_keymaker;

-- Encrypts raw keys on their way into pgsodium.key, in the real extension.
CREATE FUNCTION pgsodium.key_encrypt_secret_raw_key() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF new.raw_key IS NOT NULL THEN
    PERFORM pgsodium._standin_unsupported('encrypting pgsodium.key.raw_key');
  END IF;
  RETURN new;
END
$$;
CREATE TRIGGER key_encrypt_secret_trigger_raw_key
  BEFORE INSERT OR UPDATE OF raw_key ON pgsodium.key
  FOR EACH ROW EXECUTE FUNCTION pgsodium.key_encrypt_secret_raw_key();

CREATE EVENT TRIGGER pgsodium_trg_mask_update ON ddl_command_end
  WHEN TAG IN ('SECURITY LABEL', 'ALTER TABLE')
  EXECUTE FUNCTION pgsodium.trg_mask_update();

GRANT EXECUTE ON FUNCTION pgsodium.create_key(key_type pgsodium.key_type, name text, raw_key bytea, raw_key_nonce bytea, parent_key uuid, key_context bytea, expires timestamp with time zone, associated_data text) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.create_key(key_type pgsodium.key_type, name text, raw_key bytea, raw_key_nonce bytea, parent_key uuid, key_context bytea, expires timestamp with time zone, associated_data text) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_det_decrypt(ciphertext bytea, additional bytea, key bytea, nonce bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_decrypt(ciphertext bytea, additional bytea, key bytea, nonce bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea, nonce bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea, nonce bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key bytea, nonce bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key bytea, nonce bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea, nonce bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea, nonce bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_det_keygen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_keygen() TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_det_noncegen() TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_ietf_keygen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_keygen() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_aead_ietf_noncegen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_aead_ietf_noncegen() TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth(message bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth(message bytea, key bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth(message bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth(message bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth(message bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth(message bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth(message bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, secret bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha256(message bytea, secret bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha256_keygen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha256_keygen() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha256_verify(hash bytea, message bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha256_verify(hash bytea, message bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha256_verify(hash bytea, message bytea, secret bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha256_verify(hash bytea, message bytea, secret bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha256_verify(signature bytea, message bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha256_verify(signature bytea, message bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha256_verify(signature bytea, message bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, secret bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha512(message bytea, secret bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha512_verify(hash bytea, message bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha512_verify(hash bytea, message bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha512_verify(hash bytea, message bytea, secret bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha512_verify(hash bytea, message bytea, secret bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_hmacsha512_verify(signature bytea, message bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha512_verify(signature bytea, message bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_hmacsha512_verify(signature bytea, message bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_keygen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_keygen() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_auth_verify(mac bytea, message bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_box(message bytea, nonce bytea, public bytea, secret bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_box(message bytea, nonce bytea, public bytea, secret bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_box_new_keypair() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_box_new_keypair() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_box_noncegen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_box_noncegen() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_box_open(ciphertext bytea, nonce bytea, public bytea, secret bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_box_open(ciphertext bytea, nonce bytea, public bytea, secret bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_box_seed_new_keypair(seed bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_box_seed_new_keypair(seed bytea) TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_generichash(message bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_generichash(message bytea, key bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_generichash(message bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_generichash(message bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_generichash(message bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_generichash_keygen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_generichash_keygen() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_kdf_derive_from_key(subkey_size bigint, subkey_id bigint, context bytea, primary_key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_kdf_derive_from_key(subkey_size bigint, subkey_id bigint, context bytea, primary_key bytea) TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_kdf_derive_from_key(subkey_size integer, subkey_id bigint, context bytea, primary_key uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_kdf_derive_from_key(subkey_size integer, subkey_id bigint, context bytea, primary_key uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_kdf_derive_from_key(subkey_size integer, subkey_id bigint, context bytea, primary_key uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_kdf_keygen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_kdf_keygen() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_kx_new_keypair() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_kx_new_keypair() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_kx_new_seed() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_kx_new_seed() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_kx_seed_new_keypair(seed bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_kx_seed_new_keypair(seed bytea) TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_secretbox_keygen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox_keygen() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_secretbox_noncegen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox_noncegen() TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_secretbox_open(ciphertext bytea, nonce bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox_open(ciphertext bytea, nonce bytea, key bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_secretbox_open(message bytea, nonce bytea, key_id bigint, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox_open(message bytea, nonce bytea, key_id bigint, context bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_secretbox_open(message bytea, nonce bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox_open(message bytea, nonce bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_secretbox_open(message bytea, nonce bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_shorthash(message bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_shorthash(message bytea, key bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_shorthash(message bytea, key_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_shorthash(message bytea, key_uuid uuid) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_shorthash(message bytea, key_uuid uuid) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.crypto_shorthash_keygen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_shorthash_keygen() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_sign_final_create(state bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_sign_final_create(state bytea, key bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_sign_final_verify(state bytea, signature bytea, key bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_sign_final_verify(state bytea, signature bytea, key bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_sign_init() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_sign_init() TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_sign_new_keypair() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_sign_new_keypair() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_sign_update(state bytea, message bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_sign_update(state bytea, message bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_sign_update_agg1(state bytea, message bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_sign_update_agg1(state bytea, message bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_sign_update_agg2(cur_state bytea, initial_state bytea, message bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_sign_update_agg2(cur_state bytea, initial_state bytea, message bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_signcrypt_new_keypair() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_signcrypt_new_keypair() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.crypto_signcrypt_sign_after(state bytea, sender_sk bytea, ciphertext bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_signcrypt_sign_after(state bytea, sender_sk bytea, ciphertext bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_signcrypt_sign_before(sender bytea, recipient bytea, sender_sk bytea, recipient_pk bytea, additional bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_signcrypt_sign_before(sender bytea, recipient bytea, sender_sk bytea, recipient_pk bytea, additional bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_signcrypt_verify_after(state bytea, signature bytea, sender_pk bytea, ciphertext bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_signcrypt_verify_after(state bytea, signature bytea, sender_pk bytea, ciphertext bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_signcrypt_verify_before(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, recipient_sk bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_signcrypt_verify_before(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, recipient_sk bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.crypto_signcrypt_verify_public(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, ciphertext bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.crypto_signcrypt_verify_public(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, ciphertext bytea) TO pgsodium_keyholder;
REVOKE ALL ON FUNCTION pgsodium.derive_key(key_id bigint, key_len integer, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.derive_key(key_id bigint, key_len integer, context bytea) TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.pgsodium_derive(key_id bigint, key_len integer, context bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.pgsodium_derive(key_id bigint, key_len integer, context bytea) TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.randombytes_buf(size integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.randombytes_buf(size integer) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.randombytes_buf_deterministic(size integer, seed bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.randombytes_buf_deterministic(size integer, seed bytea) TO pgsodium_keymaker;
GRANT EXECUTE ON FUNCTION pgsodium.randombytes_buf_deterministic(size integer, seed bytea) TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.randombytes_new_seed() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.randombytes_new_seed() TO pgsodium_keymaker;
REVOKE ALL ON FUNCTION pgsodium.randombytes_random() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.randombytes_random() TO pgsodium_keyiduser;
REVOKE ALL ON FUNCTION pgsodium.randombytes_uniform(upper_bound integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgsodium.randombytes_uniform(upper_bound integer) TO pgsodium_keyiduser;

REVOKE ALL ON FUNCTION pgsodium._standin_hmac(bytea, bytea, integer, text) FROM PUBLIC;
