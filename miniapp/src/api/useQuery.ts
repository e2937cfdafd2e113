import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '@citizen/shared';
import { graphql, type ApiError } from './client';

export interface QueryState<T> {
  data: T | null;
  errors: ApiError[];
  loading: boolean;
  /** Runs the query again (retry button, pull to refresh). */
  refetch: () => Promise<void>;
}

/** Runs a query when the variables change; a late answer to an older request is dropped. */
export function useQuery<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): QueryState<TResult> {
  const [state, setState] = useState<{ data: TResult | null; errors: ApiError[]; loading: boolean }>({ data: null, errors: [], loading: true });
  const latest = useRef(0);
  const key = JSON.stringify(variables);

  const run = useCallback(async () => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    const result = await graphql(document, JSON.parse(key) as TVariables);
    if (ticket === latest.current) setState({ data: result.data, errors: result.errors, loading: false });
  }, [document, key]);

  useEffect(() => {
    void run();
  }, [run]);

  return { ...state, refetch: run };
}
