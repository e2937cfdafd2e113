import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Icon, type IconName } from './Icon';
import { pressable } from './pressable';
import './design.scss';

/** A titled group of cells on a white card, as in the platforms' own settings pages. */
export function ListGroup({
  title,
  className = '',
  children,
}: {
  title?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <View className={`list-group ${className}`}>
      {title ? <Text className='list-group__title'>{title}</Text> : null}
      <View className='list-group__cells'>{children}</View>
    </View>
  );
}

export interface ListCellProps {
  title: string;
  /** A second line under the title (a date, a masked number). */
  description?: string;
  /** What the row holds, on the right (a state, a count). */
  value?: string;
  icon?: IconName;
  /** Makes the row a control with a chevron: one tab stop, Enter and Space press it. */
  onPress?: () => void;
  /** A control of its own at the right end instead of the chevron (e.g. 解除关联). */
  extra?: ReactNode;
  tone?: 'normal' | 'danger';
  className?: string;
}

/**
 * One row per thing: icon, title (and a line under it), value, chevron. A pressable
 * cell's accessible name is its visible text, in reading order, so what a screen
 * reader or voice control says is what is on screen.
 */
export function ListCell({
  title,
  description,
  value,
  icon,
  onPress,
  extra,
  tone = 'normal',
  className = '',
}: ListCellProps) {
  const press = onPress ? pressable(onPress) : {};
  return (
    <View className={`list-cell list-cell--${tone}${onPress ? ' list-cell--pressable' : ''} ${className}`} {...press}>
      {icon ? (
        <Icon name={icon} className='list-cell__icon' color={tone === 'danger' ? '#b3261e' : '#1f6feb'} size={44} />
      ) : null}
      <View className='list-cell__body'>
        <Text className='list-cell__title'>{title}</Text>
        {description ? <Text className='list-cell__description'>{description}</Text> : null}
      </View>
      {value ? <Text className='list-cell__value'>{value}</Text> : null}
      {extra}
      {onPress ? <Icon name='forward' className='list-cell__chevron' color='#5b6472' size={36} /> : null}
    </View>
  );
}
