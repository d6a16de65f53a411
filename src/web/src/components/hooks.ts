import { type RefObject, useEffect, useRef, useState } from 'react';
import type { ApiFailure } from '../api/client';

/** Moves focus to a step's heading when the step appears, so keyboard and screen-reader users start there. */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * Seconds left before a throttled form may be sent again, counting down live
 * from the `retryAfter` of a too_many_attempts answer; 0 otherwise.
 */
export function useRetryCountdown(failure: ApiFailure | null): number {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (failure?.code !== 'too_many_attempts' || !failure.retryAfter) {
      setLeft(0);
      return;
    }
    const until = Date.now() + failure.retryAfter * 1000;
    const tick = () => setLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [failure]);
  return left;
}
