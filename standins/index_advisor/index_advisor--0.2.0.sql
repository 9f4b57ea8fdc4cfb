-- dbalign stand-in for index_advisor 0.2.0: index_advisor(query) with the
-- real signature and result columns. Its advice comes from costing the query
-- with hypothetical indexes made by hypopg, which the hypopg stand-in cannot
-- make; answering "no index needed" would be a guess, so it raises an error
-- naming the stand-in.
\echo Use "CREATE EXTENSION index_advisor" to load this file. \quit

CREATE FUNCTION index_advisor(query text)
RETURNS TABLE (
  startup_cost_before jsonb,
  startup_cost_after jsonb,
  total_cost_before jsonb,
  total_cost_after jsonb,
  index_statements text[],
  errors text[]
)
LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
  RAISE EXCEPTION 'index_advisor (dbalign stand-in) cannot advise: it costs queries with hypothetical indexes, which need the real hypopg library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real index_advisor and hypopg.';
END
$$;
