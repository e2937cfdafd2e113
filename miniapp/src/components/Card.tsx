import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Icon, type IconName } from './Icon';
import './design.scss';

/** A white card with an optional heading: the one container every screen uses for a block of content. */
export function Card({
  title,
  icon,
  className = '',
  children,
}: {
  title?: string;
  icon?: IconName;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <View className={`card ${className}`}>
      {title ? (
        <View className='card__head'>
          {icon ? <Icon name={icon} size={40} className='card__icon' /> : null}
          <Text className='card__title'>{title}</Text>
        </View>
      ) : null}
      {children}
    </View>
  );
}
