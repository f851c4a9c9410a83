import { useEffect, useMemo, useRef } from 'react';

/** A stable function that calls the latest `fn` once calls stop for `ms`. */
export function useDebounced(fn: () => void, ms: number): () => void {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useMemo(
    () => () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => fnRef.current(), ms);
    },
    [ms],
  );
}
