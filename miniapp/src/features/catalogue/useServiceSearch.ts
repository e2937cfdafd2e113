import { useCallback, useEffect, useRef, useState } from 'react';
import { SearchServicesDocument, type SearchServicesQuery } from '@citizen/shared';
import { graphql, type ApiError } from '../../api/client';
import { platform } from '../../platform';
import { DEFAULT_REGION } from './useHomeScreen';

export type SearchResult = SearchServicesQuery['searchServices'][number];

/** Long enough to wait out a burst of typing, short enough to feel like results as you type. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * Services matching what is typed (title, English title or pinyin initials such as
 * "gjj"), asked of the BFF once typing pauses. A late answer to an older query is
 * dropped; an empty query asks nothing.
 */
export function useServiceSearch(keyword: string, region: string | undefined = DEFAULT_REGION) {
  const query = keyword.trim();
  const [state, setState] = useState<{
    query: string;
    results: SearchResult[] | null;
    error: ApiError | null;
    searching: boolean;
  }>({ query: '', results: null, error: null, searching: false });
  const latest = useRef(0);

  const run = useCallback(
    async (text: string) => {
      const ticket = ++latest.current;
      setState((s) => ({ ...s, searching: true }));
      const result = await graphql(SearchServicesDocument, {
        query: text,
        platform: platform.name,
        region: region ?? null,
      });
      if (ticket !== latest.current) return;
      setState({
        query: text,
        results: result.data?.searchServices ?? null,
        error: result.data ? null : result.errors[0],
        searching: false,
      });
    },
    [region],
  );

  useEffect(() => {
    if (!query) {
      latest.current++;
      setState({ query: '', results: null, error: null, searching: false });
      return undefined;
    }
    setState((s) => ({ ...s, searching: true }));
    const timer = setTimeout(() => void run(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, run]);

  return { ...state, retry: () => run(query) };
}
