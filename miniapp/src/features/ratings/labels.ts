import type { RatingIndicator } from '@citizen/shared';
import { t } from '../../preferences';

/** GB/T 39734's five levels, best first, as the national system words them. */
export const LEVELS: ReadonlyArray<{ level: number; zh: string; en: string }> = [
  { level: 5, zh: '非常满意', en: 'Very satisfied' },
  { level: 4, zh: '满意', en: 'Satisfied' },
  { level: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { level: 2, zh: '不满意', en: 'Dissatisfied' },
  { level: 1, zh: '非常不满意', en: 'Very dissatisfied' },
];

/** What went wrong, for 3 or less. */
export const INDICATORS: ReadonlyArray<{ code: RatingIndicator; zh: string; en: string }> = [
  { code: 'EFFICIENCY', zh: '办事效率', en: 'How fast it was handled' },
  { code: 'GUIDE_ACCURACY', zh: '办事指南精确度', en: 'How accurate the guide was' },
  { code: 'CONVENIENCE', zh: '办事便捷度', en: 'How easy it was' },
  { code: 'PLATFORM_USABILITY', zh: '平台操作性', en: 'How easy the app was to use' },
  { code: 'ATTITUDE', zh: '服务态度', en: 'How staff treated you' },
];

export function levelLabel(level: number): string {
  const found = LEVELS.find((l) => l.level === level);
  return found ? t(found.zh, found.en) : String(level);
}
