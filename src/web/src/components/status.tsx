import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

type Announce = (message: string) => void;
const StatusContext = createContext<Announce>(() => {});

/**
 * One polite live region for the whole app: each step says what just happened
 * ("Code accepted. You're signed in.") so a screen reader hears progress that a
 * sighted person sees as a page change. Errors use role="alert" where they appear.
 */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  // A counter makes a repeated sentence a new text node, so it is read again.
  const [seq, setSeq] = useState(0);
  const announce = useCallback<Announce>((m) => {
    setMessage(m);
    setSeq((n) => n + 1);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <StatusContext.Provider value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="status">
        {message ? <span key={seq}>{message}</span> : null}
      </div>
    </StatusContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(StatusContext);
}
