/**
 * Errors travel as data across every boundary (IPC, the test bridge, the CLI):
 * an error thrown through ipcMain.handle reaches the renderer as a bare string.
 */
export interface ErrorData {
  readonly code: string;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * An error whose code and message are safe to show a person. Anything else
 * thrown inside a handler is reported as `internal` with a generic sentence,
 * so that no stack trace or secret value leaks.
 */
export class AppError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
  toData(): ErrorData {
    return { code: this.code, message: this.message };
  }
}
