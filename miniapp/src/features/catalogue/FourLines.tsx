import { Text, View } from '@tarojs/components';
import type { ServiceLine } from '@citizen/shared';
import { useT } from '../../preferences';
import { Icon } from '../../components/Icon';
import { LINES } from './selectTiles';
import './catalogue.scss';

/**
 * 办 查 约 问: tapping one narrows the tiles to that line; tapping it again clears it. Each
 * tab is named by its visible label (no aria-label that could say something else).
 */
export function FourLines({
  selected,
  onSelect,
}: {
  selected: ServiceLine | null;
  onSelect: (line: ServiceLine | null) => void;
}) {
  const t = useT();
  return (
    <View className='four-lines' role='tablist' aria-label={t('按办事类型筛选', 'Filter by what you want to do')}>
      {LINES.map(({ line, icon, label: zh, labelEn }) => {
        const label = t(zh, labelEn);
        return (
          <View
            key={line}
            className={`four-lines__item${selected === line ? ' four-lines__item--selected' : ''}`}
            onClick={() => onSelect(selected === line ? null : line)}
            role='tab'
            aria-selected={selected === line}
            data-line={line}
          >
            <View className='four-lines__icon' aria-hidden='true'>
              <Icon name={icon} color='#ffffff' size={48} className='four-lines__svg' />
            </View>
            {/* The chosen line is marked with a tick as well as a colour (the tick is not read out: aria-selected says it). */}
            <Text className='four-lines__label'>
              {selected === line ? <Text aria-hidden='true'>✓ </Text> : null}
              {label}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
