import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { platform } from '../platform';

/**
 * The citizen's display preferences: language (zh-CN by default, English) and elder
 * mode. Kept on the device (they are about the screen, not the person), read once at
 * start, and every mounted page re-renders when one changes.
 */
export type Locale = 'zh' | 'en';
/** How large elder mode draws text: 'large' by default, 'larger' for those who need more (MIIT: adjustable text). */
export type TextSize = 'large' | 'larger';
export interface Preferences {
  locale: Locale;
  elder: boolean;
  textSize: TextSize;
}

const KEY = 'citizen.preferences';
const DEFAULTS: Preferences = { locale: 'zh', elder: false, textSize: 'large' };
const listeners = new Set<(preferences: Preferences) => void>();

function load(): Preferences {
  try {
    const stored = Taro.getStorageSync(KEY) as Partial<Preferences> | '';
    if (stored && typeof stored === 'object')
      return {
        locale: stored.locale === 'en' ? 'en' : 'zh',
        elder: stored.elder === true,
        textSize: stored.textSize === 'larger' ? 'larger' : 'large',
      };
  } catch {
    // storage unavailable: defaults
  }
  // Until the citizen chooses in the app, elder mode follows the large text they chose in the platform (WeChat's font size).
  const large = platform.largeText();
  return large ? { ...DEFAULTS, elder: true, textSize: large } : { ...DEFAULTS };
}

let current: Preferences = load();

export function preferences(): Preferences {
  return current;
}

export function setPreferences(change: Partial<Preferences>): void {
  current = { ...current, ...change };
  try {
    Taro.setStorageSync(KEY, current);
  } catch {
    // kept for this session only
  }
  for (const listener of listeners) listener(current);
}

/** The preferences, re-rendering the caller when they change. */
export function usePreferences(): Preferences {
  const [value, setValue] = useState(current);
  useEffect(() => {
    listeners.add(setValue);
    setValue(current);
    return () => void listeners.delete(setValue);
  }, []);
  return value;
}

/** Text in the current language, written side by side where it is used: t('首页', 'Home'). */
export function t(zh: string, en: string): string {
  return current.locale === 'en' ? en : zh;
}

/**
 * The same, re-rendering the caller when the language changes. One function per
 * language, so memos and effects can list it and run again only when the language changes.
 */
export function useT(): (zh: string, en: string) => string {
  const { locale } = usePreferences();
  return useCallback((zh: string, en: string) => (locale === 'en' ? en : zh), [locale]);
}
