import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { canonicalForm, cliSplit, hasNoTransactionDirective, loadParser, splitSql, splitStatements, SqlSyntaxError, transactionControl } from '../src/migrations/sql.js';

before(() => loadParser());

describe('splitStatements', () => {
  test('splits on semicolons outside quotes, comments and bodies', () => {
    const sql = [
      `create table "semi;colon" (a text default 'x;y');`,
      `-- a comment; with a semicolon`,
      `/* nested /* comment; */ still; */ select E'it\\'s; fine';`,
      `create function f() returns text language plpgsql as $body$ begin return 'a;b'; end $body$;`,
      `create function g() returns int language sql begin atomic select 1; select 2; end;`,
      `do $$ begin perform 1; end $$`,
    ].join('\n');
    const stmts = splitStatements(sql);
    assert.deepEqual(
      stmts.map((s) => s.kind),
      ['CreateStmt', 'SelectStmt', 'CreateFunctionStmt', 'CreateFunctionStmt', 'DoStmt'],
    );
    assert.equal(stmts[0]!.sql, `create table "semi;colon" (a text default 'x;y')`);
    assert.match(stmts[1]!.sql, /select E'it\\'s; fine'$/);
    assert.match(stmts[3]!.sql, /begin atomic select 1; select 2; end$/);
    // Lines of each statement's first keyword, past the comments before it.
    assert.deepEqual(stmts.map((s) => s.line), [1, 3, 4, 5, 6]);
  });

  test('reports lines correctly after multi-byte characters', () => {
    const stmts = splitStatements(`create table "ünïcødé" (a int);\n\ncomment on table "ünïcødé" is 'ça va ✓';\nselect 1;`);
    assert.equal(stmts.length, 3);
    assert.equal(stmts[1]!.sql, `comment on table "ünïcødé" is 'ça va ✓'`);
    assert.deepEqual(stmts.map((s) => s.line), [1, 3, 4]);
  });

  test('an empty text has no statements; comments alone are one piece, as the Supabase CLI records them', () => {
    assert.deepEqual(splitStatements(''), []);
    assert.deepEqual(splitStatements(' \n\t\n'), []);
    const [only, ...rest] = splitStatements('-- nothing\n/* at all */\n');
    assert.deepEqual(rest, []);
    assert.equal(only!.sql, '-- nothing\n/* at all */');
    assert.equal(only!.kind, '');
  });

  test('syntax errors name the line and column', () => {
    assert.throws(() => splitStatements('select 1;\nselect from where;', 'x.sql'), /x\.sql: syntax error at line 2, column 13/);
    assert.throws(() => splitStatements("select 'unterminated", 'y.sql'), /y\.sql: syntax error at line 1.*unterminated quoted string/);
    assert.throws(() => splitStatements('select $a$ never closed', 'z.sql'), /z\.sql: syntax error.*unterminated dollar-quoted string/);
  });

  test('a COPY … FROM stdin block (pg_dump data) is named with its line, not taken for a syntax error in its rows', () => {
    const dump = 'create table c (a int, b text);\n\nCOPY public.c (a, b) FROM stdin;\n1\tone\n2\t\\N\n\\.\n\nselect 1;\n';
    assert.throws(() => splitStatements(dump, 'd.sql'), (err: Error) => err instanceof SqlSyntaxError && /^d\.sql line 3: COPY … FROM stdin reads its rows from the client .*INSERT statements/.test(err.message));
    // With no rows after it, the server would wait for them from the client: refused the same way.
    assert.throws(() => splitStatements('copy c from stdin;\nselect 1;', 'e.sql'), /e\.sql line 1: COPY … FROM stdin/);
    // A syntax error after a finished block is that error; COPY to stdout and from a server file are SQL like any other.
    assert.throws(() => splitStatements('select 1;\nselect from where;\n', 'f.sql'), /f\.sql: syntax error at line 2/);
    assert.equal(splitStatements("copy c to stdout;\ncopy c from '/srv/c.csv';").length, 2);
  });

  test('detects statements that cannot run in a transaction', () => {
    const cases: Array<[string, string | undefined]> = [
      ['create index concurrently i on t (a)', 'CREATE INDEX CONCURRENTLY'],
      ['create index i on t (a)', undefined],
      ['drop index concurrently i', 'DROP INDEX CONCURRENTLY'],
      ['reindex (concurrently) table t', 'REINDEX CONCURRENTLY'],
      ['reindex table t', undefined],
      ['vacuum analyze t', 'VACUUM'],
      ['analyze t', undefined],
      ["alter system set work_mem = '64MB'", 'ALTER SYSTEM'],
      ['create database x', 'CREATE DATABASE'],
      ['alter table p detach partition c concurrently', 'DETACH PARTITION CONCURRENTLY'],
      ['alter table p detach partition c', undefined],
    ];
    for (const [sql, why] of cases) {
      assert.equal(splitStatements(sql)[0]!.nonTransactional, why, sql);
    }
  });

  test('finds transaction control, named by its first keyword past comments', () => {
    const stmts = splitStatements('begin; select 1; commit; rollback; start transaction; savepoint a; end; abort;\n-- done\n/* really */ COMMIT;');
    assert.deepEqual(stmts.map(transactionControl), ['BEGIN', undefined, 'COMMIT', 'ROLLBACK', 'START', 'SAVEPOINT', 'END', 'ABORT', 'COMMIT']);
    assert.deepEqual(stmts.map((s) => s.transaction), ['begin', undefined, 'commit', 'rollback', 'begin', 'savepoint', 'commit', 'rollback', 'commit']);
    const last = stmts.at(-1)!;
    assert.deepEqual([last.line, last.column, last.startLine, last.startColumn], [3, 14, 2, 1]);
  });
});

describe('the Supabase CLI split', () => {
  // Expected pieces are what the Supabase CLI 2.117.0 recorded in
  // schema_migrations.statements for the same files (db push --db-url).
  test('records pieces as the CLI does: comments kept, trailing semicolons and spaces trimmed', () => {
    const wrapped = '-- header comment\nBEGIN;\ncreate table w (a int);\ndo $$ begin perform 1; end $$;\ncreate function f() returns int language plpgsql as $f$ begin return 1; end; $f$;\nCOMMIT;\n-- trailer\n';
    assert.deepEqual(splitStatements(wrapped).map((s) => s.sql), [
      '-- header comment\nBEGIN',
      'create table w (a int)',
      'do $$ begin perform 1; end $$',
      'create function f() returns int language plpgsql as $f$ begin return 1; end; $f$',
      'COMMIT',
      '-- trailer',
    ]);
    assert.deepEqual(splitStatements('select 1 ;;\n\n  /* c */ select 2;\nselect 3').map((s) => s.sql), ['select 1', '/* c */ select 2', 'select 3']);
    assert.deepEqual(splitStatements('-- just a comment\n').map((s) => s.sql), ['-- just a comment']);
    const directive = "-- pg-delta: transaction=false\ncreate type mood as enum ('a');\nalter type mood add value 'b';\n";
    assert.deepEqual(splitStatements(directive).map((s) => s.sql), ["-- pg-delta: transaction=false\ncreate type mood as enum ('a')", "alter type mood add value 'b'"]);
  });

  test('follows the CLI tokenizer: parentheses and BEGIN ATOMIC hold semicolons, quotes, dollar tags, nested comments', () => {
    const pieces = (t: string) => cliSplit(t).map((p) => p.sql);
    assert.deepEqual(pieces('create rule r as on insert to t do also (insert into a values 1; insert into b values 2); select 1'), [
      'create rule r as on insert to t do also (insert into a values 1; insert into b values 2)',
      'select 1',
    ]);
    assert.deepEqual(pieces('create function g() returns int language sql\nBEGIN\n  ATOMIC select 1; select 2; END; select 3;'), [
      'create function g() returns int language sql\nBEGIN\n  ATOMIC select 1; select 2; END',
      'select 3',
    ]);
    assert.deepEqual(pieces(`select 'a;''b'; select "x;y"; select $q$;$q$; /* a /* b; */ c; */ select 4; -- x;\nselect 5`), [
      "select 'a;''b'",
      'select "x;y"',
      'select $q$;$q$',
      '/* a /* b; */ c; */ select 4',
      '-- x;\nselect 5',
    ]);
    // Outside quotes a backslash escapes the next character, so \; does not end a piece.
    assert.deepEqual(pieces('select 1 \\; select 2'), ['select 1 \\; select 2']);
  });

  test("falls back to PostgreSQL's statements when the CLI would cut one apart", () => {
    // The CLI's quote state does not know E'' escapes: it ends the string at \' and splits at the next ;.
    const text = "select E'it\\'s; fine';\nselect 2;";
    assert.deepEqual(cliSplit(text).map((p) => p.sql), ["select E'it\\'s", "fine';\nselect 2"]);
    const r = splitSql(text);
    assert.equal(r.cliSplit, false);
    assert.deepEqual(r.statements.map((s) => s.sql), ["select E'it\\'s; fine'", 'select 2']);
    // A closing parenthesis closes every open one at once in the CLI: a rule with nested ones is cut too.
    const rule = 'create rule r as on insert to t do also (insert into a values (1); insert into b values (2));';
    assert.deepEqual(cliSplit(rule).map((p) => p.sql), ['create rule r as on insert to t do also (insert into a values (1)', 'insert into b values (2))']);
    assert.equal(splitSql(rule).cliSplit, false);
    assert.equal(splitSql(rule).statements.length, 1);
  });

  test('the pg-delta directive is the exact first line, as the CLI reads it', () => {
    assert.equal(hasNoTransactionDirective('-- pg-delta: transaction=false\nselect 1;'), true);
    assert.equal(hasNoTransactionDirective('-- pg-delta: transaction=false\r\nselect 1;'), true);
    assert.equal(hasNoTransactionDirective('\ufeff-- pg-delta: transaction=false'), true);
    assert.equal(hasNoTransactionDirective(' -- pg-delta: transaction=false\n'), false);
    assert.equal(hasNoTransactionDirective('-- pg-delta: transaction=false \n'), false);
    assert.equal(hasNoTransactionDirective('-- PG-DELTA: transaction=false\n'), false);
    assert.equal(hasNoTransactionDirective('select 1;\n-- pg-delta: transaction=false\n'), false);
  });

  test('keyword lines stay right on a large file (one pass over the text)', () => {
    const parts: string[] = [];
    for (let i = 0; i < 2000; i++) parts.push(`-- step ${i}\n/* ü */ create table t${i} (a int);`);
    const stmts = splitStatements(parts.join('\n'));
    assert.equal(stmts.length, 2000);
    assert.deepEqual([stmts[1999]!.line, stmts[1999]!.column, stmts[1999]!.startLine], [4000, 9, 3999]);
  });
});

describe('canonicalForm', () => {
  test('ignores whitespace, comments, semicolons and keyword case', () => {
    const a = canonicalForm(['create table t (a int)', "insert into t values (1)"]);
    const b = canonicalForm(['CREATE TABLE t (\n  a INT -- the column\n);', 'INSERT INTO t VALUES (1);']);
    assert.equal(a, b);
  });

  test('sees a real edit', () => {
    assert.notEqual(canonicalForm(['create table t (a int)']), canonicalForm(['create table t (a bigint)']));
    assert.notEqual(canonicalForm(["select 'a'"]), canonicalForm(["select 'A'"]));
  });

  test("rows written by earlier dbalign versions (PostgreSQL's statements) match the CLI's pieces of the same file", () => {
    const file = '-- pg-delta: transaction=false\n-- add a value\nalter type mood add value \'b\';\n/* then */ update t set m = \'b\' ;\n-- end\n';
    const cli = splitStatements(file).map((s) => s.sql);
    assert.deepEqual(cli, ["-- pg-delta: transaction=false\n-- add a value\nalter type mood add value 'b'", "/* then */ update t set m = 'b'", '-- end']);
    assert.equal(canonicalForm(cli), canonicalForm(["alter type mood add value 'b'", "update t set m = 'b'"]));
    assert.equal(canonicalForm(['-- only a comment']), canonicalForm([]));
  });

  test('treats statements split differently as the same SQL', () => {
    assert.equal(canonicalForm(['select 1; select 2']), canonicalForm(['select 1', 'select 2']));
  });
});
