import type { ErrorData, Result } from '../../../shared/result';

/** An error answered by main, already a sentence a person can read. */
export class UiError extends Error {
  readonly code: string;
  constructor(data: ErrorData) {
    super(data.message);
    this.name = 'UiError';
    this.code = data.code;
  }
}

/** window.twofold, exposed by the preload (Electron) or the bridge client (browser). */
export const api = () => window.twofold;

/** Unwraps a Result: the value, or a UiError carrying main's code and sentence. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new UiError(result.error);
  return result.value;
}

export function errorData(error: unknown): ErrorData {
  if (error instanceof UiError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong. Please try again.' };
}
