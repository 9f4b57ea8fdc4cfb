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

/** What a file-system error means, in words a user can act on. */
export function fileProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOTDIR':
      return 'a file is in the way where a folder should be';
    case 'EEXIST':
      return 'a file is in the way: something of that name exists';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on the device';
    case 'ENOENT':
      return 'it does not exist';
    default:
      return code ?? String((err as Error)?.message ?? err).split('\n')[0]!;
  }
}
