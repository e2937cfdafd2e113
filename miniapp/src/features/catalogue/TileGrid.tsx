import { Image, Text, View } from '@tarojs/components';
import { platform } from '../../platform';
import { t } from '../../preferences';
import { Icon } from '../../components/Icon';
import { localized, pair } from '../../preferences/format';
import { iconFor } from './icons';
import { hasLongWord } from '@citizen/shared';
import { titleLines } from './titleLines';
import type { Tile, TileSection } from './selectTiles';
import './catalogue.scss';

const BADGE_TEXT = { NEW: ['新', 'New'], HOT: ['热', 'Hot'] } as const;

/**
 * One tile: its icon, its title in the citizen's language (titleEn from the BFF), the
 * state in words. Its accessible name is its own visible words (title, badge, note), so
 * what a screen reader or voice control says is what is on screen. The page that renders
 * it re-renders on a language change (useT).
 */
export function TileView({ tile, onOpen }: { tile: Tile; onOpen: (tile: Tile) => void }) {
  const icon = iconFor(tile.icon);
  const unavailable = tile.available === false;
  const title = localized(tile.title, tile.titleEn);
  return (
    <View
      className={`tile${unavailable ? ' tile--unavailable' : ''}`}
      onClick={() => onOpen(tile)}
      role='button'
      data-tile-id={tile.id}
    >
      {tile.icon.startsWith('upload:') ? (
        // An icon an operator uploaded (checked and stripped by the BFF), served at /icons/:id.
        <Image
          className='tile__icon tile__icon--image'
          src={`${platform.bffUrl}/icons/${tile.icon.slice('upload:'.length)}`}
          mode='aspectFill'
          aria-hidden='true'
        />
      ) : (
        <View
          className='tile__icon'
          style={{ backgroundColor: unavailable ? '#a0a8b5' : icon.color }}
          aria-hidden='true'
        >
          <Icon name={icon.icon} color='#ffffff' size={52} className='tile__svg' />
        </View>
      )}
      <View className={`tile__title${hasLongWord(title) ? ' tile__title--long-word' : ''}`}>
        {/* Read whole (a line break inside a word would be read as a pause); the lines are for the eye. */}
        <Text className='tile__name'>{title}</Text>
        <View aria-hidden='true'>
          {titleLines(title).map((line, i) => (
            <Text key={i} className='tile__line'>
              {line}
            </Text>
          ))}
        </View>
      </View>
      {tile.badge && !unavailable ? (
        <Text className={`tile__badge tile__badge--${tile.badge.toLowerCase()}`}>{pair(BADGE_TEXT[tile.badge])}</Text>
      ) : null}
      {unavailable ? <Text className='tile__note'>{t('维护中', 'Maintenance')}</Text> : null}
    </View>
  );
}

/** Tiles under their category headings. */
export function TileGrid({ sections, onOpen }: { sections: TileSection[]; onOpen: (tile: Tile) => void }) {
  return (
    <View className='tile-grid'>
      {sections.map(({ category, tiles }) => (
        <View className='tile-grid__section' key={category.id}>
          <Text className='tile-grid__heading'>{localized(category.name, category.nameEn)}</Text>
          <View className='tile-grid__tiles'>
            {tiles.map((tile) => (
              <TileView key={tile.id} tile={tile} onOpen={onOpen} />
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}
