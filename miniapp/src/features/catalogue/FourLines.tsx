import { Text, View } from '@tarojs/components';
import type { ServiceLine } from '@citizen/shared';
import { useT } from '../../preferences';
import { LINES } from './selectTiles';
import './catalogue.scss';

/** 办 查 约 问: tapping one narrows the tiles to that line; tapping it again clears it. */
export function FourLines({ selected, onSelect }: { selected: ServiceLine | null; onSelect: (line: ServiceLine | null) => void }) {
  const t = useT();
  return (
    <View className='four-lines' role='tablist' aria-label={t('按办事类型筛选', 'Filter by what you want to do')}>
      {LINES.map(({ line, glyph, label: zh, labelEn }) => {
        const label = t(zh, labelEn);
        return (
          <View
            key={line}
            className={`four-lines__item${selected === line ? ' four-lines__item--selected' : ''}`}
            onClick={() => onSelect(selected === line ? null : line)}
            role='tab'
            aria-selected={selected === line}
            aria-label={label}
            data-line={line}
          >
            <Text className='four-lines__glyph'>{glyph}</Text>
            {/* The chosen line is marked with a tick as well as a colour. */}
            <Text className='four-lines__label'>{selected === line ? `✓ ${label}` : label}</Text>
          </View>
        );
      })}
    </View>
  );
}
