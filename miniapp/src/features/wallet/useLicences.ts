import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { LicenceDocument, MyLicencesDocument, type LicenceFieldsFragment } from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError } from '../../api/client';

/** The citizen's licences, masked, read each time the page shows (a verification may have just happened). */
export function useLicences() {
  const [licences, setLicences] = useState<LicenceFieldsFragment[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const result = await authed(MyLicencesDocument, {});
    if (ticket !== latest.current) return;
    if (result.data) {
      setLicences(result.data.myLicences);
      setError(null);
    } else setError(result.errors[0]);
  }, []);

  useDidShow(() => void load());
  return { licences, error, reload: load };
}

/**
 * One licence, masked; `showFull()` asks for every detail (level 3, and logged by the
 * BFF). The full view lives only in this page's memory: hiding it drops it.
 * @returns from showFull: null when shown, or the error (ASSURANCE_LEVEL_TOO_LOW below level 3).
 */
export function useLicence(id: string) {
  const [masked, setMasked] = useState<LicenceFieldsFragment | null>(null);
  const [full, setFull] = useState<LicenceFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [revealing, setRevealing] = useState(false);
  const busy = useRef(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const load = useCallback(async () => {
    const result = await authed(LicenceDocument, { id, full: false });
    if (!alive.current) return;
    if (result.data) {
      setMasked(result.data.licence);
      setError(null);
    } else setError(result.errors[0]);
  }, [id]);

  const showFull = useCallback(async (): Promise<ApiError | null> => {
    if (busy.current) return null;
    busy.current = true;
    setRevealing(true);
    const result = await authed(LicenceDocument, { id, full: true });
    busy.current = false;
    if (!alive.current) return null;
    setRevealing(false);
    if (result.data) {
      setFull(result.data.licence);
      return null;
    }
    return result.errors[0];
  }, [id]);

  const hideFull = useCallback(() => setFull(null), []);

  useEffect(() => {
    void load();
  }, [load]);

  return { licence: full ?? masked, full: full !== null, error, revealing, reload: load, showFull, hideFull };
}
