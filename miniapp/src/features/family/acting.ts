import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { ActAsDocument, ActingForDocument, StopActingDocument, type ActingForQuery } from '@citizen/shared';
import type { ApiError, ApiResult } from '../../api/client';
import { principalChanged } from '../../api/principal';
import { authed, onErrorCode, onMeChange } from '../identity/session';

/**
 * Who this session acts for (issue 17): null for oneself, or the family member the
 * 为谁办理 switch chose. The BFF keeps the choice with the session and checks it on
 * every request; the app keeps a copy (in storage, so every page and a reload see the
 * same) to draw the banner without asking on each screen. The copy follows the BFF:
 * actAs/stopActing set it, the app's start asks again, and an answer saying the right
 * ended (ACTING_RIGHT_ENDED, e.g. the child turned 18) clears it wherever it came.
 */
export type Acting = NonNullable<ActingForQuery['actingFor']>;

export interface ActingState {
  acting: Acting | null;
  /** Set when the BFF ended the acting on its own (the right ended): the banner says so once, until dismissed. */
  ended: boolean;
}

const STORAGE_KEY = 'citizen.acting';
const listeners = new Set<(state: ActingState) => void>();

function load(): Acting | null {
  try {
    const stored = Taro.getStorageSync(STORAGE_KEY) as Acting | '';
    return stored && typeof stored === 'object' && typeof stored.maskedName === 'string' ? stored : null;
  } catch {
    return null;
  }
}

// The acting itself lives in storage (the one copy every page reads); `ended` only for this run of the app.
let ended = false;

function set(next: ActingState): void {
  const before = load();
  const whoChanged =
    (before?.maskedName ?? null) !== (next.acting?.maskedName ?? null) ||
    (before?.until ?? null) !== (next.acting?.until ?? null);
  ended = next.ended;
  try {
    if (next.acting) Taro.setStorageSync(STORAGE_KEY, next.acting);
    else Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // storage unavailable: the banner follows the next answer
  }
  const state = actingState();
  for (const listener of [...listeners]) listener(state);
  if (whoChanged) principalChanged();
}

/** The current state, without re-rendering. */
export function actingState(): ActingState {
  return { acting: load(), ended };
}

/** The state, re-rendering the caller when it changes. */
export function useActing(): ActingState {
  const [value, setValue] = useState(actingState);
  useEffect(() => {
    listeners.add(setValue);
    setValue(actingState());
    return () => void listeners.delete(setValue);
  }, []);
  return value;
}

// The right ended since the last request: the BFF already went back to oneself.
onErrorCode('ACTING_RIGHT_ENDED', () => set({ acting: null, ended: true }));
// Signed out, account deleted, or a fresh login (a new session acts for no one).
onMeChange((me) => {
  if (!me && load()) set({ acting: null, ended: false });
});

/** Asks the BFF who this session acts for (at the app's start). @returns the error, or null. */
export async function refreshActing(): Promise<ApiError | null> {
  const result = await authed(ActingForDocument, {});
  if (!result.data) return result.errors[0] ?? null;
  set({ acting: result.data.actingFor, ended: false });
  return null;
}

/** Starts acting for the relation `ref` (from myFamily). @returns who, or the error (ACTING_NO_RIGHT, …). */
export async function startActing(ref: string): Promise<ApiResult<Acting>> {
  const result = await authed(ActAsDocument, { ref });
  if (!result.data) return { data: null, errors: result.errors };
  set({ acting: result.data.actAs, ended: false });
  return { data: result.data.actAs, errors: [] };
}

/** Back to acting for oneself. @returns null when done, or the error (the network). */
export async function stopActing(): Promise<ApiError | null> {
  const result = await authed(StopActingDocument, {});
  // ACTING_RIGHT_ENDED already cleared it; anything else leaves the banner up with its way back.
  if (!result.data) return result.errors[0]?.code === 'ACTING_RIGHT_ENDED' ? null : (result.errors[0] ?? null);
  set({ acting: null, ended: false });
  return null;
}

/** The citizen read that acting ended. */
export function dismissEnded(): void {
  if (ended) set({ acting: load(), ended: false });
}
