/**
 * Masks passwords inside `text`: the user:password@ of any URL and any
 * password=… setting (query strings, libpq key=value strings). A placeholder
 * such as `<password>` in a help message is left as it is.
 */
export function redact(text: string): string {
  return (
    text
      // Any URL's user:password@ (postgresql+asyncpg://, jdbc:postgresql://, …).
      // A password may hold '@': everything up to the token's last '@' is masked.
      .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s<][^\s]*)@/gi, '$1****@')
      // password=… in a query string or a libpq key=value string, quoted or not.
      .replace(/\b(password|passwd|pwd|sslpassword)(\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&;'"<][^\s&;'"]*)/gi, '$1$2****')
      // SQL: PASSWORD '…' of roles, password '…' in user-mapping and server OPTIONS.
      .replace(/(\b"?password"?\s+)'(?:[^']|'')*'/gi, "$1'****'")
  );
}

/** Removes known secrets (passwords) from text that may reach a user. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = redact(text);
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join('****');
  }
  return out;
}
