-- dbalign stand-in for pg_net 0.20.4: the net schema, its tables, types and
-- functions with pg_net's names, signatures and defaults. net.http_get,
-- net.http_post and net.http_delete write the request to
-- net.http_request_queue exactly as pg_net does and return its id; there is
-- no background worker, so nothing is ever sent and net._http_response
-- stays empty. Whatever would need the worker (waiting for a response,
-- restarting it) raises an error naming the stand-in.
\echo Use "CREATE EXTENSION pg_net" to load this file. \quit

CREATE SCHEMA IF NOT EXISTS net;

CREATE DOMAIN net.http_method AS text
  CHECK (VALUE ILIKE 'get' OR VALUE ILIKE 'post' OR VALUE ILIKE 'delete');

CREATE UNLOGGED TABLE net.http_request_queue (
  id bigserial,
  method net.http_method NOT NULL,
  url text NOT NULL,
  headers jsonb,
  body bytea,
  timeout_milliseconds integer NOT NULL
);

CREATE UNLOGGED TABLE net._http_response (
  id bigint,
  status_code integer,
  content_type text,
  headers jsonb,
  content text,
  timed_out boolean,
  error_msg text,
  created timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON net._http_response (created);

CREATE TYPE net.request_status AS ENUM ('PENDING', 'SUCCESS', 'ERROR');
CREATE TYPE net.http_response AS (status_code integer, headers jsonb, body text);
CREATE TYPE net.http_response_result AS (status net.request_status, message text, response net.http_response);

CREATE FUNCTION net._standin_unavailable(what text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% needs the pg_net background worker, which the dbalign stand-in for pg_net does not have', what
    USING ERRCODE = '0A000', HINT = 'requests are only recorded in net.http_request_queue here; use a database with the real pg_net to send them';
END
$fn$;

CREATE FUNCTION net.check_worker_is_up() RETURNS void LANGUAGE sql AS $fn$ SELECT net._standin_unavailable('net.check_worker_is_up()') $fn$;
COMMENT ON FUNCTION net.check_worker_is_up() IS 'raises an exception if the pg_net background worker is not up, otherwise it doesn''t return anything';
CREATE FUNCTION net.worker_restart() RETURNS boolean LANGUAGE plpgsql AS $fn$ BEGIN PERFORM net._standin_unavailable('net.worker_restart()'); RETURN false; END $fn$;
CREATE FUNCTION net.wait_until_running() RETURNS void LANGUAGE sql AS $fn$ SELECT net._standin_unavailable('net.wait_until_running()') $fn$;
COMMENT ON FUNCTION net.wait_until_running() IS 'waits until the worker is running';
-- Nothing to wake: requests stay in the queue.
CREATE FUNCTION net.wake() RETURNS void LANGUAGE sql AS $fn$ $fn$;

CREATE FUNCTION net._await_response(request_id bigint) RETURNS boolean LANGUAGE plpgsql PARALLEL UNSAFE AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM net._http_response r WHERE r.id = request_id) THEN
    RETURN true;
  END IF;
  PERFORM net._standin_unavailable('waiting for the response to request ' || request_id);
  RETURN false;
END
$fn$;

-- curl_easy_escape: every byte but A-Z a-z 0-9 - . _ ~ is percent-encoded.
CREATE FUNCTION net._urlencode_string(string character varying) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT string_agg(CASE WHEN b BETWEEN 48 AND 57 OR b BETWEEN 65 AND 90 OR b BETWEEN 97 AND 122 OR b IN (45, 46, 95, 126)
                         THEN chr(b) ELSE '%' || upper(lpad(to_hex(b), 2, '0')) END, '' ORDER BY i)
  FROM (SELECT get_byte(convert_to(string, 'UTF8'), i) AS b, i
        FROM generate_series(0, octet_length(convert_to(string, 'UTF8')) - 1) AS i) s
$fn$;

-- As curl's URL API does for the URLs webhooks use: a URL with no path
-- gets '/', parameters are appended to the query; what it cannot parse is refused.
CREATE FUNCTION net._encode_url_with_params_array(url text, params_array text[]) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  m text[];
  result text;
BEGIN
  IF url IS NULL OR params_array IS NULL THEN
    RETURN NULL;
  END IF;
  m := regexp_match(url, '^([A-Za-z][A-Za-z0-9+.-]*://[^/?#[:space:]]+)([^?#[:space:]]*)(\?[^#[:space:]]*)?(#[^[:space:]]*)?$');
  IF m IS NULL THEN
    RAISE EXCEPTION 'The URL "%" is malformed (dbalign stand-in for pg_net)', url USING ERRCODE = '22023';
  END IF;
  result := m[1] || CASE WHEN m[2] = '' THEN '/' ELSE m[2] END || coalesce(m[3], '');
  IF cardinality(params_array) > 0 THEN
    result := result || CASE WHEN m[3] IS NULL THEN '?' WHEN m[3] = '?' THEN '' ELSE '&' END || array_to_string(params_array, '&');
  END IF;
  RETURN result;
END
$fn$;

CREATE FUNCTION net.http_get(url text, params jsonb DEFAULT '{}'::jsonb, headers jsonb DEFAULT '{}'::jsonb,
                             timeout_milliseconds integer DEFAULT 5000) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  request_id bigint;
  params_array text[];
BEGIN
  SELECT coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    INTO params_array FROM jsonb_each_text(params);
  INSERT INTO net.http_request_queue (method, url, headers, timeout_milliseconds)
  VALUES ('GET', net._encode_url_with_params_array(url, params_array), headers, timeout_milliseconds)
  RETURNING id INTO request_id;
  PERFORM net.wake();
  RETURN request_id;
END
$fn$;

CREATE FUNCTION net.http_post(url text, body jsonb DEFAULT '{}'::jsonb, params jsonb DEFAULT '{}'::jsonb,
                              headers jsonb DEFAULT '{"Content-Type": "application/json"}'::jsonb,
                              timeout_milliseconds integer DEFAULT 5000) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  request_id bigint;
  params_array text[];
  content_type text;
BEGIN
  SELECT v INTO content_type FROM jsonb_each_text(coalesce(headers, '{}'::jsonb)) AS h(k, v) WHERE lower(k) = 'content-type' LIMIT 1;
  IF content_type IS NULL THEN
    headers := headers || '{"Content-Type": "application/json"}'::jsonb;
  END IF;
  IF content_type <> 'application/json' THEN
    RAISE EXCEPTION 'Content-Type header must be "application/json"';
  END IF;
  SELECT coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    INTO params_array FROM jsonb_each_text(params);
  INSERT INTO net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  VALUES ('POST', net._encode_url_with_params_array(url, params_array), headers, convert_to(body::text, 'UTF8'), timeout_milliseconds)
  RETURNING id INTO request_id;
  PERFORM net.wake();
  RETURN request_id;
END
$fn$;

CREATE FUNCTION net.http_delete(url text, params jsonb DEFAULT '{}'::jsonb, headers jsonb DEFAULT '{}'::jsonb,
                                timeout_milliseconds integer DEFAULT 5000, body jsonb DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  request_id bigint;
  params_array text[];
BEGIN
  SELECT coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    INTO params_array FROM jsonb_each_text(params);
  INSERT INTO net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  VALUES ('DELETE', net._encode_url_with_params_array(url, params_array), headers, convert_to(body::text, 'UTF8'), timeout_milliseconds)
  RETURNING id INTO request_id;
  PERFORM net.wake();
  RETURN request_id;
END
$fn$;

-- A response never arrives here: pending requests read as pg_net reads them.
CREATE FUNCTION net._http_collect_response(request_id bigint, async boolean DEFAULT true) RETURNS net.http_response_result
LANGUAGE plpgsql AS $fn$
DECLARE
  rec net._http_response;
BEGIN
  IF NOT async THEN
    PERFORM net._await_response(request_id);
  END IF;
  SELECT * INTO rec FROM net._http_response r WHERE r.id = request_id;
  IF rec IS NULL OR rec.error_msg IS NOT NULL THEN
    RETURN ('ERROR', coalesce(rec.error_msg, 'request matching request_id not found'), NULL)::net.http_response_result;
  END IF;
  RETURN ('SUCCESS', 'ok', (rec.status_code, rec.headers, rec.content)::net.http_response)::net.http_response_result;
END
$fn$;
CREATE FUNCTION net.http_collect_response(request_id bigint, async boolean DEFAULT true) RETURNS net.http_response_result
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE NOTICE 'The net.http_collect_response function is deprecated.';
  RETURN net._http_collect_response(request_id, async);
END
$fn$;

GRANT USAGE ON SCHEMA net TO PUBLIC;
GRANT ALL ON ALL SEQUENCES IN SCHEMA net TO PUBLIC;
GRANT ALL ON ALL TABLES IN SCHEMA net TO PUBLIC;
