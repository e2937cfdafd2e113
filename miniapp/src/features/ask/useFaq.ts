import { useCallback, useEffect, useRef, useState } from 'react';
import { FaqDocument, SearchFaqDocument, type FaqEntryFieldsFragment } from '@citizen/shared';
import { graphql, type ApiError } from '../../api/client';

export const FAQ_SEARCH_DEBOUNCE_MS = 250;

/**
 * A service's FAQ (or the policy questions), and, while something is typed, the
 * answers matching it (words, pinyin, synonyms), asked once typing pauses; a late
 * answer to an older query is dropped. No sign-in needed.
 */
export function useFaq(serviceId: string | null, keyword: string) {
  const query = keyword.trim();
  const [list, setList] = useState<{ entries: FaqEntryFieldsFragment[] | null; error: ApiError | null }>({
    entries: null,
    error: null,
  });
  const [found, setFound] = useState<{
    query: string;
    entries: FaqEntryFieldsFragment[] | null;
    error: ApiError | null;
    searching: boolean;
  }>({ query: '', entries: null, error: null, searching: false });
  const latest = useRef(0);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(async () => {
    setList({ entries: null, error: null });
    const result = await graphql(FaqDocument, { serviceId });
    setList(result.data ? { entries: result.data.faq, error: null } : { entries: null, error: result.errors[0] });
  }, [serviceId]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const ticket = ++latest.current;
    if (!query) {
      setFound({ query: '', entries: null, error: null, searching: false });
      return undefined;
    }
    setFound((f) => ({ ...f, searching: true }));
    const timer = setTimeout(() => {
      void graphql(SearchFaqDocument, { query, serviceId }).then((result) => {
        if (ticket !== latest.current) return;
        setFound({
          query,
          entries: result.data?.searchFaq ?? null,
          error: result.data ? null : result.errors[0],
          searching: false,
        });
      });
    }, FAQ_SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, serviceId, attempt]);

  return { list, found, searching: Boolean(query), reload: load, retrySearch: () => setAttempt((n) => n + 1) };
}
