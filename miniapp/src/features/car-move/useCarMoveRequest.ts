import { useCallback, useEffect, useRef, useState } from 'react';
import { CarMoveRequestDocument, type CarMoveFieldsFragment } from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError } from '../../api/client';
import { OPEN_STATUSES } from './labels';

/**
 * A request, kept fresh while it is open: polled after 2 s, then backing off to 10 s,
 * and back to 2 s whenever the status moves (mini-programs have no push here).
 */
export function useCarMoveRequest(id: string) {
  const [request, setRequest] = useState<CarMoveFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const delay = useRef(2000);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);

  const load = useCallback(async () => {
    const result = await authed(CarMoveRequestDocument, { id });
    if (!alive.current) return;
    if (!result.data) return setError(result.errors[0]);
    setError(null);
    setRequest((previous) => {
      const next = result.data!.carMoveRequest;
      delay.current = previous && previous.status !== next.status ? 2000 : Math.min(delay.current * 2, 10_000);
      return next;
    });
  }, [id]);

  useEffect(() => {
    alive.current = true;
    void load();
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load]);

  useEffect(() => {
    if (!request || !OPEN_STATUSES.includes(request.status)) return undefined;
    timer.current = setTimeout(() => void load(), delay.current);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [request, load]);

  return { request, error, reload: load, replace: setRequest };
}
