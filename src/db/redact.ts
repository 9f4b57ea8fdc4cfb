/**
 * Masks the password of every PostgreSQL URL inside `text`. A placeholder
 * such as `<password>` in a help message is left as it is.
 */
export function redact(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)([^@\s<][^@\s]*)@/gi, '$1****@');
}

/** Removes known secrets (passwords) from text that may reach a user. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = redact(text);
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join('****');
  }
  return out;
}
