import { Text, View } from '@tarojs/components';
import type { ServiceLine } from '@citizen/shared';
import { LINES } from './selectTiles';
import './catalogue.scss';

/** 办 查 约 问: tapping one narrows the tiles to that line; tapping it again clears it. */
export function FourLines({ selected, onSelect }: { selected: ServiceLine | null; onSelect: (line: ServiceLine | null) => void }) {
  return (
    <View className='four-lines' role='tablist'>
      {LINES.map(({ line, glyph, label }) => (
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
          <Text className='four-lines__label'>{label}</Text>
        </View>
      ))}
    </View>
  );
}
