/**
 * A realistic application schema, repeated: each copy is one schema of
 * TABLES tables (foreign keys, unique and partial and expression indexes,
 * checks, enums, defaults), VIEWS views, functions and triggers.
 */
export const TABLES = 150;
export const VIEWS = 35;

const COLUMN_TYPES = ['text', 'integer', 'bigint', 'numeric(12,2)', 'timestamptz', 'boolean', 'jsonb', 'uuid', 'date', 'varchar(200)'];

export function appSchema(schema: string): string {
  const q = (n: string) => `"${schema}".${n}`;
  const out: string[] = [`create schema "${schema}";`];
  out.push(`create type ${q('status')} as enum ('new', 'active', 'suspended', 'closed');`);
  out.push(`create domain ${q('email')} as text check (value ~ '^[^@]+@[^@]+$');`);
  out.push(`create function ${q('touch')}() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;`);
  for (let t = 0; t < TABLES; t++) {
    const cols = [
      'id bigint generated always as identity primary key',
      `code text not null`,
      `status ${q('status')} not null default 'new'`,
      `created_at timestamptz not null default now()`,
      `updated_at timestamptz`,
    ];
    for (let c = 0; c < 3 + (t % 5); c++) cols.push(`c${c} ${COLUMN_TYPES[(t + c) % COLUMN_TYPES.length]}`);
    if (t % 10 === 0) cols.push(`contact ${q('email')}`);
    const parent = t > 0 ? Math.max(0, t - 1 - (t % 7 === 0 ? 0 : t % 3)) : -1;
    if (parent >= 0) cols.push(`parent_id bigint references ${q(`t${parent}`)} (id) on delete cascade`);
    out.push(`create table ${q(`t${t}`)} (${cols.join(', ')}, constraint t${t}_code_check check (char_length(code) <= 64));`);
    // Five indexes a table with the primary key: unique, foreign key, partial, expression.
    out.push(`create unique index t${t}_code_key on ${q(`t${t}`)} (code);`);
    out.push(parent >= 0 ? `create index t${t}_parent_idx on ${q(`t${t}`)} (parent_id);` : `create index t${t}_status_idx on ${q(`t${t}`)} (status);`);
    out.push(`create index t${t}_active_idx on ${q(`t${t}`)} (created_at) where status = 'active';`);
    out.push(`create index t${t}_lower_code_idx on ${q(`t${t}`)} (lower(code));`);
    if (t % 5 === 0) out.push(`create trigger t${t}_touch before update on ${q(`t${t}`)} for each row execute function ${q('touch')}();`);
    if (t % 3 === 0) out.push(`comment on table ${q(`t${t}`)} is 'table ${t} of ${schema}';`);
  }
  for (let v = 0; v < VIEWS; v++) {
    const a = (v * 4) % TABLES;
    const b = a + 1;
    out.push(
      `create view ${q(`v${v}`)} as select x.id, x.code, x.status, y.code as parent_code from ${q(`t${b}`)} x left join ${q(`t${a}`)} y on y.id = x.parent_id where x.status <> 'closed';`,
    );
  }
  return out.join('\n');
}
