import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError } from '../../api/client';
import { onPrincipalChange } from '../../api/principal';

/**
 * One records query for a signed-in citizen. Keeps partial answers: a field whose
 * agency failed is null in `data` and its error is in `errors` (with the agency named),
 * so a screen shows what came and says what did not.
 */
export function useRecord<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>) {
  const [state, setState] = useState<{ data: TResult | null; errors: ApiError[]; loading: boolean }>({
    data: null,
    errors: [],
    loading: true,
  });
  const latest = useRef(0);
  const load = useCallback(async () => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    const result = await authed(document, {} as TVariables);
    if (ticket !== latest.current) return;
    setState({ data: result.data, errors: result.errors, loading: false });
  }, [document]);
  useEffect(() => {
    void load();
  }, [load]);
  // Acting for a family member, or back to oneself: the records held are the other person's.
  useEffect(() => onPrincipalChange(() => void load()), [load]);
  return { ...state, reload: load };
}
