-- dbalign stand-in for hypopg 1.4.1: its functions and views with the real
-- signatures and columns. Hypothetical indexes live in the real library's
-- memory and act on the planner; without it none can exist, so the lists
-- are empty and resetting or dropping finds nothing, while creating a
-- hypothetical index, hiding a real one or asking for the size or
-- definition of one raises an error naming the stand-in.
\echo Use "CREATE EXTENSION hypopg" to load this file. \quit

CREATE FUNCTION hypopg_reset_index() RETURNS void
LANGUAGE plpgsql VOLATILE COST 100
AS $$ BEGIN RETURN; END $$;

CREATE FUNCTION hypopg_reset() RETURNS void
LANGUAGE plpgsql VOLATILE COST 100
AS $$ BEGIN RETURN; END $$;

CREATE FUNCTION hypopg_create_index(IN sql_order text, OUT indexrelid oid, OUT indexname text)
RETURNS SETOF record
LANGUAGE plpgsql STRICT VOLATILE COST 100
AS $$
BEGIN
  RAISE EXCEPTION 'hypopg (dbalign stand-in) cannot create hypothetical indexes: the planner sees them only through the real hypopg library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real hypopg.';
END
$$;

CREATE FUNCTION hypopg_drop_index(IN indexid oid) RETURNS boolean
LANGUAGE plpgsql STRICT VOLATILE COST 100
AS $$ BEGIN RETURN false; END $$;

CREATE FUNCTION hypopg(OUT indexname text, OUT indexrelid oid,
                       OUT indrelid oid, OUT innatts integer,
                       OUT indisunique boolean, OUT indkey int2vector,
                       OUT indcollation oidvector, OUT indclass oidvector,
                       OUT indoption oidvector, OUT indexprs pg_node_tree,
                       OUT indpred pg_node_tree, OUT amid oid)
RETURNS SETOF record
LANGUAGE plpgsql COST 100
AS $$ BEGIN RETURN; END $$;

CREATE VIEW hypopg_list_indexes AS
  SELECT h.indexrelid, h.indexname AS index_name, n.nspname AS schema_name,
         coalesce(c.relname, '<dropped>') AS table_name, am.amname AS am_name
  FROM hypopg() h
  LEFT JOIN pg_catalog.pg_class c ON c.oid = h.indrelid
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_am am ON am.oid = h.amid;

CREATE FUNCTION hypopg_relation_size(IN indexid oid) RETURNS bigint
LANGUAGE plpgsql STRICT VOLATILE COST 100
AS $$
BEGIN
  RAISE EXCEPTION 'hypopg (dbalign stand-in): oid % is not a hypothetical index (none can exist without the real hypopg library)', indexid
    USING ERRCODE = 'feature_not_supported';
END
$$;

CREATE FUNCTION hypopg_get_indexdef(IN indexid oid) RETURNS text
LANGUAGE plpgsql STRICT VOLATILE COST 100
AS $$
BEGIN
  RAISE EXCEPTION 'hypopg (dbalign stand-in): oid % is not a hypothetical index (none can exist without the real hypopg library)', indexid
    USING ERRCODE = 'feature_not_supported';
END
$$;

CREATE FUNCTION hypopg_hide_index(IN indexid oid) RETURNS boolean
LANGUAGE plpgsql STRICT VOLATILE COST 100
AS $$
BEGIN
  RAISE EXCEPTION 'hypopg (dbalign stand-in) cannot hide indexes from the planner: that needs the real hypopg library'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real hypopg.';
END
$$;

CREATE FUNCTION hypopg_unhide_index(IN indexid oid) RETURNS boolean
LANGUAGE plpgsql STRICT VOLATILE COST 100
AS $$ BEGIN RETURN false; END $$;

CREATE FUNCTION hypopg_unhide_all_indexes() RETURNS void
LANGUAGE plpgsql VOLATILE COST 100
AS $$ BEGIN RETURN; END $$;

CREATE FUNCTION hypopg_hidden_indexes() RETURNS TABLE (indexid oid)
LANGUAGE plpgsql STRICT VOLATILE
AS $$ BEGIN RETURN; END $$;

CREATE VIEW hypopg_hidden_indexes AS
  SELECT h.indexid AS indexrelid, i.relname AS index_name, n.nspname AS schema_name,
         t.relname AS table_name, m.amname AS am_name, false AS is_hypo
  FROM hypopg_hidden_indexes() h
  JOIN pg_catalog.pg_index x ON x.indexrelid = h.indexid
  JOIN pg_catalog.pg_class i ON i.oid = h.indexid
  JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace
  JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
  JOIN pg_catalog.pg_am m ON m.oid = i.relam
  UNION ALL
  SELECT hl.indexrelid, hl.index_name, hl.schema_name, hl.table_name, hl.am_name, true AS is_hypo
  FROM hypopg_hidden_indexes() hi
  JOIN hypopg_list_indexes hl ON hl.indexrelid = hi.indexid
  ORDER BY index_name;
