/**
 * An error the user can act on: `message` is one line that says what went
 * wrong and what to do. The CLI prints it alone and exits 1.
 */
export class DbalignError extends Error {
  override name = 'DbalignError';
  constructor(message: string, options?: { cause?: unknown }) {
    // One line, whatever the message quotes (SQL near a syntax error, say).
    super(message.replace(/\s*[\r\n]+\s*/g, ' '), options);
  }
}

export function isDbalignError(err: unknown): err is DbalignError {
  return err instanceof DbalignError;
}
