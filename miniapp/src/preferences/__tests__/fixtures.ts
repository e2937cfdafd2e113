/**
 * What the language and elder-mode tests share (not a test file itself): a home
 * screen with the tiles elder mode lists first, and a reset of the preferences.
 */
import { act } from '@testing-library/react';
import type { HomeScreenQuery } from '@citizen/shared';
import { setPreferences, type Preferences } from '..';

export const HOME: HomeScreenQuery = {
  homeNotices: [],
  serviceCategories: [
    { id: 'social-insurance', name: '社会保障', nameEn: 'Social insurance', icon: 'shield', order: 10 },
    { id: 'provident-fund', name: '住房公积金', nameEn: 'Housing provident fund', icon: 'fund', order: 20 },
    { id: 'transport', name: '交通出行', nameEn: 'Transport', icon: 'car', order: 30 },
    { id: 'legal', name: '法律服务', nameEn: 'Legal services', icon: 'scale', order: 40 },
  ],
  serviceTiles: [
    {
      id: 'si-payment-record',
      title: '社保缴费记录',
      titleEn: 'Social insurance payments',
      icon: 'shield',
      line: 'INQUIRE',
      badge: 'HOT',
      requiredLevel: 2,
      available: true,
      category: { id: 'social-insurance' },
      target: { kind: 'SERVICE', value: 'si-payment-record' },
    },
    {
      id: 'pf-balance',
      title: '公积金余额查询',
      titleEn: 'Provident fund balance',
      icon: 'fund',
      line: 'INQUIRE',
      badge: null,
      requiredLevel: 2,
      available: true,
      category: { id: 'provident-fund' },
      target: { kind: 'SERVICE', value: 'pf-balance' },
    },
    {
      id: 'car-move',
      title: '一键挪车',
      titleEn: 'Move my blocked car',
      icon: 'car',
      line: 'DO',
      badge: 'HOT',
      requiredLevel: 2,
      available: false,
      category: { id: 'transport' },
      target: { kind: 'PAGE', value: '/pages/car-move/index' },
    },
    {
      id: 'hotline-12345',
      title: '12345热线',
      titleEn: '12345 hotline',
      icon: 'phone',
      line: 'ASK',
      badge: null,
      requiredLevel: 0,
      available: null,
      category: { id: 'legal' },
      target: { kind: 'SERVICE', value: 'hotline-12345' },
    },
  ],
};

export const DEFAULT_PREFERENCES: Preferences = { locale: 'zh', elder: false, textSize: 'large' };

/** Sets preferences as the switches would, inside act (every mounted page re-renders). */
export function choose(change: Partial<Preferences>): void {
  act(() => setPreferences(change));
}
