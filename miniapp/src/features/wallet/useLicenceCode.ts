import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { LicenceCodeDocument } from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError } from '../../api/client';
import { platform } from '../../platform';

/** A code lives 60 s at the BFF (CODE_TTL_S) and checks once. */
export const CODE_TTL_MS = 60_000;
/** A new code is fetched this long before the old one ends (about 50 s in): a clerk never scans a dying one. */
export const REFRESH_BEFORE_MS = 10_000;
/** The countdown's step. */
const TICK_MS = 1000;

/**
 * How long a new code lasts by this phone's clock. The BFF's expiresAt is by its
 * clock, and a phone's may be minutes off: trust it only when it is within the TTL of
 * when we asked, and count from when we asked (the code was made after that).
 */
function deadline(expiresAt: string, askedAt: number): number {
  const left = Date.parse(expiresAt) - askedAt;
  return askedAt + (left > 0 && left <= CODE_TTL_MS ? left : CODE_TTL_MS);
}

/**
 * The licence code ("亮证码") while it is shown: fetched on show(), replaced
 * automatically before it ends and on refresh(), with a countdown. Nothing runs while
 * the page is hidden (no codes made for nobody); showing the page again fetches a
 * fresh one, since the old one may have been checked or have run out meanwhile. The
 * screen stays awake while a code is up.
 */
export function useLicenceCode(licenceId: string) {
  const [shown, setShown] = useState(false);
  const [code, setCode] = useState<{ token: string; deadline: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [visible, setVisible] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  const inflight = useRef(false);
  const alive = useRef(true);
  /** The token an automatic refresh was already tried for: a failed one is not retried in a loop. */
  const autoTried = useRef<string | null>(null);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const fetchCode = useCallback(async () => {
    if (inflight.current) return;
    inflight.current = true;
    setLoading(true);
    const askedAt = Date.now();
    const result = await authed(LicenceCodeDocument, { licenceId });
    inflight.current = false;
    if (!alive.current) return;
    setLoading(false);
    setNow(Date.now());
    if (result.data) {
      setCode({ token: result.data.licenceCode.token, deadline: deadline(result.data.licenceCode.expiresAt, askedAt) });
      setError(null);
    } else setError(result.errors[0]);
  }, [licenceId]);

  const show = useCallback(() => {
    setShown(true);
    void fetchCode();
  }, [fetchCode]);

  const hide = useCallback(() => {
    setShown(false);
    setCode(null);
    setError(null);
  }, []);

  useDidHide(() => setVisible(false));
  useDidShow(() => {
    setVisible(true);
    if (shown) void fetchCode();
  });

  const running = shown && visible;

  // The countdown ticks only while the code is on screen.
  useEffect(() => {
    if (!running) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [running]);

  // About 50 s in: the next code, once per code.
  useEffect(() => {
    if (!running || !code || now < code.deadline - REFRESH_BEFORE_MS || autoTried.current === code.token) return;
    autoTried.current = code.token;
    void fetchCode();
  }, [running, code, now, fetchCode]);

  useEffect(() => {
    if (!running) return undefined;
    platform.keepScreenOn(true);
    return () => platform.keepScreenOn(false);
  }, [running]);

  const secondsLeft = code ? Math.max(0, Math.ceil((code.deadline - now) / 1000)) : 0;
  return {
    shown,
    token: code?.token ?? null,
    secondsLeft,
    expired: code !== null && secondsLeft === 0,
    error,
    loading,
    show,
    hide,
    refresh: fetchCode,
  };
}
