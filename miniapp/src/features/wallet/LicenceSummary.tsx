import { Text } from '@tarojs/components';
import type { LicenceFieldsFragment } from '@citizen/shared';
import { expiredMark } from './labels';
import './wallet.scss';

/** The licence's title in the reader's language. */
export function licenceTitle(licence: Pick<LicenceFieldsFragment, 'title' | 'titleEn'>, locale: 'zh' | 'en'): string {
  return locale === 'en' ? licence.titleEn : licence.title;
}

/** "已过期" beside a licence past its date: words with a symbol, the colour only repeats them. */
export function ExpiredMark({ className = '' }: { className?: string }) {
  return <Text className={`licence-expired ${className}`}>⚠ {expiredMark()}</Text>;
}
