import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { canonicalForm, loadParser, splitStatements, transactionControl } from '../src/migrations/sql.js';

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
    assert.deepEqual(stmts.map((s) => s.line), [1, 2, 4, 5, 6]);
  });

  test('reports lines correctly after multi-byte characters', () => {
    const stmts = splitStatements(`create table "ünïcødé" (a int);\n\ncomment on table "ünïcødé" is 'ça va ✓';\nselect 1;`);
    assert.equal(stmts.length, 3);
    assert.equal(stmts[1]!.sql, `comment on table "ünïcødé" is 'ça va ✓'`);
    assert.deepEqual(stmts.map((s) => s.line), [1, 3, 4]);
  });

  test('an empty or comment-only text has no statements', () => {
    assert.deepEqual(splitStatements(''), []);
    assert.deepEqual(splitStatements('-- nothing\n/* at all */\n'), []);
  });

  test('syntax errors name the line and column', () => {
    assert.throws(() => splitStatements('select 1;\nselect from where;', 'x.sql'), /x\.sql: syntax error at line 2, column 13/);
    assert.throws(() => splitStatements("select 'unterminated", 'y.sql'), /y\.sql: syntax error at line 1.*unterminated quoted string/);
    assert.throws(() => splitStatements('select $a$ never closed', 'z.sql'), /z\.sql: syntax error.*unterminated dollar-quoted string/);
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

  test('finds transaction control', () => {
    const kinds = splitStatements('begin; select 1; commit; rollback; start transaction; savepoint a;').map(transactionControl);
    assert.deepEqual(kinds, ['BEGIN', undefined, 'COMMIT', 'ROLLBACK', 'START', 'SAVEPOINT']);
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

  test('treats statements split differently as the same SQL', () => {
    assert.equal(canonicalForm(['select 1; select 2']), canonicalForm(['select 1', 'select 2']));
  });
});
