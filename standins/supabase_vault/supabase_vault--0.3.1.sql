-- dbalign stand-in for supabase_vault 0.3.1: the real objects and signatures
-- (vault.secrets, vault.decrypted_secrets, vault.create_secret(),
-- vault.update_secret()); the real one encrypts with libsodium's
-- deterministic XChaCha20-SIV under a server root key. This one encrypts with
-- pgcrypto (AES-256-CBC, then HMAC-SHA256 over nonce, associated data and
-- ciphertext) under a random key kept per database, so `secret` never holds
-- the plaintext and decrypted_secrets gives it back. Ciphertexts are not
-- interchangeable with a real Vault's.
\echo Use "CREATE EXTENSION supabase_vault" to load this file. \quit

-- The per-database root key (the real one reads it from the server's key file).
CREATE TABLE vault._standin_root_key (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  key bytea NOT NULL
);
INSERT INTO vault._standin_root_key (key)
  VALUES (uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));
REVOKE ALL ON vault._standin_root_key FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('vault._standin_root_key', '');

-- pgcrypto's schema, found when a secret is encrypted (it may be `extensions`).
CREATE FUNCTION vault._standin_pgcrypto_schema()
RETURNS name
LANGUAGE plpgsql STABLE
SET search_path = ''
AS $$
DECLARE
  found_schema name;
BEGIN
  SELECT n.nspname INTO found_schema
  FROM pg_catalog.pg_extension e
  JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname = 'pgcrypto';
  IF found_schema IS NULL THEN
    RAISE EXCEPTION 'supabase_vault (dbalign stand-in) encrypts secrets with pgcrypto, which is not installed'
      USING HINT = 'Run CREATE EXTENSION pgcrypto (Supabase has it in the schema extensions).',
            ERRCODE = 'feature_not_supported';
  END IF;
  RETURN found_schema;
END
$$;

-- Key for (key_id, context), derived from the root key.
CREATE FUNCTION vault._standin_derive_key(key_id bigint, context bytea)
RETURNS bytea
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = ''
AS $$
DECLARE
  crypto name := vault._standin_pgcrypto_schema();
  derived bytea;
BEGIN
  EXECUTE format('SELECT %I.hmac($1, (SELECT k.key FROM vault._standin_root_key k), %L)', crypto, 'sha256')
    INTO derived
    USING coalesce(context, ''::bytea) || convert_to(key_id::text, 'utf8');
  RETURN derived;
END
$$;

CREATE FUNCTION vault._crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = NULL)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
  crypto name := vault._standin_pgcrypto_schema();
  k bytea := vault._standin_derive_key(key_id, context);
  iv bytea;
  body bytea;
  tag bytea;
BEGIN
  IF message IS NULL THEN
    RETURN NULL;
  END IF;
  -- Deterministic, as the real one: the IV comes from the key, nonce and associated data.
  EXECUTE format('SELECT substring(%I.hmac($1, $2, %L) FROM 1 FOR 16)', crypto, 'sha256')
    INTO iv USING coalesce(nonce, ''::bytea) || coalesce(additional, ''::bytea) || message, k;
  EXECUTE format('SELECT %I.encrypt_iv($1, $2, $3, %L)', crypto, 'aes-cbc/pad:pkcs')
    INTO body USING message, k, iv;
  EXECUTE format('SELECT %I.hmac($1, $2, %L)', crypto, 'sha256')
    INTO tag USING coalesce(nonce, ''::bytea) || coalesce(additional, ''::bytea) || iv || body, k;
  RETURN iv || body || tag;
END
$$;

CREATE FUNCTION vault._crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea = 'pgsodium', nonce bytea = NULL)
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
  crypto name := vault._standin_pgcrypto_schema();
  k bytea := vault._standin_derive_key(key_id, context);
  n integer := length(message);
  iv bytea;
  body bytea;
  tag bytea;
  expected bytea;
  plain bytea;
BEGIN
  IF message IS NULL THEN
    RETURN NULL;
  END IF;
  IF n < 16 + 16 + 32 THEN
    RAISE EXCEPTION 'pgsodium_crypto_aead_det_decrypt_by_id: invalid message';
  END IF;
  iv := substring(message FROM 1 FOR 16);
  body := substring(message FROM 17 FOR n - 48);
  tag := substring(message FROM n - 31);
  EXECUTE format('SELECT %I.hmac($1, $2, %L)', crypto, 'sha256')
    INTO expected USING coalesce(nonce, ''::bytea) || coalesce(additional, ''::bytea) || iv || body, k;
  IF expected IS DISTINCT FROM tag THEN
    RAISE EXCEPTION 'pgsodium_crypto_aead_det_decrypt_by_id: invalid ciphertext';
  END IF;
  EXECUTE format('SELECT %I.decrypt_iv($1, $2, $3, %L)', crypto, 'aes-cbc/pad:pkcs')
    INTO plain USING body, k, iv;
  RETURN plain;
END
$$;

-- 16 random bytes, as libsodium's nonce generator gives; core PostgreSQL only,
-- so the column default works before pgcrypto is there. Declared IMMUTABLE as
-- the real one is (so, as there, one INSERT of many rows gives them one nonce).
CREATE FUNCTION vault._crypto_aead_det_noncegen()
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE
AS $$ BEGIN RETURN pg_catalog.uuid_send(pg_catalog.gen_random_uuid()); END $$;

CREATE TABLE vault.secrets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text,
  description text NOT NULL DEFAULT '',
  secret text NOT NULL,
  key_id uuid,
  nonce bytea DEFAULT vault._crypto_aead_det_noncegen(),
  created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
COMMENT ON TABLE vault.secrets IS 'Table with encrypted `secret` column for storing sensitive information on disk.';
CREATE UNIQUE INDEX secrets_name_idx ON vault.secrets USING btree (name) WHERE name IS NOT NULL;

CREATE VIEW vault.decrypted_secrets AS
SELECT s.id,
  s.name,
  s.description,
  s.secret,
  convert_from(
    vault._crypto_aead_det_decrypt(
      message := decode(s.secret, 'base64'::text),
      additional := convert_to(s.id::text, 'utf8'),
      key_id := 0,
      context := 'pgsodium'::bytea,
      nonce := s.nonce),
    'utf8'::name) AS decrypted_secret,
  s.key_id,
  s.nonce,
  s.created_at,
  s.updated_at
FROM vault.secrets s;

CREATE FUNCTION vault.create_secret(new_secret text, new_name text = NULL, new_description text = '', new_key_id uuid = NULL)
RETURNS uuid
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = ''
AS $$
DECLARE
  new_id uuid := gen_random_uuid();
  -- a fresh nonce per call (the IMMUTABLE noncegen could be folded into one per session)
  new_nonce bytea := pg_catalog.uuid_send(pg_catalog.gen_random_uuid());
BEGIN
  -- Encrypted before the row is written: the plaintext never reaches the table.
  INSERT INTO vault.secrets (id, secret, name, description, nonce)
  VALUES (
    new_id,
    encode(vault._crypto_aead_det_encrypt(
      message := convert_to(new_secret, 'utf8'),
      additional := convert_to(new_id::text, 'utf8'),
      key_id := 0,
      context := 'pgsodium'::bytea,
      nonce := new_nonce), 'base64'),
    new_name,
    new_description,
    new_nonce);
  RETURN new_id;
END
$$;

CREATE FUNCTION vault.update_secret(secret_id uuid, new_secret text = NULL, new_name text = NULL, new_description text = NULL, new_key_id uuid = NULL)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = ''
AS $$
BEGIN
  UPDATE vault.secrets s
  SET secret = CASE WHEN new_secret IS NULL THEN s.secret
                    ELSE encode(vault._crypto_aead_det_encrypt(
                      message := convert_to(new_secret, 'utf8'),
                      additional := convert_to(s.id::text, 'utf8'),
                      key_id := 0,
                      context := 'pgsodium'::bytea,
                      nonce := s.nonce), 'base64') END,
      name = coalesce(new_name, s.name),
      description = coalesce(new_description, s.description),
      updated_at = now()
  WHERE s.id = secret_id;
END
$$;

REVOKE ALL ON FUNCTION
  vault._crypto_aead_det_encrypt(bytea, bytea, bigint, bytea, bytea),
  vault._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea),
  vault._crypto_aead_det_noncegen(),
  vault._standin_derive_key(bigint, bytea),
  vault.create_secret(text, text, text, uuid),
  vault.update_secret(uuid, text, text, text, uuid)
FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('vault.secrets', '');
