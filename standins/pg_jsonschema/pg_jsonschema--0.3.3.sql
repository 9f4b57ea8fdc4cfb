-- dbalign stand-in for pg_jsonschema 0.3.3: json_matches_schema,
-- jsonb_matches_schema, jsonschema_is_valid and jsonschema_validation_errors
-- with the real signatures, validating in PL/pgSQL. It implements the JSON
-- Schema (draft 7, the real one's default) keywords: type, enum, const,
-- properties, required, additionalProperties, patternProperties,
-- propertyNames, minProperties, maxProperties, dependencies, items,
-- additionalItems, contains, minItems, maxItems, uniqueItems, minimum,
-- maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, minLength,
-- maxLength, pattern, format (date, date-time, time, uuid, ipv4, ipv6),
-- allOf, anyOf, oneOf, not, if/then/else, local $ref (#, #/definitions/…,
-- #/$defs/…), boolean schemas, and the annotations. A standard keyword it
-- does not implement raises an error naming the stand-in, never a guess.
-- Patterns run as PostgreSQL regular expressions, which agree with the
-- ECMA-262 ones schemas use for the common classes (\d, \w, \s, [...], anchors).
-- Error texts follow the wording of the real one's validator.
\echo Use "CREATE EXTENSION pg_jsonschema" to load this file. \quit

CREATE FUNCTION _standin_unsupported(what text) RETURNS void
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
  RAISE EXCEPTION 'pg_jsonschema (dbalign stand-in) does not implement %', what
    USING ERRCODE = 'feature_not_supported',
          HINT = 'Use --shadow <url> to a server with the real pg_jsonschema to validate this schema.';
END
$$;

CREATE FUNCTION _standin_type_of(v jsonb) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
  SELECT CASE jsonb_typeof(v)
    WHEN 'number' THEN CASE WHEN (v::text)::numeric = trunc((v::text)::numeric) THEN 'integer' ELSE 'number' END
    ELSE jsonb_typeof(v) END
$$;

-- A JSON value as the real validator prints it in messages: compact, object keys in name order.
CREATE FUNCTION _standin_show(v jsonb) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
  SELECT CASE jsonb_typeof(v)
    WHEN 'object' THEN '{' || coalesce((SELECT string_agg(to_jsonb(e.key)::text || ':' || @extschema@._standin_show(e.value), ',' ORDER BY e.key COLLATE "C")
                                        FROM jsonb_each(v) e), '') || '}'
    WHEN 'array' THEN '[' || coalesce((SELECT string_agg(@extschema@._standin_show(a.e), ',' ORDER BY a.o)
                                       FROM jsonb_array_elements(v) WITH ORDINALITY AS a(e, o)), '') || ']'
    ELSE v::text END
$$;

CREATE FUNCTION _standin_resolve(root jsonb, ref text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
  target jsonb := root;
  part text;
BEGIN
  IF ref = '#' THEN
    RETURN root;
  END IF;
  IF ref NOT LIKE '#/%' THEN
    PERFORM @extschema@._standin_unsupported(format('$ref to %s (only references inside the schema, #/...)', ref));
  END IF;
  FOREACH part IN ARRAY string_to_array(substr(ref, 3), '/') LOOP
    part := replace(replace(replace(part, '%25', '%'), '~1', '/'), '~0', '~');
    IF jsonb_typeof(target) = 'array' AND part ~ '^\d+$' THEN
      target := target -> part::int;
    ELSE
      target := target -> part;
    END IF;
    IF target IS NULL THEN
      RAISE EXCEPTION 'Invalid reference: %', ref;
    END IF;
  END LOOP;
  RETURN target;
END
$$;

CREATE FUNCTION _standin_format_ok(fmt text, s text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
  CASE fmt
    WHEN 'date' THEN
      IF s !~ '^\d{4}-\d{2}-\d{2}$' THEN RETURN false; END IF;
      PERFORM s::date;
    WHEN 'date-time' THEN
      IF s !~* '^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}:\d{2}(\.\d+)?(z|[+-]\d{2}:\d{2})$' THEN RETURN false; END IF;
      PERFORM s::timestamptz;
    WHEN 'time' THEN
      IF s !~* '^\d{2}:\d{2}:\d{2}(\.\d+)?(z|[+-]\d{2}:\d{2})$' THEN RETURN false; END IF;
      PERFORM s::timetz;
    WHEN 'uuid' THEN
      RETURN s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
    WHEN 'ipv4' THEN
      IF s !~ '^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$' THEN RETURN false; END IF;
      RETURN family(s::inet) = 4;
    WHEN 'ipv6' THEN
      IF s !~ ':' OR s ~ '/' THEN RETURN false; END IF;
      RETURN family(s::inet) = 6;
    ELSE
      PERFORM @extschema@._standin_unsupported(format('the format %s', fmt));
  END CASE;
  RETURN true;
EXCEPTION
  WHEN feature_not_supported THEN RAISE;
  WHEN OTHERS THEN RETURN false;
END
$$;

-- The errors of instance against schema; with first_only, stops at the first.
CREATE FUNCTION _standin_errors(schema jsonb, instance jsonb, root jsonb, first_only boolean) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
  errs text[] := '{}';
  kw text;
  val jsonb;
  itype text := @extschema@._standin_type_of(instance);
  shown text := @extschema@._standin_show(instance);
  k text;
  v jsonb;
  sub jsonb;
  n int;
  i int;
  matched int;
  num numeric;
  lim numeric;
  extra text[];
  covered boolean;
BEGIN
  IF schema = 'true'::jsonb OR schema = '{}'::jsonb THEN
    RETURN errs;
  END IF;
  IF schema = 'false'::jsonb THEN
    RETURN ARRAY[format('False schema does not allow %s', shown)];
  END IF;
  IF jsonb_typeof(schema) <> 'object' THEN
    RAISE EXCEPTION 'pg_jsonschema (dbalign stand-in): invalid schema %', schema;
  END IF;
  -- draft 7: $ref replaces its siblings
  IF schema ? '$ref' THEN
    RETURN @extschema@._standin_errors(@extschema@._standin_resolve(root, schema->>'$ref'), instance, root, first_only);
  END IF;
  IF itype IN ('integer', 'number') THEN
    num := (instance::text)::numeric;
  END IF;
  -- keywords in name order, as the real validator (serde_json's sorted map) visits them
  FOR kw, val IN SELECT e.key, e.value FROM jsonb_each(schema) e ORDER BY e.key COLLATE "C" LOOP
    IF first_only AND cardinality(errs) > 0 THEN
      RETURN errs;
    END IF;
    CASE kw
      WHEN '$schema', '$id', 'id', '$comment', 'title', 'description', 'default', 'examples',
           'readOnly', 'writeOnly', 'deprecated', 'definitions', '$defs', 'then', 'else' THEN
        NULL;
      WHEN 'type' THEN
        IF NOT EXISTS (
          SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(val) = 'array' THEN val ELSE jsonb_build_array(val) END) t(name)
          WHERE t.name = itype OR (t.name = 'number' AND itype = 'integer')) THEN
          IF jsonb_typeof(val) = 'array' THEN
            errs := errs || format('%s is not of types %s', shown,
              (SELECT string_agg(format('"%s"', t), ', ') FROM jsonb_array_elements_text(val) t));
          ELSE
            errs := errs || format('%s is not of type "%s"', shown, val #>> '{}');
          END IF;
        END IF;
      WHEN 'enum' THEN
        IF NOT EXISTS (SELECT 1 FROM jsonb_array_elements(val) e WHERE e = instance) THEN
          errs := errs || format('%s is not one of %s', shown, @extschema@._standin_show(val));
        END IF;
      WHEN 'const' THEN
        IF val <> instance THEN
          errs := errs || format('%s was expected', @extschema@._standin_show(val));
        END IF;
      WHEN 'properties' THEN
        IF itype = 'object' THEN
          FOR k, sub IN SELECT e.key, e.value FROM jsonb_each(val) e LOOP
            IF instance ? k THEN
              errs := errs || @extschema@._standin_errors(sub, instance -> k, root, first_only);
            END IF;
          END LOOP;
        END IF;
      WHEN 'required' THEN
        IF itype = 'object' THEN
          FOR k IN SELECT jsonb_array_elements_text(val) LOOP
            IF NOT instance ? k THEN
              errs := errs || format('"%s" is a required property', k);
            END IF;
          END LOOP;
        END IF;
      WHEN 'additionalProperties' THEN
        IF itype = 'object' THEN
          extra := '{}';
          FOR k IN SELECT jsonb_object_keys(instance) LOOP
            covered := coalesce(schema -> 'properties', '{}'::jsonb) ? k
              OR EXISTS (SELECT 1 FROM jsonb_object_keys(coalesce(schema -> 'patternProperties', '{}'::jsonb)) p WHERE k ~ p);
            IF NOT covered THEN
              IF val = 'false'::jsonb THEN
                extra := extra || format('''%s''', k);
              ELSE
                errs := errs || @extschema@._standin_errors(val, instance -> k, root, first_only);
              END IF;
            END IF;
          END LOOP;
          IF cardinality(extra) > 0 THEN
            errs := errs || format('Additional properties are not allowed (%s %s unexpected)',
              array_to_string(extra, ', '), CASE WHEN cardinality(extra) = 1 THEN 'was' ELSE 'were' END);
          END IF;
        END IF;
      WHEN 'patternProperties' THEN
        IF itype = 'object' THEN
          FOR k, sub IN SELECT e.key, e.value FROM jsonb_each(val) e LOOP
            FOR v IN SELECT e.value FROM jsonb_each(instance) e WHERE e.key ~ k LOOP
              errs := errs || @extschema@._standin_errors(sub, v, root, first_only);
            END LOOP;
          END LOOP;
        END IF;
      WHEN 'propertyNames' THEN
        IF itype = 'object' THEN
          FOR k IN SELECT jsonb_object_keys(instance) LOOP
            errs := errs || @extschema@._standin_errors(val, to_jsonb(k), root, first_only);
          END LOOP;
        END IF;
      WHEN 'minProperties', 'maxProperties' THEN
        IF itype = 'object' THEN
          n := (SELECT count(*) FROM jsonb_object_keys(instance));
          lim := (val #>> '{}')::numeric;
          IF kw = 'minProperties' AND n < lim THEN
            errs := errs || format('%s has less than %s propert%s', shown, lim, CASE WHEN lim = 1 THEN 'y' ELSE 'ies' END);
          ELSIF kw = 'maxProperties' AND n > lim THEN
            errs := errs || format('%s has more than %s propert%s', shown, lim, CASE WHEN lim = 1 THEN 'y' ELSE 'ies' END);
          END IF;
        END IF;
      WHEN 'dependencies' THEN
        IF itype = 'object' THEN
          FOR k, sub IN SELECT e.key, e.value FROM jsonb_each(val) e LOOP
            IF instance ? k THEN
              IF jsonb_typeof(sub) = 'array' THEN
                FOR v IN SELECT jsonb_array_elements(sub) LOOP
                  IF NOT instance ? (v #>> '{}') THEN
                    errs := errs || format('"%s" is a required property', v #>> '{}');
                  END IF;
                END LOOP;
              ELSE
                errs := errs || @extschema@._standin_errors(sub, instance, root, first_only);
              END IF;
            END IF;
          END LOOP;
        END IF;
      WHEN 'items' THEN
        IF itype = 'array' THEN
          IF jsonb_typeof(val) = 'array' THEN
            FOR i IN 0 .. least(jsonb_array_length(val), jsonb_array_length(instance)) - 1 LOOP
              errs := errs || @extschema@._standin_errors(val -> i, instance -> i, root, first_only);
            END LOOP;
          ELSE
            FOR v IN SELECT jsonb_array_elements(instance) LOOP
              errs := errs || @extschema@._standin_errors(val, v, root, first_only);
            END LOOP;
          END IF;
        END IF;
      WHEN 'additionalItems' THEN
        IF itype = 'array' AND jsonb_typeof(schema -> 'items') = 'array' THEN
          n := jsonb_array_length(schema -> 'items');
          IF val = 'false'::jsonb AND jsonb_array_length(instance) > n THEN
            errs := errs || format('Additional items are not allowed (%s %s unexpected)',
              (SELECT string_agg(@extschema@._standin_show(e), ', ' ORDER BY o) FROM jsonb_array_elements(instance) WITH ORDINALITY AS a(e, o) WHERE o > n),
              CASE WHEN jsonb_array_length(instance) - n = 1 THEN 'was' ELSE 'were' END);
          ELSIF val <> 'false'::jsonb THEN
            FOR i IN n .. jsonb_array_length(instance) - 1 LOOP
              errs := errs || @extschema@._standin_errors(val, instance -> i, root, first_only);
            END LOOP;
          END IF;
        END IF;
      WHEN 'contains' THEN
        IF itype = 'array' AND NOT EXISTS (
          SELECT 1 FROM jsonb_array_elements(instance) e
          WHERE cardinality(@extschema@._standin_errors(val, e, root, true)) = 0) THEN
          errs := errs || format('None of %s are valid under the given schema', shown);
        END IF;
      WHEN 'minItems', 'maxItems' THEN
        IF itype = 'array' THEN
          lim := (val #>> '{}')::numeric;
          IF kw = 'minItems' AND jsonb_array_length(instance) < lim THEN
            errs := errs || format('%s has less than %s item%s', shown, lim, CASE WHEN lim = 1 THEN '' ELSE 's' END);
          ELSIF kw = 'maxItems' AND jsonb_array_length(instance) > lim THEN
            errs := errs || format('%s has more than %s item%s', shown, lim, CASE WHEN lim = 1 THEN '' ELSE 's' END);
          END IF;
        END IF;
      WHEN 'uniqueItems' THEN
        IF itype = 'array' AND val = 'true'::jsonb
           AND (SELECT count(DISTINCT e) FROM jsonb_array_elements(instance) e) < jsonb_array_length(instance) THEN
          errs := errs || format('%s has non-unique elements', shown);
        END IF;
      WHEN 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum' THEN
        IF jsonb_typeof(val) = 'boolean' THEN
          PERFORM @extschema@._standin_unsupported(format('the draft 4 boolean form of %s', kw));
        END IF;
        IF num IS NOT NULL THEN
          lim := (val #>> '{}')::numeric;
          IF kw = 'minimum' AND num < lim THEN
            errs := errs || format('%s is less than the minimum of %s', shown, @extschema@._standin_show(val));
          ELSIF kw = 'maximum' AND num > lim THEN
            errs := errs || format('%s is greater than the maximum of %s', shown, @extschema@._standin_show(val));
          ELSIF kw = 'exclusiveMinimum' AND num <= lim THEN
            errs := errs || format('%s is less than or equal to the minimum of %s', shown, @extschema@._standin_show(val));
          ELSIF kw = 'exclusiveMaximum' AND num >= lim THEN
            errs := errs || format('%s is greater than or equal to the maximum of %s', shown, @extschema@._standin_show(val));
          END IF;
        END IF;
      WHEN 'multipleOf' THEN
        IF num IS NOT NULL THEN
          lim := (val #>> '{}')::numeric;
          -- as the real validator: exact for integers, double precision otherwise
          IF (lim = trunc(lim) AND num = trunc(num) AND mod(num, lim) <> 0)
             OR (NOT (lim = trunc(lim) AND num = trunc(num))
                 AND (num::float8 / lim::float8) <> trunc(num::float8 / lim::float8)) THEN
            errs := errs || format('%s is not a multiple of %s', shown, @extschema@._standin_show(val));
          END IF;
        END IF;
      WHEN 'minLength', 'maxLength' THEN
        IF itype = 'string' THEN
          lim := (val #>> '{}')::numeric;
          IF kw = 'minLength' AND length(instance #>> '{}') < lim THEN
            errs := errs || format('%s is shorter than %s character%s', shown, lim, CASE WHEN lim = 1 THEN '' ELSE 's' END);
          ELSIF kw = 'maxLength' AND length(instance #>> '{}') > lim THEN
            errs := errs || format('%s is longer than %s character%s', shown, lim, CASE WHEN lim = 1 THEN '' ELSE 's' END);
          END IF;
        END IF;
      WHEN 'pattern' THEN
        IF itype = 'string' AND (instance #>> '{}') !~ (val #>> '{}') THEN
          errs := errs || format('%s does not match "%s"', shown, val #>> '{}');
        END IF;
      WHEN 'format' THEN
        IF itype = 'string' AND NOT @extschema@._standin_format_ok(val #>> '{}', instance #>> '{}') THEN
          errs := errs || format('%s is not a "%s"', shown, val #>> '{}');
        END IF;
      WHEN 'allOf' THEN
        FOR sub IN SELECT jsonb_array_elements(val) LOOP
          errs := errs || @extschema@._standin_errors(sub, instance, root, first_only);
        END LOOP;
      WHEN 'anyOf' THEN
        IF NOT EXISTS (SELECT 1 FROM jsonb_array_elements(val) s
                       WHERE cardinality(@extschema@._standin_errors(s, instance, root, true)) = 0) THEN
          errs := errs || format('%s is not valid under any of the schemas listed in the ''anyOf'' keyword', shown);
        END IF;
      WHEN 'oneOf' THEN
        matched := (SELECT count(*) FROM jsonb_array_elements(val) s
                    WHERE cardinality(@extschema@._standin_errors(s, instance, root, true)) = 0);
        IF matched = 0 THEN
          errs := errs || format('%s is not valid under any of the schemas listed in the ''oneOf'' keyword', shown);
        ELSIF matched > 1 THEN
          errs := errs || format('%s is valid under more than one of the schemas listed in the ''oneOf'' keyword', shown);
        END IF;
      WHEN 'not' THEN
        IF cardinality(@extschema@._standin_errors(val, instance, root, true)) = 0 THEN
          errs := errs || format('%s is not allowed for %s', @extschema@._standin_show(val), shown);
        END IF;
      WHEN 'if' THEN
        IF cardinality(@extschema@._standin_errors(val, instance, root, true)) = 0 THEN
          IF schema ? 'then' THEN
            errs := errs || @extschema@._standin_errors(schema -> 'then', instance, root, first_only);
          END IF;
        ELSIF schema ? 'else' THEN
          errs := errs || @extschema@._standin_errors(schema -> 'else', instance, root, first_only);
        END IF;
      WHEN 'unevaluatedProperties', 'unevaluatedItems', 'dependentSchemas', 'dependentRequired',
           'minContains', 'maxContains', 'prefixItems', '$dynamicRef', '$dynamicAnchor',
           '$recursiveRef', '$recursiveAnchor', '$anchor', 'contentEncoding', 'contentMediaType',
           'contentSchema', '$vocabulary' THEN
        PERFORM @extschema@._standin_unsupported(format('the keyword %s', kw));
      ELSE
        NULL; -- not a JSON Schema keyword: ignored, as the real validator ignores it
    END CASE;
  END LOOP;
  RETURN errs;
END
$$;

-- What the draft's meta-schema checks that matters for validation: the value
-- types of the keywords. Returns the JSON pointer of the first problem in the
-- schema and its message, as the real one reports them, or NULL.
CREATE FUNCTION _standin_schema_problem(schema jsonb, path text DEFAULT '') RETURNS text[]
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
  kw text;
  val jsonb;
  sub jsonb;
  subpath text;
  problem text;
  found text[];
  t text;
  here text;
BEGIN
  IF jsonb_typeof(schema) = 'boolean' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(schema) <> 'object' THEN
    RETURN ARRAY[path, format('%s is not of types "boolean", "object"', @extschema@._standin_show(schema))];
  END IF;
  FOR kw, val IN SELECT e.key, e.value FROM jsonb_each(schema) e ORDER BY e.key COLLATE "C" LOOP
    t := jsonb_typeof(val);
    here := path || '/' || replace(replace(kw, '~', '~0'), '/', '~1');
    problem := CASE
      WHEN kw = 'type' AND NOT (
          (t = 'string' AND val #>> '{}' IN ('array', 'boolean', 'integer', 'null', 'number', 'object', 'string'))
          OR (t = 'array' AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(val) x
               WHERE jsonb_typeof(x) <> 'string' OR x #>> '{}' NOT IN ('array', 'boolean', 'integer', 'null', 'number', 'object', 'string'))))
        THEN format('%s is not valid under any of the schemas listed in the ''anyOf'' keyword', @extschema@._standin_show(val))
      WHEN kw IN ('properties', 'patternProperties', 'definitions', '$defs', 'dependencies') AND t <> 'object'
        THEN format('%s is not of type "object"', @extschema@._standin_show(val))
      WHEN kw IN ('required', 'enum', 'allOf', 'anyOf', 'oneOf') AND t <> 'array'
        THEN format('%s is not of type "array"', @extschema@._standin_show(val))
      WHEN kw = 'required' AND EXISTS (SELECT 1 FROM jsonb_array_elements(val) x WHERE jsonb_typeof(x) <> 'string')
        THEN format('%s is not of type "string"', (SELECT @extschema@._standin_show(x) FROM jsonb_array_elements(val) x WHERE jsonb_typeof(x) <> 'string' LIMIT 1))
      WHEN kw IN ('minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties')
           AND NOT (t = 'number' AND (val::text)::numeric >= 0 AND (val::text)::numeric = trunc((val::text)::numeric))
        THEN format('%s is not of type "integer"', @extschema@._standin_show(val))
      WHEN kw IN ('minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum') AND t <> 'number'
        THEN format('%s is not of type "number"', @extschema@._standin_show(val))
      WHEN kw = 'multipleOf' AND NOT (t = 'number' AND (val::text)::numeric > 0)
        THEN format('%s is less than or equal to the minimum of 0', @extschema@._standin_show(val))
      WHEN kw IN ('pattern', 'format', '$ref') AND t <> 'string'
        THEN format('%s is not of type "string"', @extschema@._standin_show(val))
      WHEN kw IN ('additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'items')
           AND t NOT IN ('object', 'boolean') AND NOT (kw = 'items' AND t = 'array')
        THEN format('%s is not of types "boolean", "object"', @extschema@._standin_show(val))
      WHEN kw = 'uniqueItems' AND t <> 'boolean'
        THEN format('%s is not of type "boolean"', @extschema@._standin_show(val))
    END;
    IF problem IS NOT NULL THEN
      RETURN ARRAY[here, problem];
    END IF;
    IF kw = 'pattern' THEN
      BEGIN
        PERFORM '' ~ (val #>> '{}');
      EXCEPTION WHEN OTHERS THEN
        RETURN ARRAY[here, format('%s is not a "regex"', @extschema@._standin_show(val))];
      END;
    END IF;
    -- subschemas, with their pointers
    FOR sub, subpath IN
      SELECT x, p FROM (
        SELECT e.value AS x, '/' || replace(replace(e.key, '~', '~0'), '/', '~1') AS p
          FROM jsonb_each(CASE WHEN kw IN ('properties', 'patternProperties', 'definitions', '$defs') THEN val ELSE '{}' END) e
        UNION ALL
        SELECT e.value, '/' || replace(replace(e.key, '~', '~0'), '/', '~1')
          FROM jsonb_each(CASE WHEN kw = 'dependencies' THEN val ELSE '{}' END) e WHERE jsonb_typeof(e.value) <> 'array'
        UNION ALL
        SELECT a.e, '/' || (a.o - 1)
          FROM jsonb_array_elements(CASE WHEN kw IN ('allOf', 'anyOf', 'oneOf') OR (kw = 'items' AND t = 'array') THEN val ELSE '[]' END) WITH ORDINALITY AS a(e, o)
        UNION ALL
        SELECT val, '' WHERE kw IN ('additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames')
                             OR (kw = 'items' AND t <> 'array')
      ) subs
    LOOP
      found := @extschema@._standin_schema_problem(sub, here || subpath);
      IF found IS NOT NULL THEN
        RETURN found;
      END IF;
    END LOOP;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE FUNCTION _standin_check_schema(schema jsonb) RETURNS void
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
  problem text[] := @extschema@._standin_schema_problem(schema);
BEGIN
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'Invalid schema: %', problem[2];
  END IF;
END
$$;

CREATE FUNCTION json_matches_schema(schema json, instance json) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
  -- an invalid schema is an error, as in the real one
  PERFORM @extschema@._standin_check_schema(schema::jsonb);
  RETURN cardinality(@extschema@._standin_errors(schema::jsonb, instance::jsonb, schema::jsonb, true)) = 0;
END
$$;

CREATE FUNCTION jsonb_matches_schema(schema json, instance jsonb) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
  -- an invalid schema is an error, as in the real one
  PERFORM @extschema@._standin_check_schema(schema::jsonb);
  RETURN cardinality(@extschema@._standin_errors(schema::jsonb, instance, schema::jsonb, true)) = 0;
END
$$;

CREATE FUNCTION jsonschema_is_valid(schema json) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  problem text[] := @extschema@._standin_schema_problem(schema::jsonb);
BEGIN
  IF problem IS NOT NULL THEN
    IF problem[1] <> '' THEN
      RAISE NOTICE 'Invalid JSON schema at path: %', problem[1];
    END IF;
    RETURN false;
  END IF;
  RETURN true;
END
$$;

CREATE FUNCTION jsonschema_validation_errors(schema json, instance json) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  problem text[] := @extschema@._standin_schema_problem(schema::jsonb);
BEGIN
  IF problem IS NOT NULL THEN
    RETURN ARRAY[problem[2]];
  END IF;
  RETURN @extschema@._standin_errors(schema::jsonb, instance::jsonb, schema::jsonb, false);
END
$$;
