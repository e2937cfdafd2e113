import { useCallback, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { IssuedDocumentDocument, MyDocumentsDocument, type IssuedDocumentFieldsFragment } from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError } from '../../api/client';

/** The citizen's results (我的证明), read each time the page shows. */
export function useDocuments() {
  const [documents, setDocuments] = useState<IssuedDocumentFieldsFragment[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const result = await authed(MyDocumentsDocument, {});
    if (ticket !== latest.current) return;
    if (result.data) {
      setDocuments(result.data.myDocuments);
      setError(null);
    } else setError(result.errors[0]);
  }, []);
  useDidShow(() => void load());
  return { documents, error, reload: load };
}

/** One of the citizen's results. */
export function useIssuedDocument(id: string) {
  const [document, setDocument] = useState<IssuedDocumentFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(async () => {
    const result = await authed(IssuedDocumentDocument, { id });
    if (result.data) {
      setDocument(result.data.issuedDocument);
      setError(null);
    } else setError(result.errors[0]);
  }, [id]);
  useDidShow(() => void load());
  return { document, error, reload: load };
}
