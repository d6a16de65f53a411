import type { ApiFailure } from '../api/client';
import { type ErrorContext, errorSentence, formatWait } from '../api/messages';

interface Props {
  readonly id: string;
  readonly failure: ApiFailure | null;
  readonly context: ErrorContext;
  /** Live seconds left for a too_many_attempts answer (from useRetryCountdown). */
  readonly retryLeft?: number;
}

/**
 * An error as a plain sentence, announced once (role="alert"). The throttling
 * countdown sits in a role="timer" element, which screen readers do not read
 * out on every tick.
 */
export function ErrorNote({ id, failure, context, retryLeft = 0 }: Props) {
  if (!failure) return <div id={id} />;
  if (failure.code === 'too_many_attempts' && failure.retryAfter) {
    return (
      <div id={id} className="note note-error" role="alert" data-testid="error">
        {retryLeft > 0 ? (
          <>
            Too many attempts. Try again in <span role="timer">{formatWait(retryLeft)}</span>.
          </>
        ) : (
          'You can try again now.'
        )}
      </div>
    );
  }
  return (
    <div id={id} className="note note-error" role="alert" data-testid="error">
      {errorSentence(failure, context)}
    </div>
  );
}
