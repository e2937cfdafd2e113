import { Text, View } from '@tarojs/components';
import { ActionButton } from './ActionButton';
import type { ApiError } from '../api/client';
import './StateView.scss';

/** Shown while waiting: every wait has one. */
export function Loading({ label = '正在加载…' }: { label?: string }) {
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
      <Text className='state__title'>暂时无法加载</Text>
      <Text className='state__text'>{error.message}</Text>
      <ActionButton className='state__retry' onClick={onRetry} label='重试' />
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
