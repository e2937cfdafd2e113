import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { ApplicationDocument, type ApplicationFieldsFragment } from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError } from '../../api/client';
import { FINAL_STATUSES } from './labels';

/** Departments answer in seconds to minutes; 5 s lets the citizen watch it move without a push channel. */
export const POLL_MS = 5000;

/**
 * One application, read when the page shows and again every few seconds while the
 * page is visible and the application can still move (not rejected or completed).
 */
export function useApplication(id: string) {
  const [application, setApplication] = useState<ApplicationFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  /** Bumped after every read, so the next poll is planned even when nothing changed. */
  const [reads, setReads] = useState(0);
  const visible = useRef(true);
  const alive = useRef(true);

  const load = useCallback(async () => {
    setRefreshing(true);
    const result = await authed(ApplicationDocument, { id });
    if (!alive.current) return;
    setRefreshing(false);
    if (result.data) {
      setApplication(result.data.application);
      setError(null);
    } else setError(result.errors[0]);
    setReads((n) => n + 1);
  }, [id]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useDidShow(() => {
    visible.current = true;
    void load();
  });
  useDidHide(() => {
    visible.current = false;
  });

  // A completed application's result (licence or document) is issued just after it completes: keep reading until it is in.
  const moving =
    application !== null &&
    (!FINAL_STATUSES.includes(application.status) || (application.status === 'COMPLETED' && !application.result));
  useEffect(() => {
    if (!moving || reads === 0) return undefined;
    const timer = setTimeout(() => {
      if (visible.current) void load();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [moving, reads, load]);

  return { application, error, refreshing, reload: load, replace: setApplication };
}
