/**
 * How the procedure layer tells the user what it does. The CLI decides how
 * it looks (colour, progress bars, JSON mode); the library stays quiet by
 * default.
 */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  /** Long work: called with done = 0 first and done = total last; `detail` is shown beside it (bytes, say). */
  progress(label: string, done: number, total: number, detail?: string): void;
}

export const silentLog: Log = {
  info: () => undefined,
  warn: () => undefined,
  progress: () => undefined,
};
