import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '@citizen/shared';
import { graphql, type ApiError, type ApiResult } from './client';
import { onPrincipalChange } from './principal';

export interface QueryState<T> {
  data: T | null;
  errors: ApiError[];
  loading: boolean;
  /** Runs the query again (retry button, pull to refresh). */
  refetch: () => Promise<void>;
}

/** Runs a query when the variables change and when whose data the app shows changes; a late answer to an older request is dropped. */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: {
    initial?: (variablesKey: string) => Promise<ApiResult<TResult> | null> | null;
    /** How to ask: the signed-in citizen's query passes `authed` (features/identity/session), which sends the token and renews it. */
    send?: (document: TypedDocumentString<TResult, TVariables>, variables: TVariables) => Promise<ApiResult<TResult>>;
  } = {},
): QueryState<TResult> {
  const [state, setState] = useState<{ data: TResult | null; errors: ApiError[]; loading: boolean }>({
    data: null,
    errors: [],
    loading: true,
  });
  const latest = useRef(0);
  const key = JSON.stringify(variables);

  const run = useCallback(async () => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    // A request already on its way (the H5 home preload) answers the first run; later runs ask again.
    const started = ticket === 1 ? options.initial?.(key) : null;
    const result =
      (started && (await started)) || (await (options.send ?? graphql)(document, JSON.parse(key) as TVariables));
    if (ticket === latest.current) setState({ data: result.data, errors: result.errors, loading: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- options is a new object every render, fixed per call site: it must not run the query again
  }, [document, key]);

  useEffect(() => {
    void run();
  }, [run]);
  // Acting for someone else (or back to oneself): the answer held was about the other person.
  useEffect(() => onPrincipalChange(() => void run()), [run]);

  return { ...state, refetch: run };
}
