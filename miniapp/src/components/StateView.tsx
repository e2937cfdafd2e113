import { Text, View } from '@tarojs/components';
import { ActionButton } from './ActionButton';
import type { ApiError } from '../api/client';
import { t } from '../preferences';
import './StateView.scss';

/** Shown while waiting: every wait has one. The words follow the page's language (its page re-renders on a change). */
export function Loading({ label = t('正在加载…', 'Loading…') }: { label?: string }) {
  return (
    <View className='state state--loading' aria-busy='true' aria-label={label}>
      <View className='state__spinner' />
      <Text className='state__text'>{label}</Text>
    </View>
  );
}

/** A failure with its message and a way to try again; never a blank screen. */
export function ErrorState({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <View className='state state--error' role='alert'>
      <Text className='state__title'>{t('暂时无法加载', 'Could not load this')}</Text>
      <Text className='state__text'>{error.message}</Text>
      <ActionButton className='state__retry' onClick={onRetry} label={t('重试', 'Try again')} />
    </View>
  );
}

export function Empty({ label }: { label: string }) {
  return (
    <View className='state state--empty'>
      <Text className='state__text'>{label}</Text>
    </View>
  );
}
