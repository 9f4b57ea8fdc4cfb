-- dbalign stand-in for pgvector 0.8.0: the vector type with its typmod
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
  SELECT string_agg(CASE WHEN p > 0 THEN '1' ELSE '0' END, '' ORDER BY i)::bit varying::bit(16000)::text::bit varying::text::bit
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
