-- dbalign stand-in for pgsql-http 1.6: its types, domains and functions
-- with the extension's names and signatures. It cannot answer a request
-- without the network and never makes one: http() and every function that
-- calls it, and the curl option functions, raise an error naming the
-- stand-in. The pure helpers (http_header, http_headers, urlencode,
-- text_to_bytea, bytea_to_text) compute what pgsql-http computes.
\echo Use "CREATE EXTENSION http" to load this file. \quit

CREATE DOMAIN http_method AS text;
CREATE DOMAIN content_type AS text CHECK (VALUE ~ '^\S+\/\S+');
CREATE TYPE http_header AS (field character varying, value character varying);
CREATE TYPE http_response AS (status integer, content_type character varying, headers http_header[], content character varying);
CREATE TYPE http_request AS (method http_method, uri character varying, headers http_header[], content_type character varying, content character varying);

CREATE FUNCTION _standin_unavailable(what text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% cannot run: this database has the dbalign stand-in for the http extension, which never reaches the network', what
    USING ERRCODE = '0A000', HINT = 'use a database with the real http extension to make requests';
END
$fn$;

CREATE FUNCTION http_set_curlopt(curlopt character varying, value character varying) RETURNS boolean
LANGUAGE plpgsql AS $fn$ BEGIN PERFORM @extschema@._standin_unavailable('http_set_curlopt()'); RETURN false; END $fn$;
CREATE FUNCTION http_reset_curlopt() RETURNS boolean
LANGUAGE plpgsql AS $fn$ BEGIN PERFORM @extschema@._standin_unavailable('http_reset_curlopt()'); RETURN false; END $fn$;
CREATE FUNCTION http_list_curlopt() RETURNS TABLE(curlopt text, value text)
LANGUAGE plpgsql AS $fn$ BEGIN PERFORM @extschema@._standin_unavailable('http_list_curlopt()'); END $fn$;

CREATE FUNCTION http_header(field character varying, value character varying) RETURNS http_header
LANGUAGE sql AS $fn$ SELECT $1, $2 $fn$;

CREATE FUNCTION http(request @extschema@.http_request) RETURNS http_response
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM @extschema@._standin_unavailable(format('http(%s %s)', request.method, request.uri));
  RETURN NULL;
END
$fn$;
CREATE FUNCTION http_get(uri character varying) RETURNS http_response
LANGUAGE sql AS $fn$ SELECT @extschema@.http(('GET', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION http_post(uri character varying, content character varying, content_type character varying) RETURNS http_response
LANGUAGE sql AS $fn$ SELECT @extschema@.http(('POST', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION http_put(uri character varying, content character varying, content_type character varying) RETURNS http_response
LANGUAGE sql AS $fn$ SELECT @extschema@.http(('PUT', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION http_patch(uri character varying, content character varying, content_type character varying) RETURNS http_response
LANGUAGE sql AS $fn$ SELECT @extschema@.http(('PATCH', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION http_delete(uri character varying) RETURNS http_response
LANGUAGE sql AS $fn$ SELECT @extschema@.http(('DELETE', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION http_delete(uri character varying, content character varying, content_type character varying) RETURNS http_response
LANGUAGE sql AS $fn$ SELECT @extschema@.http(('DELETE', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION http_head(uri character varying) RETURNS http_response
LANGUAGE sql AS $fn$ SELECT @extschema@.http(('HEAD', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;

-- pgsql-http's encoding: A-Z a-z 0-9 - . _ ~ pass, a space becomes '+', every other byte %XX; a NUL ends the string.
CREATE FUNCTION urlencode(string bytea) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT coalesce(string_agg(CASE WHEN b = 32 THEN '+'
                                  WHEN b BETWEEN 48 AND 57 OR b BETWEEN 65 AND 90 OR b BETWEEN 97 AND 122 OR b IN (45, 46, 95, 126) THEN chr(b)
                                  ELSE '%' || upper(lpad(to_hex(b), 2, '0')) END, '' ORDER BY i), '')
  FROM (SELECT get_byte($1, i) AS b, i FROM generate_series(0, length($1) - 1) AS i) s
  WHERE i < coalesce((SELECT min(j) FROM generate_series(0, length($1) - 1) AS j WHERE get_byte($1, j) = 0), length($1))
$fn$;
CREATE FUNCTION urlencode(string character varying) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT @extschema@.urlencode(convert_to($1, current_setting('server_encoding')))
$fn$;
-- key=value pairs of an object's scalar members, in jsonb's order; NULL when there are none.
CREATE FUNCTION urlencode(data jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
DECLARE
  out text;
BEGIN
  IF jsonb_typeof(data) <> 'object' THEN
    RAISE EXCEPTION 'cannot call urlencode_jsonb on a non-object' USING ERRCODE = '22023';
  END IF;
  SELECT string_agg(@extschema@.urlencode(k::character varying) || '=' || @extschema@.urlencode(
           CASE jsonb_typeof(v) WHEN 'string' THEN v #>> '{}' WHEN 'number' THEN trim_scale((v #>> '{}')::numeric)::text
                                WHEN 'boolean' THEN v #>> '{}' ELSE '' END::character varying), '&' ORDER BY n)
    INTO out
    FROM jsonb_each(data) WITH ORDINALITY AS e(k, v, n)
   WHERE k <> '' AND jsonb_typeof(v) NOT IN ('object', 'array');
  RETURN out;
END
$fn$;

CREATE FUNCTION http_get(uri character varying, data jsonb) RETURNS http_response
LANGUAGE sql AS $fn$ SELECT @extschema@.http(('GET', $1 || '?' || @extschema@.urlencode($2), NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION http_post(uri character varying, data jsonb) RETURNS http_response
LANGUAGE sql AS $fn$ SELECT @extschema@.http(('POST', $1, NULL, 'application/x-www-form-urlencoded', @extschema@.urlencode($2))::@extschema@.http_request) $fn$;

CREATE FUNCTION text_to_bytea(data text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT convert_to($1, current_setting('server_encoding'))
$fn$;
CREATE FUNCTION bytea_to_text(data bytea) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT convert_from($1, current_setting('server_encoding'))
$fn$;

CREATE FUNCTION http_headers(VARIADIC args text[]) RETURNS http_header[] LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
DECLARE
  headers @extschema@.http_header[];
BEGIN
  IF array_length(args, 1) % 2 <> 0 THEN
    RAISE EXCEPTION 'Arguments must be provided in key-value pairs';
  END IF;
  FOR i IN 1..array_length(args, 1) BY 2 LOOP
    headers := array_append(headers, @extschema@.http_header(args[i], args[i + 1]));
  END LOOP;
  RETURN headers;
END
$fn$;
