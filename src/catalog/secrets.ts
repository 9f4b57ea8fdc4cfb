/**
 * Secrets in the options of foreign servers, user mappings and wrappers, and in a subscription's
 * connection string. Their values are never read into a snapshot: the reader writes
 * SECRET_PLACEHOLDER where one was, so no snapshot, plan, JSON file or log can hold one. Two
 * secrets therefore compare equal whatever their values; a plan that must write one writes the
 * placeholder and says so (hazard `secret_placeholder`).
 */

/** Stands for a secret's value; valid in an SQL literal, a libpq connection string and a URL. */
export const SECRET_PLACEHOLDER = '__DBALIGN_SECRET__';

/**
 * Option names that hold a secret: passwords, keys and tokens (postgres_fdw's `password`, Supabase
 * Wrappers' `api_key`, `sa_key`, `aws_secret_access_key`, `private_key`…). A name ending in `_id`
 * (`api_key_id`, `aws_access_key_id`) names a secret kept elsewhere (Vault): it is no secret itself.
 */
export function isSecretOption(name: string): boolean {
  const n = name.toLowerCase();
  if (/_id$/.test(n)) return false;
  return /pass(word|wd|phrase)?$|password|secret|token|api_?key|private_?key|^sa_key$|service_account_key|credential/.test(n);
}

/**
 * A value with any embedded password replaced: a URL's user:password@ and a libpq
 * `password=…` setting (quoted or not).
 */
export function maskEmbeddedSecrets(value: string): string {
  return value
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)@/gi, `$1${SECRET_PLACEHOLDER}@`)
    .replace(/(^|\s)(password|sslpassword)(\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s']+)/gi, `$1$2$3${SECRET_PLACEHOLDER}`);
}

/** Catalog options ("name=value") with every secret masked, sorted (their order means nothing). */
export function maskOptions(raw: readonly string[] | null): string[] {
  if (!raw) return [];
  return raw
    .map((o) => {
      const eq = o.indexOf('=');
      const name = eq < 0 ? o : o.slice(0, eq);
      const value = eq < 0 ? '' : o.slice(eq + 1);
      return `${name}=${isSecretOption(name) ? SECRET_PLACEHOLDER : maskEmbeddedSecrets(value)}`;
    })
    .sort();
}

/** Whether a (masked) value stands in for a secret. */
export function holdsPlaceholder(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && value.includes(SECRET_PLACEHOLDER);
}
