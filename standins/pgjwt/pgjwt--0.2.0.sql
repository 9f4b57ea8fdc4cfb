-- dbalign stand-in for pgjwt 0.2.0. Pure SQL over pgcrypto like the real
-- extension, with the same functions, signatures and results; like the real
-- one it calls pgcrypto's hmac() in its own schema, so pgcrypto must be
-- installed in the same schema (Supabase has both in `extensions`).
\echo Use "CREATE EXTENSION pgjwt" to load this file. \quit

-- base64url without padding or line breaks
CREATE FUNCTION url_encode(data bytea) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
  SELECT translate(encode(data, 'base64'), E'+/=\n', '-_')
$$;

CREATE FUNCTION url_decode(data text) RETURNS bytea
LANGUAGE sql IMMUTABLE
AS $$
  SELECT decode(
    translate(data, '-_', '+/') || repeat('=', (4 - length(data) % 4) % 4),
    'base64')
$$;

CREATE FUNCTION algorithm_sign(signables text, secret text, algorithm text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
  -- an unknown algorithm maps to '' and pgcrypto's hmac() rejects it
  SELECT @extschema@.url_encode(@extschema@.hmac(
    signables, secret,
    CASE algorithm WHEN 'HS256' THEN 'sha256' WHEN 'HS384' THEN 'sha384' WHEN 'HS512' THEN 'sha512' ELSE '' END))
$$;

CREATE FUNCTION sign(payload json, secret text, algorithm text DEFAULT 'HS256') RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
  SELECT t.signables || '.' || @extschema@.algorithm_sign(t.signables, secret, algorithm)
  FROM (
    SELECT @extschema@.url_encode(convert_to('{"alg":"' || algorithm || '","typ":"JWT"}', 'utf8'))
           || '.' || @extschema@.url_encode(convert_to(payload::text, 'utf8')) AS signables
  ) t
$$;

CREATE FUNCTION try_cast_double(inp text) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
  RETURN inp::double precision;
EXCEPTION WHEN OTHERS THEN
  RETURN NULL;
END
$$;

-- valid: the signature matches and now() lies in [nbf, exp) when they are given
CREATE FUNCTION verify(token text, secret text, algorithm text DEFAULT 'HS256')
RETURNS TABLE(header json, payload json, valid boolean)
LANGUAGE sql IMMUTABLE
AS $$
  SELECT
    p.header,
    p.payload,
    p.signature_ok AND tstzrange(
      to_timestamp(@extschema@.try_cast_double(p.payload->>'nbf')),
      to_timestamp(@extschema@.try_cast_double(p.payload->>'exp'))
    ) @> CURRENT_TIMESTAMP
  FROM (
    SELECT
      convert_from(@extschema@.url_decode(parts[1]), 'utf8')::json AS header,
      convert_from(@extschema@.url_decode(parts[2]), 'utf8')::json AS payload,
      parts[3] = @extschema@.algorithm_sign(parts[1] || '.' || parts[2], secret, algorithm) AS signature_ok
    FROM regexp_split_to_array(token, '\.') AS parts
  ) p
$$;
