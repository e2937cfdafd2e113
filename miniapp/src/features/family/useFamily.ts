import { useCallback, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { MyFamilyDocument } from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError } from '../../api/client';
import type { FamilyMember } from './labels';

/**
 * The citizen's relations from the population register, read each time the page shows
 * (the register is the source, and a child may have turned 18 since). Always the
 * citizen's own relations, whoever they act for (myFamily runs as the actor).
 */
export function useFamily() {
  const [members, setMembers] = useState<FamilyMember[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    const result = await authed(MyFamilyDocument, {});
    if (ticket !== latest.current) return;
    setLoading(false);
    if (result.data) {
      setMembers(result.data.myFamily);
      setError(null);
    } else setError(result.errors[0] ?? null);
  }, []);

  useDidShow(() => void load());
  return { members, error, loading, reload: load };
}
