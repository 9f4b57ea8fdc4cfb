-- dbalign stand-in for pg_hashids 1.3: the same functions (id_encode,
-- id_decode, id_decode_once and the older hash_encode/hash_decode) computing
-- the same hashes as the real extension's C implementation of Hashids 1.x,
-- in PL/pgSQL. Numbers are handled as the real one handles them (a bigint is
-- taken as its unsigned 64-bit value). Salts and alphabets must be ASCII: the
-- real one works on bytes, and this stand-in says so rather than answer
-- differently.
\echo Use "CREATE EXTENSION pg_hashids" to load this file. \quit

-- Hashids' consistent shuffle of chars (character codes) keyed by salt.
CREATE FUNCTION _hashids_shuffle(chars int[], salt int[]) RETURNS int[]
LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE
  n int := coalesce(array_length(salt, 1), 0);
  i int;
  v int := 0;
  p bigint := 0;
  j int;
  t int;
BEGIN
  IF n = 0 THEN
    RETURN chars;
  END IF;
  i := coalesce(array_length(chars, 1), 0) - 1;
  WHILE i > 0 LOOP
    IF v = n THEN
      v := 0;
    END IF;
    p := p + salt[v + 1];
    j := ((salt[v + 1] + v + p) % i)::int;
    t := chars[i + 1];
    chars[i + 1] := chars[j + 1];
    chars[j + 1] := t;
    i := i - 1;
    v := v + 1;
  END LOOP;
  RETURN chars;
END
$$;

CREATE FUNCTION _hashids_codes(s text, what text) RETURNS int[]
LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
BEGIN
  IF s !~ '^[\x01-\x7f]*$' THEN
    RAISE EXCEPTION 'pg_hashids (dbalign stand-in) supports ASCII salts and alphabets only; this % is not ASCII', what
      USING ERRCODE = 'feature_not_supported';
  END IF;
  RETURN coalesce((SELECT array_agg(ascii(c) ORDER BY k) FROM unnest(string_to_array(s, NULL)) WITH ORDINALITY AS u(c, k)), '{}'::int[]);
END
$$;

-- Alphabet, separators and guards for a salt and alphabet, as Hashids sets them up.
CREATE FUNCTION _hashids_setup(salt text, alphabet text, OUT alpha int[], OUT seps int[], OUT guards int[], OUT salt_codes int[])
LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE
  ns text := (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids');
  given int[];
  c int;
  n int;
  wanted int;
  g int;
BEGIN
  EXECUTE format('SELECT %s._hashids_codes($1, $2)', ns) INTO given USING alphabet, 'alphabet'::text;
  EXECUTE format('SELECT %s._hashids_codes($1, $2)', ns) INTO salt_codes USING salt, 'salt'::text;
  alpha := '{}';
  FOREACH c IN ARRAY given LOOP
    IF NOT c = ANY (alpha) THEN
      alpha := alpha || c;
    END IF;
  END LOOP;
  IF coalesce(array_length(alpha, 1), 0) < 16 THEN
    RAISE EXCEPTION 'alphabet is too short' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF 32 = ANY (alpha) OR 9 = ANY (alpha) THEN
    RAISE EXCEPTION 'alphabet contains whitespace characters' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  seps := '{}';
  FOREACH c IN ARRAY '{99,102,104,105,115,116,117,67,70,72,73,83,84,85}'::int[] LOOP -- cfhistuCFHISTU
    IF c = ANY (alpha) THEN
      seps := seps || c;
      alpha := array_remove(alpha, c);
    END IF;
  END LOOP;
  EXECUTE format('SELECT %s._hashids_shuffle($1, $2)', ns) INTO seps USING seps, salt_codes;
  n := coalesce(array_length(alpha, 1), 0);
  -- single precision, as the C code computes it
  IF coalesce(array_length(seps, 1), 0) = 0 OR n::real / array_length(seps, 1)::real > 3.5::real THEN
    wanted := ceil(n::real / 3.5::real)::int;
    IF wanted = 1 THEN
      wanted := 2;
    END IF;
    IF wanted > coalesce(array_length(seps, 1), 0) THEN
      g := wanted - coalesce(array_length(seps, 1), 0);
      seps := seps || alpha[1:g];
      alpha := alpha[g + 1:];
    ELSE
      seps := seps[1:wanted];
    END IF;
  END IF;
  EXECUTE format('SELECT %s._hashids_shuffle($1, $2)', ns) INTO alpha USING alpha, salt_codes;
  n := coalesce(array_length(alpha, 1), 0);
  g := (n + 11) / 12;
  IF n < 3 THEN
    guards := seps[1:g];
    seps := seps[g + 1:];
  ELSE
    guards := alpha[1:g];
    alpha := alpha[g + 1:];
  END IF;
END
$$;

CREATE FUNCTION _hashids_encode(numbers bigint[], salt text, min_length int, alphabet text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE
  ns text := (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids');
  two64 numeric := 18446744073709551616;
  s record;
  alpha int[];
  alen int;
  nums numeric[];
  numbers_hash numeric := 0;
  lottery int;
  ret int[];
  k int;
  num numeric;
  digits int[];
  last int;
  i int;
  j int;
  half_ceil int;
  half_floor int;
BEGIN
  IF array_position(numbers, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'null value not allowed for array element' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF coalesce(array_length(numbers, 1), 0) = 0 THEN
    RETURN '';
  END IF;
  EXECUTE format('SELECT * FROM %s._hashids_setup($1, $2)', ns) INTO s USING salt, alphabet;
  alpha := s.alpha;
  alen := array_length(alpha, 1);
  -- bigint as its unsigned 64-bit value
  nums := ARRAY(SELECT CASE WHEN x < 0 THEN x + two64 ELSE x END FROM unnest(numbers) AS x);
  FOR k IN 1 .. array_length(nums, 1) LOOP
    numbers_hash := mod(numbers_hash + mod(nums[k], k - 1 + 100), two64);
  END LOOP;
  lottery := alpha[mod(numbers_hash, alen)::int + 1];
  ret := ARRAY[lottery];
  FOR k IN 1 .. array_length(nums, 1) LOOP
    EXECUTE format('SELECT %s._hashids_shuffle($1, $2)', ns) INTO alpha USING alpha, (ARRAY[lottery] || s.salt_codes || alpha)[1:alen];
    num := nums[k];
    digits := '{}';
    LOOP
      last := alpha[mod(num, alen)::int + 1];
      digits := last || digits;
      num := div(num, alen);
      EXIT WHEN num = 0;
    END LOOP;
    ret := ret || digits;
    IF k < array_length(nums, 1) THEN
      ret := ret || s.seps[mod(mod(nums[k], last + k - 1), array_length(s.seps, 1))::int + 1];
    END IF;
  END LOOP;
  IF array_length(ret, 1) < min_length THEN
    ret := s.guards[mod(numbers_hash + ret[1], array_length(s.guards, 1))::int + 1] || ret;
    IF array_length(ret, 1) < min_length THEN
      ret := ret || s.guards[mod(numbers_hash + ret[3], array_length(s.guards, 1))::int + 1];
      half_ceil := (alen + 1) / 2;
      half_floor := alen / 2;
      WHILE array_length(ret, 1) < min_length LOOP
        EXECUTE format('SELECT %s._hashids_shuffle($1, $2)', ns) INTO alpha USING alpha, alpha;
        i := least((min_length - array_length(ret, 1) + 1) / 2, half_ceil);
        j := least((min_length - array_length(ret, 1)) / 2, half_floor);
        IF (i + j) % 2 = 0 AND alen % 2 = 1 THEN
          i := i + 1;
          j := j - 1;
        END IF;
        ret := alpha[alen - i + 1:alen] || ret || alpha[1:j];
      END LOOP;
    END IF;
  END IF;
  RETURN (SELECT string_agg(chr(c), '' ORDER BY o) FROM unnest(ret) WITH ORDINALITY AS u(c, o));
END
$$;

-- Decodes at most max_count numbers, as the real one does (no re-encoding check).
CREATE FUNCTION _hashids_decode(hash text, salt text, min_length int, alphabet text, max_count int) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE
  ns text := (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids');
  two64 numeric := 18446744073709551616;
  two63 numeric := 9223372036854775808;
  s record;
  alpha int[];
  alen int;
  codes int[];
  c int;
  k int;
  start int := 1;
  expected int := 0;
  lottery int;
  num numeric := 0;
  broken boolean := false;
  result numeric[] := '{}';
BEGIN
  EXECUTE format('SELECT * FROM %s._hashids_setup($1, $2)', ns) INTO s USING salt, alphabet;
  alpha := s.alpha;
  alen := array_length(alpha, 1);
  IF hash !~ '^[\x01-\x7f]*$' THEN
    RAISE EXCEPTION 'invalid hash' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  EXECUTE format('SELECT %s._hashids_codes($1, $2)', ns) INTO codes USING hash, 'hash'::text;
  -- with a minimum length, what precedes the first guard is padding
  IF min_length <> 0 THEN
    FOR k IN 1 .. coalesce(array_length(codes, 1), 0) LOOP
      IF codes[k] = ANY (s.guards) THEN
        start := k + 1;
        EXIT;
      END IF;
    END LOOP;
  END IF;
  FOR k IN start .. coalesce(array_length(codes, 1), 0) LOOP
    c := codes[k];
    EXIT WHEN c = ANY (s.guards);
    IF c = ANY (s.seps) THEN
      expected := expected + 1;
    ELSIF NOT c = ANY (alpha) THEN
      RAISE EXCEPTION 'invalid hash' USING ERRCODE = 'invalid_parameter_value';
    END IF;
  END LOOP;
  expected := expected + 1;
  IF start > coalesce(array_length(codes, 1), 0) THEN
    RAISE EXCEPTION 'invalid hash' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  lottery := codes[start];
  EXECUTE format('SELECT %s._hashids_shuffle($1, $2)', ns) INTO alpha USING alpha, (ARRAY[lottery] || s.salt_codes || alpha)[1:alen];
  FOR k IN start + 1 .. array_length(codes, 1) LOOP
    c := codes[k];
    EXIT WHEN c = ANY (s.guards);
    IF c = ANY (s.seps) THEN
      result := result || num;
      EXIT WHEN array_length(result, 1) >= max_count;
      num := 0;
      EXECUTE format('SELECT %s._hashids_shuffle($1, $2)', ns) INTO alpha USING alpha, (ARRAY[lottery] || s.salt_codes || alpha)[1:alen];
      CONTINUE;
    END IF;
    IF NOT c = ANY (alpha) THEN
      -- the real decoder stops here; the numbers not stored stay zero
      broken := true;
      EXIT;
    END IF;
    num := mod(num * alen + array_position(alpha, c) - 1, two64);
  END LOOP;
  IF NOT broken AND coalesce(array_length(result, 1), 0) < max_count THEN
    result := result || num;
  END IF;
  -- as many numbers as separators say, zeros where the real one leaves them zero
  WHILE coalesce(array_length(result, 1), 0) < least(expected, max_count) LOOP
    result := result || 0::numeric;
  END LOOP;
  RETURN ARRAY(SELECT (CASE WHEN x >= two63 THEN x - two64 ELSE x END)::bigint FROM unnest(result) WITH ORDINALITY AS u(x, o) ORDER BY o);
END
$$;

-- The functions users call. The extension is relocatable, so they find its
-- schema at call time rather than naming it. Defaults are Hashids': no salt,
-- no minimum length, a-z A-Z 1-9 0.

CREATE FUNCTION id_encode(bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING ARRAY[$1], ''::text, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
  RETURN r;
END
$$;

CREATE FUNCTION id_encode(bigint, text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING ARRAY[$1], $2, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
  RETURN r;
END
$$;

CREATE FUNCTION id_encode(bigint, text, int) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING ARRAY[$1], $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
  RETURN r;
END
$$;

CREATE FUNCTION id_encode(bigint, text, int, text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING ARRAY[$1], $2, $3, $4;
  RETURN r;
END
$$;

CREATE FUNCTION id_encode(bigint[]) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, ''::text, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
  RETURN r;
END
$$;

CREATE FUNCTION id_encode(bigint[], text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, $2, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
  RETURN r;
END
$$;

CREATE FUNCTION id_encode(bigint[], text, int) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890'::text;
  RETURN r;
END
$$;

CREATE FUNCTION id_encode(bigint[], text, int, text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, $2, $3, $4;
  RETURN r;
END
$$;

CREATE FUNCTION id_decode(text) RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r bigint[];
BEGIN
  EXECUTE format('SELECT (%s._hashids_decode($1, $2, $3, $4, $5))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, ''::text, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890', 2147483647;
  RETURN r;
END
$$;

CREATE FUNCTION id_decode(text, text) RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r bigint[];
BEGIN
  EXECUTE format('SELECT (%s._hashids_decode($1, $2, $3, $4, $5))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, $2, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890', 2147483647;
  RETURN r;
END
$$;

CREATE FUNCTION id_decode(text, text, int) RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r bigint[];
BEGIN
  EXECUTE format('SELECT (%s._hashids_decode($1, $2, $3, $4, $5))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890', 2147483647;
  RETURN r;
END
$$;

CREATE FUNCTION id_decode(text, text, int, text) RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r bigint[];
BEGIN
  EXECUTE format('SELECT (%s._hashids_decode($1, $2, $3, $4, $5))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, $2, $3, $4, 2147483647;
  RETURN r;
END
$$;

CREATE FUNCTION id_decode_once(text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r bigint;
BEGIN
  EXECUTE format('SELECT (%s._hashids_decode($1, $2, $3, $4, $5))[1]', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, ''::text, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890', 1;
  RETURN r;
END
$$;

CREATE FUNCTION id_decode_once(text, text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r bigint;
BEGIN
  EXECUTE format('SELECT (%s._hashids_decode($1, $2, $3, $4, $5))[1]', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, $2, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890', 1;
  RETURN r;
END
$$;

CREATE FUNCTION id_decode_once(text, text, int) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r bigint;
BEGIN
  EXECUTE format('SELECT (%s._hashids_decode($1, $2, $3, $4, $5))[1]', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890', 1;
  RETURN r;
END
$$;

CREATE FUNCTION id_decode_once(text, text, int, text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r bigint;
BEGIN
  EXECUTE format('SELECT (%s._hashids_decode($1, $2, $3, $4, $5))[1]', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING $1, $2, $3, $4, 1;
  RETURN r;
END
$$;

-- pg_hashids 1.0 names, kept by 1.3

CREATE FUNCTION hash_encode(bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING ARRAY[$1], ''::text, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
  RETURN r;
END
$$;

CREATE FUNCTION hash_encode(bigint, text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING ARRAY[$1], $2, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
  RETURN r;
END
$$;

CREATE FUNCTION hash_encode(bigint, text, int) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT (%s._hashids_encode($1, $2, $3, $4))', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO r USING ARRAY[$1], $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890';
  RETURN r;
END
$$;

-- the real one returns the decoded bigint through an int result: its low 32 bits
CREATE FUNCTION hash_decode(text, text, int) RETURNS int LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE x bigint;
BEGIN
  EXECUTE format('SELECT (%s._hashids_decode($1, $2, $3, $4, 1))[1]', (SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'pg_hashids')) INTO x USING $1, $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890'::text;
  x := x & 4294967295;
  RETURN (CASE WHEN x >= 2147483648 THEN x - 4294967296 ELSE x END)::int;
END
$$;
