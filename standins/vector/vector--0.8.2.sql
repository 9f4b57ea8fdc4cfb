-- dbalign stand-in for pgvector 0.8.2: the vector type with its typmod
-- (vector(1536) reads as such), the functions, operators, casts and
-- aggregates with pgvector's names and signatures, and the hnsw and ivfflat
-- access methods with their operator classes, so schemas that use them
-- build and read as on real pgvector.
--
-- Functions find each other through the search_path of CREATE EXTENSION
-- (SET search_path FROM CURRENT), whatever the caller's.
--
-- Values are kept as their text ('[1,2,3]', checked as JSON on input and as
-- a vector by every function and by the typmod); functions compute what
-- pgvector computes, in the same precision (single precision sums, double
-- precision where pgvector uses it), slowly, in SQL.
--
-- hnsw and ivfflat indexes are hash indexes underneath (a core access
-- method that stores only a hash, so vectors of any size fit, and that never
-- reads anything but its own values). They are kept up to date but never
-- used to answer a query: ORDER BY embedding <=> query runs as a sort, which
-- gives the exact nearest neighbours. dbalign applies their WITH options
-- (m, ef_construction, lists) itself, checked as pgvector checks them.
\echo Use "CREATE EXTENSION vector" to load this file. \quit

CREATE TYPE vector;
CREATE FUNCTION vector_in(cstring) RETURNS vector LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'json_in';
CREATE FUNCTION vector_out(vector) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'json_out';
CREATE FUNCTION vector_typmod_in(cstring[]) RETURNS integer LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'varchartypmodin';
CREATE FUNCTION vector_typmod_out(integer) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'varchartypmodout';
CREATE TYPE vector (
  INPUT = vector_in,
  OUTPUT = vector_out,
  TYPMOD_IN = vector_typmod_in,
  TYPMOD_OUT = vector_typmod_out,
  INTERNALLENGTH = VARIABLE,
  STORAGE = external
);
COMMENT ON TYPE vector IS 'single-precision vector';

-- The elements of a vector, checked as pgvector checks its input. The text
-- is valid JSON (vector_in is json_in), which cannot hold NaN or infinities;
-- anything but a flat array of numbers (a nested array, a string, an
-- object) leaves an element that fails the cast to real.
CREATE FUNCTION vector_to_float4(v vector, typmod integer, explicit boolean) RETURNS real[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  t text := btrim(v::text);
  a real[];
BEGIN
  IF left(t, 1) <> '[' OR right(t, 1) <> ']' THEN
    RAISE EXCEPTION 'invalid input syntax for type vector: "%"', t USING ERRCODE = '22P02';
  END IF;
  a := string_to_array(substr(t, 2, length(t) - 2), ',')::real[];
  IF coalesce(cardinality(a), 0) = 0 THEN
    RAISE EXCEPTION 'vector must have at least 1 dimension' USING ERRCODE = '22000';
  END IF;
  IF cardinality(a) > 16000 THEN
    RAISE EXCEPTION 'vector cannot have more than 16000 dimensions' USING ERRCODE = '54000';
  END IF;
  IF typmod > 0 AND cardinality(a) <> typmod - 4 THEN
    RAISE EXCEPTION 'expected % dimensions, not %', typmod - 4, cardinality(a) USING ERRCODE = '22000';
  END IF;
  RETURN a;
END
$fn$;
COMMENT ON FUNCTION vector_to_float4(vector, integer, boolean) IS 'convert vector to float4 array';

-- The typmod holds the dimensions plus 4 (the core varchar typmod functions make it so).
CREATE FUNCTION array_to_vector(real[], integer, boolean) RETURNS vector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  v vector;
BEGIN
  IF array_ndims($1) IS DISTINCT FROM 1 THEN
    RAISE EXCEPTION 'array must be 1-D' USING ERRCODE = '2202E';
  END IF;
  IF array_position($1, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'array must not contain nulls' USING ERRCODE = '22004';
  END IF;
  IF 'NaN'::real = ANY ($1) THEN
    RAISE EXCEPTION 'NaN not allowed in vector' USING ERRCODE = '22000';
  END IF;
  IF 'Infinity'::real = ANY ($1) OR '-Infinity'::real = ANY ($1) THEN
    RAISE EXCEPTION 'infinite value not allowed in vector' USING ERRCODE = '22000';
  END IF;
  v := ('[' || array_to_string($1, ',') || ']')::vector;
  PERFORM vector_to_float4(v, $2, $3);
  RETURN v;
END
$fn$;
COMMENT ON FUNCTION array_to_vector(real[], integer, boolean) IS 'convert float4 array to vector';
CREATE FUNCTION array_to_vector(integer[], integer, boolean) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT array_to_vector($1::real[], $2, $3) $fn$;
COMMENT ON FUNCTION array_to_vector(integer[], integer, boolean) IS 'convert int4 array to vector';
CREATE FUNCTION array_to_vector(double precision[], integer, boolean) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT array_to_vector($1::real[], $2, $3) $fn$;
COMMENT ON FUNCTION array_to_vector(double precision[], integer, boolean) IS 'convert float8 array to vector';
CREATE FUNCTION array_to_vector(numeric[], integer, boolean) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT array_to_vector($1::real[], $2, $3) $fn$;
COMMENT ON FUNCTION array_to_vector(numeric[], integer, boolean) IS 'convert numeric array to vector';

-- Applying the typmod checks the dimensions and writes the value as pgvector does.
CREATE FUNCTION vector(vector, integer, boolean) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_vector(vector_to_float4($1, $2, $3), -1, false)
$fn$;
COMMENT ON FUNCTION vector(vector, integer, boolean) IS 'adjust vector to typmod';

CREATE CAST (vector AS vector) WITH FUNCTION vector(vector, integer, boolean) AS IMPLICIT;
CREATE CAST (vector AS real[]) WITH FUNCTION vector_to_float4(vector, integer, boolean) AS IMPLICIT;
CREATE CAST (integer[] AS vector) WITH FUNCTION array_to_vector(integer[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (real[] AS vector) WITH FUNCTION array_to_vector(real[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (double precision[] AS vector) WITH FUNCTION array_to_vector(double precision[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (numeric[] AS vector) WITH FUNCTION array_to_vector(numeric[], integer, boolean) AS ASSIGNMENT;

-- Both vectors' elements, after checking they have the same dimensions.
CREATE FUNCTION vector_standin_pair(a vector, b vector, OUT x real[], OUT y real[])
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
BEGIN
  x := vector_to_float4(a, -1, false);
  y := vector_to_float4(b, -1, false);
  IF cardinality(x) <> cardinality(y) THEN
    RAISE EXCEPTION 'different vector dimensions % and %', cardinality(x), cardinality(y) USING ERRCODE = '22000';
  END IF;
END
$fn$;

-- Sums in single precision (real + real is real), as pgvector's loops sum floats.
CREATE FUNCTION vector_l2_squared_distance(vector, vector) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT sum((p - q) * (p - q))::float8 FROM vector_standin_pair($1, $2) v, unnest(v.x, v.y) AS t(p, q)
$fn$;
COMMENT ON FUNCTION vector_l2_squared_distance(vector, vector) IS 'squared Euclidean distance';
CREATE FUNCTION l2_distance(vector, vector) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT sqrt(vector_l2_squared_distance($1, $2)) $fn$;
COMMENT ON FUNCTION l2_distance(vector, vector) IS 'Euclidean distance';
CREATE FUNCTION inner_product(vector, vector) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT sum(p * q)::float8 FROM vector_standin_pair($1, $2) v, unnest(v.x, v.y) AS t(p, q)
$fn$;
COMMENT ON FUNCTION inner_product(vector, vector) IS 'inner product';
CREATE FUNCTION vector_negative_inner_product(vector, vector) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT -inner_product($1, $2) $fn$;
COMMENT ON FUNCTION vector_negative_inner_product(vector, vector) IS 'negative inner product';
CREATE FUNCTION cosine_distance(vector, vector) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT CASE WHEN s.na::float8 * s.nb::float8 = 0 THEN 'NaN'::float8
              ELSE 1.0 - greatest(-1.0, least(1.0, s.dot::float8 / sqrt(s.na::float8 * s.nb::float8))) END
  FROM (SELECT sum(p * q) AS dot, sum(p * p) AS na, sum(q * q) AS nb
        FROM vector_standin_pair($1, $2) v, unnest(v.x, v.y) AS t(p, q)) s
$fn$;
COMMENT ON FUNCTION cosine_distance(vector, vector) IS 'cosine distance';
CREATE FUNCTION l1_distance(vector, vector) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT sum(abs(p - q))::float8 FROM vector_standin_pair($1, $2) v, unnest(v.x, v.y) AS t(p, q)
$fn$;
COMMENT ON FUNCTION l1_distance(vector, vector) IS 'taxicab distance';
CREATE FUNCTION vector_spherical_distance(vector, vector) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT acos(greatest(-1.0, least(1.0, inner_product($1, $2)))) / pi()
$fn$;
COMMENT ON FUNCTION vector_spherical_distance(vector, vector) IS 'spherical distance';
CREATE FUNCTION vector_dims(vector) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT cardinality(vector_to_float4($1, -1, false)) $fn$;
COMMENT ON FUNCTION vector_dims(vector) IS 'number of dimensions';
-- The norm sums in double precision, as pgvector's does.
CREATE FUNCTION vector_norm(vector) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT sqrt(sum(p::float8 * p::float8)) FROM unnest(vector_to_float4($1, -1, false)) AS t(p)
$fn$;
COMMENT ON FUNCTION vector_norm(vector) IS 'Euclidean norm';
CREATE FUNCTION l2_normalize(vector) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT CASE WHEN n.norm > 0
    THEN array_to_vector(ARRAY(SELECT (p / n.norm)::real FROM unnest(n.a) WITH ORDINALITY AS t(p, i) ORDER BY i), -1, false)
    ELSE $1 END
  FROM (SELECT a, (SELECT sqrt(sum(p::float8 * p::float8)) FROM unnest(a) AS t(p)) AS norm
        FROM (SELECT vector_to_float4($1, -1, false) AS a) s) n
$fn$;
COMMENT ON FUNCTION l2_normalize(vector) IS 'normalize with Euclidean norm';
CREATE FUNCTION binary_quantize(vector) RETURNS bit
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  -- A bit varying of the whole length: bit with no length would be bit(1) in a cast.
  SELECT string_agg(CASE WHEN p > 0 THEN '1' ELSE '0' END, '' ORDER BY i)::bit varying
  FROM unnest(vector_to_float4($1, -1, false)) WITH ORDINALITY AS t(p, i)
$fn$;
COMMENT ON FUNCTION binary_quantize(vector) IS 'binary quantize';
CREATE FUNCTION subvector(vector, integer, integer) RETURNS vector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  a real[] := vector_to_float4($1, -1, false);
  first integer := greatest($2, 1);
  last integer := least($2::bigint + $3 - 1, cardinality(a))::integer;
BEGIN
  IF $3 < 1 OR last < first THEN
    RAISE EXCEPTION 'vector must have at least 1 dimension' USING ERRCODE = '22000';
  END IF;
  RETURN array_to_vector(a[first:last], -1, false);
END
$fn$;
COMMENT ON FUNCTION subvector(vector, integer, integer) IS 'subvector';

CREATE FUNCTION vector_add(vector, vector) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_vector(ARRAY(SELECT p + q FROM vector_standin_pair($1, $2) v, unnest(v.x, v.y) WITH ORDINALITY AS t(p, q, i) ORDER BY i), -1, false)
$fn$;
COMMENT ON FUNCTION vector_add(vector, vector) IS 'implementation of + operator';
CREATE FUNCTION vector_sub(vector, vector) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_vector(ARRAY(SELECT p - q FROM vector_standin_pair($1, $2) v, unnest(v.x, v.y) WITH ORDINALITY AS t(p, q, i) ORDER BY i), -1, false)
$fn$;
COMMENT ON FUNCTION vector_sub(vector, vector) IS 'implementation of - operator';
CREATE FUNCTION vector_mul(vector, vector) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_vector(ARRAY(SELECT p * q FROM vector_standin_pair($1, $2) v, unnest(v.x, v.y) WITH ORDINALITY AS t(p, q, i) ORDER BY i), -1, false)
$fn$;
COMMENT ON FUNCTION vector_mul(vector, vector) IS 'implementation of * operator';
CREATE FUNCTION vector_concat(vector, vector) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_vector(vector_to_float4($1, -1, false) || vector_to_float4($2, -1, false), -1, false)
$fn$;
COMMENT ON FUNCTION vector_concat(vector, vector) IS 'implementation of || operator';

-- Element by element, then the shorter first: real[] comparison does exactly that.
CREATE FUNCTION vector_cmp(vector, vector) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT btarraycmp(vector_to_float4($1, -1, false), vector_to_float4($2, -1, false))
$fn$;
COMMENT ON FUNCTION vector_cmp(vector, vector) IS 'less-equal-greater';
CREATE FUNCTION vector_lt(vector, vector) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_cmp($1, $2) < 0 $fn$;
CREATE FUNCTION vector_le(vector, vector) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_cmp($1, $2) <= 0 $fn$;
CREATE FUNCTION vector_eq(vector, vector) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_cmp($1, $2) = 0 $fn$;
CREATE FUNCTION vector_ne(vector, vector) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_cmp($1, $2) <> 0 $fn$;
CREATE FUNCTION vector_ge(vector, vector) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_cmp($1, $2) >= 0 $fn$;
CREATE FUNCTION vector_gt(vector, vector) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_cmp($1, $2) > 0 $fn$;

-- avg keeps the count and the sums in double precision, as pgvector's does.
CREATE FUNCTION vector_accum(double precision[], vector) RETURNS double precision[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  a real[] := vector_to_float4($2, -1, false);
BEGIN
  IF $1[1] = 0 THEN
    RETURN ARRAY[1::float8] || a::float8[];
  END IF;
  IF cardinality($1) - 1 <> cardinality(a) THEN
    RAISE EXCEPTION 'expected % dimensions, not %', cardinality($1) - 1, cardinality(a) USING ERRCODE = '22000';
  END IF;
  RETURN ARRAY[$1[1] + 1] || ARRAY(SELECT s + p FROM unnest($1[2:], a) WITH ORDINALITY AS t(s, p, i) ORDER BY i);
END
$fn$;
COMMENT ON FUNCTION vector_accum(double precision[], vector) IS 'aggregate transition function';
CREATE FUNCTION vector_combine(double precision[], double precision[]) RETURNS double precision[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT CASE WHEN $1[1] = 0 THEN $2 WHEN $2[1] = 0 THEN $1
    ELSE ARRAY(SELECT s + t FROM unnest($1, $2) WITH ORDINALITY AS u(s, t, i) ORDER BY i) END
$fn$;
COMMENT ON FUNCTION vector_combine(double precision[], double precision[]) IS 'aggregate combine function';
CREATE FUNCTION vector_avg(double precision[]) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT CASE WHEN $1[1] = 0 THEN NULL
    ELSE array_to_vector(ARRAY(SELECT (s / $1[1])::real FROM unnest($1[2:]) WITH ORDINALITY AS t(s, i) ORDER BY i), -1, false) END
$fn$;
COMMENT ON FUNCTION vector_avg(double precision[]) IS 'aggregate final function';
CREATE AGGREGATE avg(vector) (SFUNC = vector_accum, STYPE = double precision[], FINALFUNC = vector_avg, COMBINEFUNC = vector_combine, INITCOND = '{0}', PARALLEL = SAFE);
CREATE AGGREGATE sum(vector) (SFUNC = vector_add, STYPE = vector, COMBINEFUNC = vector_add, PARALLEL = SAFE);

CREATE OPERATOR <-> (LEFTARG = vector, RIGHTARG = vector, FUNCTION = l2_distance, COMMUTATOR = '<->');
CREATE OPERATOR <#> (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_negative_inner_product, COMMUTATOR = '<#>');
CREATE OPERATOR <=> (LEFTARG = vector, RIGHTARG = vector, FUNCTION = cosine_distance, COMMUTATOR = '<=>');
CREATE OPERATOR <+> (LEFTARG = vector, RIGHTARG = vector, FUNCTION = l1_distance, COMMUTATOR = '<+>');
CREATE OPERATOR + (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_add, COMMUTATOR = +);
CREATE OPERATOR - (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_sub);
CREATE OPERATOR * (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_mul, COMMUTATOR = *);
CREATE OPERATOR || (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_concat);
CREATE OPERATOR < (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_lt, COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_le, COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR = (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_eq, COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR <> (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_ne, COMMUTATOR = <>, NEGATOR = =, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR >= (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_ge, COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR > (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_gt, COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);

CREATE OPERATOR CLASS vector_ops DEFAULT FOR TYPE vector USING btree AS
  OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
  FUNCTION 1 vector_cmp(vector, vector);

-- The index access methods: core hash indexes underneath (see the top).
CREATE FUNCTION ivfflathandler(internal) RETURNS index_am_handler LANGUAGE internal AS 'hashhandler';
COMMENT ON FUNCTION ivfflathandler(internal) IS 'ivfflat index access method handler';
CREATE ACCESS METHOD ivfflat TYPE INDEX HANDLER ivfflathandler;
COMMENT ON ACCESS METHOD ivfflat IS 'ivfflat index access method';
CREATE FUNCTION hnswhandler(internal) RETURNS index_am_handler LANGUAGE internal AS 'hashhandler';
COMMENT ON FUNCTION hnswhandler(internal) IS 'hnsw index access method handler';
CREATE ACCESS METHOD hnsw TYPE INDEX HANDLER hnswhandler;
COMMENT ON ACCESS METHOD hnsw IS 'hnsw index access method';
-- Hashes the stored text, whatever its size.
CREATE FUNCTION vector_standin_hash(vector) RETURNS integer LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'hashvarlena';

CREATE OPERATOR CLASS vector_l2_ops DEFAULT FOR TYPE vector USING ivfflat AS FUNCTION 1 vector_standin_hash(vector);
CREATE OPERATOR CLASS vector_ip_ops FOR TYPE vector USING ivfflat AS FUNCTION 1 vector_standin_hash(vector);
CREATE OPERATOR CLASS vector_cosine_ops FOR TYPE vector USING ivfflat AS FUNCTION 1 vector_standin_hash(vector);
CREATE OPERATOR CLASS vector_l2_ops FOR TYPE vector USING hnsw AS FUNCTION 1 vector_standin_hash(vector);
CREATE OPERATOR CLASS vector_ip_ops FOR TYPE vector USING hnsw AS FUNCTION 1 vector_standin_hash(vector);
CREATE OPERATOR CLASS vector_cosine_ops FOR TYPE vector USING hnsw AS FUNCTION 1 vector_standin_hash(vector);
CREATE OPERATOR CLASS vector_l1_ops FOR TYPE vector USING hnsw AS FUNCTION 1 vector_standin_hash(vector);

-- halfvec: half-precision vectors, kept like vector (text, typmod of the
-- dimensions plus 4). Every value is rounded to half precision (to nearest,
-- ties to even, as pgvector converts) when it comes in; distances are
-- computed as for vector, on those values, as pgvector computes them.
CREATE TYPE halfvec;
CREATE FUNCTION halfvec_in(cstring) RETURNS halfvec LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'json_in';
CREATE FUNCTION halfvec_out(halfvec) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'json_out';
CREATE FUNCTION halfvec_typmod_in(cstring[]) RETURNS integer LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'varchartypmodin';
CREATE FUNCTION halfvec_typmod_out(integer) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'varchartypmodout';
CREATE TYPE halfvec (
  INPUT = halfvec_in,
  OUTPUT = halfvec_out,
  TYPMOD_IN = halfvec_typmod_in,
  TYPMOD_OUT = halfvec_typmod_out,
  INTERNALLENGTH = VARIABLE,
  STORAGE = external
);
COMMENT ON TYPE halfvec IS 'half-precision vector';

-- Each element rounded to the nearest half-precision value (11 significant
-- bits, exponents down to -14, then subnormal steps of 2^-24; ties to even,
-- which round() on double precision does).
CREATE FUNCTION halfvec_standin_round(a real[]) RETURNS real[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  out real[] := '{}';
  x float8;
  e integer;
  q float8;
  r float8;
BEGIN
  FOREACH x IN ARRAY a LOOP
    IF x = 0 THEN
      out := out || x::real;
      CONTINUE;
    END IF;
    e := floor(ln(abs(x)) / ln(2.0::float8));
    -- Powers of two are exact in double precision: correct the logarithm's last bit.
    IF 2.0::float8 ^ (e + 1) <= abs(x) THEN e := e + 1; ELSIF 2.0::float8 ^ e > abs(x) THEN e := e - 1; END IF;
    q := 2.0::float8 ^ (greatest(e, -14) - 10);
    r := round(x / q) * q;
    IF abs(r) > 65504 THEN
      RAISE EXCEPTION '"%" is out of range for type halfvec', x USING ERRCODE = '22003';
    END IF;
    out := out || r::real;
  END LOOP;
  RETURN out;
END
$fn$;

CREATE FUNCTION halfvec_to_float4(halfvec, integer, boolean) RETURNS real[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT vector_to_float4($1::text::vector, $2, $3)
$fn$;
COMMENT ON FUNCTION halfvec_to_float4(halfvec, integer, boolean) IS 'convert halfvec to float4 array';
CREATE FUNCTION array_to_halfvec(real[], integer, boolean) RETURNS halfvec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_vector(halfvec_standin_round($1), $2, $3)::text::halfvec
$fn$;
COMMENT ON FUNCTION array_to_halfvec(real[], integer, boolean) IS 'convert float4 array to halfvec';
CREATE FUNCTION array_to_halfvec(integer[], integer, boolean) RETURNS halfvec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT array_to_halfvec($1::real[], $2, $3) $fn$;
COMMENT ON FUNCTION array_to_halfvec(integer[], integer, boolean) IS 'convert int4 array to halfvec';
CREATE FUNCTION array_to_halfvec(double precision[], integer, boolean) RETURNS halfvec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT array_to_halfvec($1::real[], $2, $3) $fn$;
COMMENT ON FUNCTION array_to_halfvec(double precision[], integer, boolean) IS 'convert float8 array to halfvec';
CREATE FUNCTION array_to_halfvec(numeric[], integer, boolean) RETURNS halfvec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT array_to_halfvec($1::real[], $2, $3) $fn$;
COMMENT ON FUNCTION array_to_halfvec(numeric[], integer, boolean) IS 'convert numeric array to halfvec';
-- Applying the typmod rounds and checks, so every stored halfvec holds half-precision values.
CREATE FUNCTION halfvec(halfvec, integer, boolean) RETURNS halfvec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_halfvec(halfvec_to_float4($1, $2, $3), -1, false)
$fn$;
COMMENT ON FUNCTION halfvec(halfvec, integer, boolean) IS 'adjust halfvec to typmod';
CREATE FUNCTION halfvec_to_vector(halfvec, integer, boolean) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_vector(halfvec_standin_round(halfvec_to_float4($1, $2, $3)), -1, false)
$fn$;
COMMENT ON FUNCTION halfvec_to_vector(halfvec, integer, boolean) IS 'convert halfvec to vector';
CREATE FUNCTION vector_to_halfvec(vector, integer, boolean) RETURNS halfvec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_halfvec(vector_to_float4($1, $2, $3), -1, false)
$fn$;
COMMENT ON FUNCTION vector_to_halfvec(vector, integer, boolean) IS 'convert vector to halfvec';

CREATE CAST (halfvec AS halfvec) WITH FUNCTION halfvec(halfvec, integer, boolean) AS IMPLICIT;
CREATE CAST (halfvec AS vector) WITH FUNCTION halfvec_to_vector(halfvec, integer, boolean) AS ASSIGNMENT;
CREATE CAST (vector AS halfvec) WITH FUNCTION vector_to_halfvec(vector, integer, boolean) AS IMPLICIT;
CREATE CAST (halfvec AS real[]) WITH FUNCTION halfvec_to_float4(halfvec, integer, boolean) AS ASSIGNMENT;
CREATE CAST (integer[] AS halfvec) WITH FUNCTION array_to_halfvec(integer[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (real[] AS halfvec) WITH FUNCTION array_to_halfvec(real[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (double precision[] AS halfvec) WITH FUNCTION array_to_halfvec(double precision[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (numeric[] AS halfvec) WITH FUNCTION array_to_halfvec(numeric[], integer, boolean) AS ASSIGNMENT;

-- Distances: the vector ones, on the half-precision values.
CREATE FUNCTION l2_distance(halfvec, halfvec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT l2_distance(halfvec_to_vector($1, -1, false), halfvec_to_vector($2, -1, false)) $fn$;
COMMENT ON FUNCTION l2_distance(halfvec, halfvec) IS 'Euclidean distance';
CREATE FUNCTION halfvec_l2_squared_distance(halfvec, halfvec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_l2_squared_distance(halfvec_to_vector($1, -1, false), halfvec_to_vector($2, -1, false)) $fn$;
COMMENT ON FUNCTION halfvec_l2_squared_distance(halfvec, halfvec) IS 'squared Euclidean distance';
CREATE FUNCTION inner_product(halfvec, halfvec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT inner_product(halfvec_to_vector($1, -1, false), halfvec_to_vector($2, -1, false)) $fn$;
COMMENT ON FUNCTION inner_product(halfvec, halfvec) IS 'inner product';
CREATE FUNCTION halfvec_negative_inner_product(halfvec, halfvec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT -inner_product($1, $2) $fn$;
COMMENT ON FUNCTION halfvec_negative_inner_product(halfvec, halfvec) IS 'negative inner product';
CREATE FUNCTION cosine_distance(halfvec, halfvec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT cosine_distance(halfvec_to_vector($1, -1, false), halfvec_to_vector($2, -1, false)) $fn$;
COMMENT ON FUNCTION cosine_distance(halfvec, halfvec) IS 'cosine distance';
CREATE FUNCTION l1_distance(halfvec, halfvec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT l1_distance(halfvec_to_vector($1, -1, false), halfvec_to_vector($2, -1, false)) $fn$;
COMMENT ON FUNCTION l1_distance(halfvec, halfvec) IS 'taxicab distance';
CREATE FUNCTION vector_dims(halfvec) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT cardinality(halfvec_to_float4($1, -1, false)) $fn$;
COMMENT ON FUNCTION vector_dims(halfvec) IS 'number of dimensions';
CREATE FUNCTION l2_norm(halfvec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_norm(halfvec_to_vector($1, -1, false)) $fn$;
COMMENT ON FUNCTION l2_norm(halfvec) IS 'Euclidean norm';
CREATE FUNCTION l2_normalize(halfvec) RETURNS halfvec LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_halfvec(l2_normalize(halfvec_to_vector($1, -1, false)), -1, false) $fn$;
COMMENT ON FUNCTION l2_normalize(halfvec) IS 'normalize with Euclidean norm';
CREATE FUNCTION halfvec_cmp(halfvec, halfvec) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT btarraycmp(halfvec_to_float4($1, -1, false), halfvec_to_float4($2, -1, false)) $fn$;
COMMENT ON FUNCTION halfvec_cmp(halfvec, halfvec) IS 'less-equal-greater';
CREATE FUNCTION halfvec_lt(halfvec, halfvec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT halfvec_cmp($1, $2) < 0 $fn$;
CREATE FUNCTION halfvec_le(halfvec, halfvec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT halfvec_cmp($1, $2) <= 0 $fn$;
CREATE FUNCTION halfvec_eq(halfvec, halfvec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT halfvec_cmp($1, $2) = 0 $fn$;
CREATE FUNCTION halfvec_ne(halfvec, halfvec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT halfvec_cmp($1, $2) <> 0 $fn$;
CREATE FUNCTION halfvec_ge(halfvec, halfvec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT halfvec_cmp($1, $2) >= 0 $fn$;
CREATE FUNCTION halfvec_gt(halfvec, halfvec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT halfvec_cmp($1, $2) > 0 $fn$;

CREATE OPERATOR <-> (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = l2_distance, COMMUTATOR = '<->');
CREATE OPERATOR <#> (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_negative_inner_product, COMMUTATOR = '<#>');
CREATE OPERATOR <=> (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = cosine_distance, COMMUTATOR = '<=>');
CREATE OPERATOR <+> (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = l1_distance, COMMUTATOR = '<+>');
CREATE OPERATOR < (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_lt, COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_le, COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR = (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_eq, COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR <> (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_ne, COMMUTATOR = <>, NEGATOR = =, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR >= (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_ge, COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR > (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_gt, COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);

CREATE OPERATOR CLASS halfvec_ops DEFAULT FOR TYPE halfvec USING btree AS
  OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
  FUNCTION 1 halfvec_cmp(halfvec, halfvec);
CREATE FUNCTION halfvec_standin_hash(halfvec) RETURNS integer LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'hashvarlena';
CREATE OPERATOR CLASS halfvec_l2_ops FOR TYPE halfvec USING ivfflat AS FUNCTION 1 halfvec_standin_hash(halfvec);
CREATE OPERATOR CLASS halfvec_ip_ops FOR TYPE halfvec USING ivfflat AS FUNCTION 1 halfvec_standin_hash(halfvec);
CREATE OPERATOR CLASS halfvec_cosine_ops FOR TYPE halfvec USING ivfflat AS FUNCTION 1 halfvec_standin_hash(halfvec);
CREATE OPERATOR CLASS halfvec_l2_ops FOR TYPE halfvec USING hnsw AS FUNCTION 1 halfvec_standin_hash(halfvec);
CREATE OPERATOR CLASS halfvec_ip_ops FOR TYPE halfvec USING hnsw AS FUNCTION 1 halfvec_standin_hash(halfvec);
CREATE OPERATOR CLASS halfvec_cosine_ops FOR TYPE halfvec USING hnsw AS FUNCTION 1 halfvec_standin_hash(halfvec);
CREATE OPERATOR CLASS halfvec_l1_ops FOR TYPE halfvec USING hnsw AS FUNCTION 1 halfvec_standin_hash(halfvec);

-- halfvec's other functions: computed as for vector, the results rounded to
-- half precision as pgvector rounds them.
CREATE FUNCTION binary_quantize(halfvec) RETURNS bit LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT binary_quantize(halfvec_to_vector($1, -1, false)) $fn$;
COMMENT ON FUNCTION binary_quantize(halfvec) IS 'binary quantize';
CREATE FUNCTION subvector(halfvec, integer, integer) RETURNS halfvec LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_halfvec(subvector(halfvec_to_vector($1, -1, false), $2, $3), -1, false) $fn$;
COMMENT ON FUNCTION subvector(halfvec, integer, integer) IS 'subvector';
CREATE FUNCTION halfvec_add(halfvec, halfvec) RETURNS halfvec LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_halfvec(vector_add(halfvec_to_vector($1, -1, false), halfvec_to_vector($2, -1, false)), -1, false) $fn$;
COMMENT ON FUNCTION halfvec_add(halfvec, halfvec) IS 'implementation of + operator';
CREATE FUNCTION halfvec_sub(halfvec, halfvec) RETURNS halfvec LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_halfvec(vector_sub(halfvec_to_vector($1, -1, false), halfvec_to_vector($2, -1, false)), -1, false) $fn$;
COMMENT ON FUNCTION halfvec_sub(halfvec, halfvec) IS 'implementation of - operator';
CREATE FUNCTION halfvec_mul(halfvec, halfvec) RETURNS halfvec LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_halfvec(vector_mul(halfvec_to_vector($1, -1, false), halfvec_to_vector($2, -1, false)), -1, false) $fn$;
COMMENT ON FUNCTION halfvec_mul(halfvec, halfvec) IS 'implementation of * operator';
CREATE FUNCTION halfvec_concat(halfvec, halfvec) RETURNS halfvec LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_halfvec(vector_concat(halfvec_to_vector($1, -1, false), halfvec_to_vector($2, -1, false)), -1, false) $fn$;
COMMENT ON FUNCTION halfvec_concat(halfvec, halfvec) IS 'implementation of || operator';
CREATE OPERATOR + (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_add, COMMUTATOR = +);
CREATE OPERATOR - (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_sub);
CREATE OPERATOR * (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_mul, COMMUTATOR = *);
CREATE OPERATOR || (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_concat);
CREATE FUNCTION halfvec_accum(double precision[], halfvec) RETURNS double precision[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_accum($1, halfvec_to_vector($2, -1, false)) $fn$;
CREATE FUNCTION halfvec_avg(double precision[]) RETURNS halfvec LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_halfvec(vector_avg($1), -1, false) $fn$;
CREATE FUNCTION halfvec_combine(double precision[], double precision[]) RETURNS double precision[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_combine($1, $2) $fn$;
CREATE AGGREGATE avg(halfvec) (SFUNC = halfvec_accum, STYPE = double precision[], FINALFUNC = halfvec_avg, COMBINEFUNC = halfvec_combine, INITCOND = '{0}', PARALLEL = SAFE);
CREATE AGGREGATE sum(halfvec) (SFUNC = halfvec_add, STYPE = halfvec, COMBINEFUNC = halfvec_add, PARALLEL = SAFE);

-- bit: PostgreSQL's own bit strings (what binary_quantize returns), with
-- pgvector's Hamming and Jaccard distances, operators and index classes.
CREATE FUNCTION bit_standin_check(a bit, b bit) RETURNS void
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
BEGIN
  IF length(a) <> length(b) THEN
    RAISE EXCEPTION 'different bit lengths % and %', length(a), length(b) USING ERRCODE = '22000';
  END IF;
END
$fn$;
CREATE FUNCTION hamming_distance(bit, bit) RETURNS float8
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
BEGIN
  PERFORM bit_standin_check($1, $2);
  RETURN bit_count($1 # $2)::float8;
END
$fn$;
COMMENT ON FUNCTION hamming_distance(bit, bit) IS 'Hamming distance';
-- 1 - |a AND b| / |a OR b|; 1 when no bit is set in both, as pgvector.
CREATE FUNCTION jaccard_distance(bit, bit) RETURNS float8
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  ab bigint;
BEGIN
  PERFORM bit_standin_check($1, $2);
  ab := bit_count($1 & $2);
  IF ab = 0 THEN RETURN 1; END IF;
  RETURN 1 - ab / (bit_count($1) + bit_count($2) - ab)::float8;
END
$fn$;
COMMENT ON FUNCTION jaccard_distance(bit, bit) IS 'Jaccard distance';
CREATE OPERATOR <~> (LEFTARG = bit, RIGHTARG = bit, FUNCTION = hamming_distance, COMMUTATOR = '<~>');
CREATE OPERATOR <%> (LEFTARG = bit, RIGHTARG = bit, FUNCTION = jaccard_distance, COMMUTATOR = '<%>');
CREATE FUNCTION bit_standin_hash(bit) RETURNS integer LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'hashvarlena';
CREATE OPERATOR CLASS bit_hamming_ops FOR TYPE bit USING ivfflat AS FUNCTION 1 bit_standin_hash(bit);
CREATE OPERATOR CLASS bit_hamming_ops FOR TYPE bit USING hnsw AS FUNCTION 1 bit_standin_hash(bit);
CREATE OPERATOR CLASS bit_jaccard_ops FOR TYPE bit USING hnsw AS FUNCTION 1 bit_standin_hash(bit);

-- sparsevec: kept as its text ('{1:1.5,3:2}/5': 1-based indices of the
-- non-zero elements, then the dimensions), checked and written as pgvector
-- writes it (indices sorted, zeros left out) by the typmod and by every
-- function; distances are the vector ones over the union of both values'
-- indices, which is what pgvector sums, in the same order.
CREATE TYPE sparsevec;
CREATE FUNCTION sparsevec_in(cstring) RETURNS sparsevec LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'textin';
CREATE FUNCTION sparsevec_out(sparsevec) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'textout';
CREATE FUNCTION sparsevec_typmod_in(cstring[]) RETURNS integer LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'varchartypmodin';
CREATE FUNCTION sparsevec_typmod_out(integer) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'varchartypmodout';
CREATE TYPE sparsevec (
  INPUT = sparsevec_in,
  OUTPUT = sparsevec_out,
  TYPMOD_IN = sparsevec_typmod_in,
  TYPMOD_OUT = sparsevec_typmod_out,
  INTERNALLENGTH = VARIABLE,
  STORAGE = external
);
COMMENT ON TYPE sparsevec IS 'sparse vector';

CREATE FUNCTION sparsevec_standin_parse(s sparsevec, typmod integer, OUT dim integer, OUT idx integer[], OUT val real[])
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  t text := btrim(s::text);
  m text[];
  kv text[];
  e text;
  v real;
  ii integer[] := '{}';
  vv real[] := '{}';
BEGIN
  m := regexp_match(t, '^\{([^{}]*)\}\s*/\s*([+-]?[0-9]+)$');
  IF m IS NULL OR length(m[2]) > 11 THEN
    RAISE EXCEPTION 'invalid input syntax for type sparsevec: "%"', t USING ERRCODE = '22P02';
  END IF;
  IF m[2]::bigint < 1 THEN
    RAISE EXCEPTION 'sparsevec must have at least 1 dimension' USING ERRCODE = '22000';
  END IF;
  IF m[2]::bigint > 1000000000 THEN
    RAISE EXCEPTION 'sparsevec cannot have more than 1000000000 dimensions' USING ERRCODE = '54000';
  END IF;
  dim := m[2]::integer;
  IF typmod > 0 AND dim <> typmod - 4 THEN
    RAISE EXCEPTION 'expected % dimensions, not %', typmod - 4, dim USING ERRCODE = '22000';
  END IF;
  IF btrim(m[1]) = '' THEN
    idx := '{}'; val := '{}';
    RETURN;
  END IF;
  FOREACH e IN ARRAY string_to_array(m[1], ',') LOOP
    kv := regexp_match(e, '^\s*([+-]?[0-9]{1,11})\s*:\s*(\S+)\s*$');
    IF kv IS NULL THEN
      RAISE EXCEPTION 'invalid input syntax for type sparsevec: "%"', t USING ERRCODE = '22P02';
    END IF;
    BEGIN
      v := kv[2]::real;
    EXCEPTION WHEN invalid_text_representation THEN
      RAISE EXCEPTION 'invalid input syntax for type sparsevec: "%"', t USING ERRCODE = '22P02';
    END;
    IF v = 'NaN'::real THEN
      RAISE EXCEPTION 'NaN not allowed in sparsevec' USING ERRCODE = '22000';
    END IF;
    IF v IN ('Infinity'::real, '-Infinity'::real) THEN
      RAISE EXCEPTION 'infinite value not allowed in sparsevec' USING ERRCODE = '22000';
    END IF;
    IF kv[1]::bigint < 1 OR kv[1]::bigint > dim THEN
      RAISE EXCEPTION 'sparsevec index out of bounds' USING ERRCODE = '22000';
    END IF;
    -- Zeros are not stored.
    IF v <> 0 THEN
      ii := ii || kv[1]::integer;
      vv := vv || v;
    END IF;
  END LOOP;
  IF cardinality(ii) > 16000 THEN
    RAISE EXCEPTION 'sparsevec cannot have more than 16000 non-zero elements' USING ERRCODE = '54000';
  END IF;
  IF (SELECT count(DISTINCT i) FROM unnest(ii) AS i) < cardinality(ii) THEN
    RAISE EXCEPTION 'sparsevec indices must not contain duplicates' USING ERRCODE = '22000';
  END IF;
  SELECT coalesce(array_agg(i ORDER BY i), '{}'), coalesce(array_agg(x ORDER BY i), '{}') INTO idx, val
  FROM unnest(ii, vv) AS u(i, x);
END
$fn$;

CREATE FUNCTION sparsevec_standin_make(dim integer, idx integer[], val real[]) RETURNS sparsevec
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT ('{' || coalesce((SELECT string_agg(i || ':' || v::text, ',' ORDER BY o) FROM unnest(idx, val) WITH ORDINALITY AS t(i, v, o) WHERE v <> 0), '') || '}/' || dim)::text::sparsevec
$fn$;

-- Applying the typmod checks the value and writes it as pgvector does.
CREATE FUNCTION sparsevec(sparsevec, integer, boolean) RETURNS sparsevec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT sparsevec_standin_make(p.dim, p.idx, p.val) FROM sparsevec_standin_parse($1, $2) p
$fn$;
COMMENT ON FUNCTION sparsevec(sparsevec, integer, boolean) IS 'adjust sparsevec to typmod';
CREATE FUNCTION vector_to_sparsevec(vector, integer, boolean) RETURNS sparsevec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT sparsevec(sparsevec_standin_make(cardinality(a), ARRAY(SELECT i::integer FROM generate_series(1, cardinality(a)) AS i), a), $2, $3)
  FROM (SELECT vector_to_float4($1, -1, false) AS a) s
$fn$;
COMMENT ON FUNCTION vector_to_sparsevec(vector, integer, boolean) IS 'convert vector to sparsevec';
CREATE FUNCTION sparsevec_to_vector(sparsevec, integer, boolean) RETURNS vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT array_to_vector(ARRAY(SELECT coalesce(p.val[array_position(p.idx, g)], 0)::real FROM generate_series(1, p.dim) AS g ORDER BY g), $2, $3)
  FROM sparsevec_standin_parse($1, -1) p
$fn$;
COMMENT ON FUNCTION sparsevec_to_vector(sparsevec, integer, boolean) IS 'convert sparsevec to vector';
CREATE FUNCTION halfvec_to_sparsevec(halfvec, integer, boolean) RETURNS sparsevec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_sparsevec(halfvec_to_vector($1, -1, false), $2, $3) $fn$;
COMMENT ON FUNCTION halfvec_to_sparsevec(halfvec, integer, boolean) IS 'convert halfvec to sparsevec';
CREATE FUNCTION sparsevec_to_halfvec(sparsevec, integer, boolean) RETURNS halfvec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_halfvec(sparsevec_to_vector($1, -1, false), $2, $3) $fn$;
COMMENT ON FUNCTION sparsevec_to_halfvec(sparsevec, integer, boolean) IS 'convert sparsevec to halfvec';
CREATE FUNCTION array_to_sparsevec(real[], integer, boolean) RETURNS sparsevec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_to_sparsevec(array_to_vector($1, -1, false), $2, $3) $fn$;
COMMENT ON FUNCTION array_to_sparsevec(real[], integer, boolean) IS 'convert float4 array to sparsevec';
CREATE FUNCTION array_to_sparsevec(integer[], integer, boolean) RETURNS sparsevec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT array_to_sparsevec($1::real[], $2, $3) $fn$;
COMMENT ON FUNCTION array_to_sparsevec(integer[], integer, boolean) IS 'convert int4 array to sparsevec';
CREATE FUNCTION array_to_sparsevec(double precision[], integer, boolean) RETURNS sparsevec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT array_to_sparsevec($1::real[], $2, $3) $fn$;
COMMENT ON FUNCTION array_to_sparsevec(double precision[], integer, boolean) IS 'convert float8 array to sparsevec';
CREATE FUNCTION array_to_sparsevec(numeric[], integer, boolean) RETURNS sparsevec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT array_to_sparsevec($1::real[], $2, $3) $fn$;
COMMENT ON FUNCTION array_to_sparsevec(numeric[], integer, boolean) IS 'convert numeric array to sparsevec';

CREATE CAST (sparsevec AS sparsevec) WITH FUNCTION sparsevec(sparsevec, integer, boolean) AS IMPLICIT;
CREATE CAST (sparsevec AS vector) WITH FUNCTION sparsevec_to_vector(sparsevec, integer, boolean) AS ASSIGNMENT;
CREATE CAST (vector AS sparsevec) WITH FUNCTION vector_to_sparsevec(vector, integer, boolean) AS IMPLICIT;
CREATE CAST (sparsevec AS halfvec) WITH FUNCTION sparsevec_to_halfvec(sparsevec, integer, boolean) AS ASSIGNMENT;
CREATE CAST (halfvec AS sparsevec) WITH FUNCTION halfvec_to_sparsevec(halfvec, integer, boolean) AS IMPLICIT;
CREATE CAST (integer[] AS sparsevec) WITH FUNCTION array_to_sparsevec(integer[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (real[] AS sparsevec) WITH FUNCTION array_to_sparsevec(real[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (double precision[] AS sparsevec) WITH FUNCTION array_to_sparsevec(double precision[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (numeric[] AS sparsevec) WITH FUNCTION array_to_sparsevec(numeric[], integer, boolean) AS ASSIGNMENT;

-- Both values' elements on the union of their indices, as two vectors (a
-- single 0 when neither has any), after pgvector's dimension check.
CREATE FUNCTION sparsevec_standin_pair(a sparsevec, b sparsevec, OUT x vector, OUT y vector)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  p record;
  q record;
  u integer[];
BEGIN
  SELECT * INTO p FROM sparsevec_standin_parse(a, -1);
  SELECT * INTO q FROM sparsevec_standin_parse(b, -1);
  IF p.dim <> q.dim THEN
    RAISE EXCEPTION 'different sparsevec dimensions % and %', p.dim, q.dim USING ERRCODE = '22000';
  END IF;
  u := ARRAY(SELECT DISTINCT i FROM unnest(p.idx || q.idx) AS i ORDER BY i);
  IF cardinality(u) = 0 THEN u := '{0}'; END IF;
  x := array_to_vector(ARRAY(SELECT coalesce(p.val[array_position(p.idx, i)], 0)::real FROM unnest(u) WITH ORDINALITY AS t(i, o) ORDER BY o), -1, false);
  y := array_to_vector(ARRAY(SELECT coalesce(q.val[array_position(q.idx, i)], 0)::real FROM unnest(u) WITH ORDINALITY AS t(i, o) ORDER BY o), -1, false);
END
$fn$;
CREATE FUNCTION l2_distance(sparsevec, sparsevec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT l2_distance(x, y) FROM sparsevec_standin_pair($1, $2) $fn$;
COMMENT ON FUNCTION l2_distance(sparsevec, sparsevec) IS 'Euclidean distance';
CREATE FUNCTION sparsevec_l2_squared_distance(sparsevec, sparsevec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_l2_squared_distance(x, y) FROM sparsevec_standin_pair($1, $2) $fn$;
COMMENT ON FUNCTION sparsevec_l2_squared_distance(sparsevec, sparsevec) IS 'squared Euclidean distance';
CREATE FUNCTION inner_product(sparsevec, sparsevec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT inner_product(x, y) FROM sparsevec_standin_pair($1, $2) $fn$;
COMMENT ON FUNCTION inner_product(sparsevec, sparsevec) IS 'inner product';
CREATE FUNCTION sparsevec_negative_inner_product(sparsevec, sparsevec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT -inner_product($1, $2) $fn$;
COMMENT ON FUNCTION sparsevec_negative_inner_product(sparsevec, sparsevec) IS 'negative inner product';
CREATE FUNCTION cosine_distance(sparsevec, sparsevec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT cosine_distance(x, y) FROM sparsevec_standin_pair($1, $2) $fn$;
COMMENT ON FUNCTION cosine_distance(sparsevec, sparsevec) IS 'cosine distance';
CREATE FUNCTION l1_distance(sparsevec, sparsevec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT l1_distance(x, y) FROM sparsevec_standin_pair($1, $2) $fn$;
COMMENT ON FUNCTION l1_distance(sparsevec, sparsevec) IS 'taxicab distance';
CREATE FUNCTION l2_norm(sparsevec) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT vector_norm(x) FROM sparsevec_standin_pair($1, $1) $fn$;
COMMENT ON FUNCTION l2_norm(sparsevec) IS 'Euclidean norm';
CREATE FUNCTION l2_normalize(sparsevec) RETURNS sparsevec
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT CASE WHEN cardinality(p.idx) = 0 THEN sparsevec_standin_make(p.dim, p.idx, p.val)
    ELSE sparsevec_standin_make(p.dim, p.idx, vector_to_float4(l2_normalize(array_to_vector(p.val, -1, false)), -1, false)) END
  FROM sparsevec_standin_parse($1, -1) p
$fn$;
COMMENT ON FUNCTION l2_normalize(sparsevec) IS 'normalize with Euclidean norm';
-- pgvector's order: element by element over the stored (non-zero) elements, then by dimensions.
CREATE FUNCTION sparsevec_cmp(sparsevec, sparsevec) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  p record;
  q record;
  n integer;
BEGIN
  SELECT * INTO p FROM sparsevec_standin_parse($1, -1);
  SELECT * INTO q FROM sparsevec_standin_parse($2, -1);
  n := least(cardinality(p.idx), cardinality(q.idx));
  FOR k IN 1..n LOOP
    IF p.idx[k] < q.idx[k] THEN RETURN CASE WHEN p.val[k] < 0 THEN -1 ELSE 1 END; END IF;
    IF p.idx[k] > q.idx[k] THEN RETURN CASE WHEN q.val[k] < 0 THEN 1 ELSE -1 END; END IF;
    IF p.val[k] < q.val[k] THEN RETURN -1; END IF;
    IF p.val[k] > q.val[k] THEN RETURN 1; END IF;
  END LOOP;
  IF cardinality(p.idx) < cardinality(q.idx) AND q.idx[n + 1] <= p.dim THEN
    RETURN CASE WHEN q.val[n + 1] < 0 THEN 1 ELSE -1 END;
  END IF;
  IF cardinality(p.idx) > cardinality(q.idx) AND p.idx[n + 1] <= q.dim THEN
    RETURN CASE WHEN p.val[n + 1] < 0 THEN -1 ELSE 1 END;
  END IF;
  RETURN sign(p.dim - q.dim)::integer;
END
$fn$;
COMMENT ON FUNCTION sparsevec_cmp(sparsevec, sparsevec) IS 'less-equal-greater';
CREATE FUNCTION sparsevec_lt(sparsevec, sparsevec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT sparsevec_cmp($1, $2) < 0 $fn$;
CREATE FUNCTION sparsevec_le(sparsevec, sparsevec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT sparsevec_cmp($1, $2) <= 0 $fn$;
CREATE FUNCTION sparsevec_eq(sparsevec, sparsevec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT sparsevec_cmp($1, $2) = 0 $fn$;
CREATE FUNCTION sparsevec_ne(sparsevec, sparsevec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT sparsevec_cmp($1, $2) <> 0 $fn$;
CREATE FUNCTION sparsevec_ge(sparsevec, sparsevec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT sparsevec_cmp($1, $2) >= 0 $fn$;
CREATE FUNCTION sparsevec_gt(sparsevec, sparsevec) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$ SELECT sparsevec_cmp($1, $2) > 0 $fn$;
CREATE OPERATOR <-> (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = l2_distance, COMMUTATOR = '<->');
CREATE OPERATOR <#> (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_negative_inner_product, COMMUTATOR = '<#>');
CREATE OPERATOR <=> (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = cosine_distance, COMMUTATOR = '<=>');
CREATE OPERATOR <+> (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = l1_distance, COMMUTATOR = '<+>');
CREATE OPERATOR < (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_lt, COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_le, COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR = (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_eq, COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR <> (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_ne, COMMUTATOR = <>, NEGATOR = =, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR >= (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_ge, COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR > (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_gt, COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR CLASS sparsevec_ops DEFAULT FOR TYPE sparsevec USING btree AS
  OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
  FUNCTION 1 sparsevec_cmp(sparsevec, sparsevec);
CREATE FUNCTION sparsevec_standin_hash(sparsevec) RETURNS integer LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE AS 'hashvarlena';
CREATE OPERATOR CLASS sparsevec_l2_ops FOR TYPE sparsevec USING hnsw AS FUNCTION 1 sparsevec_standin_hash(sparsevec);
CREATE OPERATOR CLASS sparsevec_ip_ops FOR TYPE sparsevec USING hnsw AS FUNCTION 1 sparsevec_standin_hash(sparsevec);
CREATE OPERATOR CLASS sparsevec_cosine_ops FOR TYPE sparsevec USING hnsw AS FUNCTION 1 sparsevec_standin_hash(sparsevec);
CREATE OPERATOR CLASS sparsevec_l1_ops FOR TYPE sparsevec USING hnsw AS FUNCTION 1 sparsevec_standin_hash(sparsevec);
