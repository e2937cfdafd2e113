import { Image, Text, View } from '@tarojs/components';
import { platform } from '../../platform';
import { iconFor } from './icons';
import type { Tile, TileSection } from './selectTiles';
import './catalogue.scss';

const BADGE_TEXT = { NEW: '新', HOT: '热' } as const;

export function TileView({ tile, onOpen }: { tile: Tile; onOpen: (tile: Tile) => void }) {
  const icon = iconFor(tile.icon);
  const unavailable = tile.available === false;
  return (
    <View
      className={`tile${unavailable ? ' tile--unavailable' : ''}`}
      onClick={() => onOpen(tile)}
      role='button'
      aria-label={unavailable ? `${tile.title}，维护中` : tile.title}
      data-tile-id={tile.id}
    >
      {tile.icon.startsWith('upload:') ? (
        // An icon an operator uploaded (checked and stripped by the BFF), served at /icons/:id.
        <Image className='tile__icon tile__icon--image' src={`${platform.bffUrl}/icons/${tile.icon.slice('upload:'.length)}`} mode='aspectFill' />
      ) : (
        <View className='tile__icon' style={{ backgroundColor: unavailable ? '#a0a8b5' : icon.color }}>
          <Text className='tile__glyph'>{icon.glyph}</Text>
        </View>
      )}
      <Text className='tile__title'>{tile.title}</Text>
      {tile.badge && !unavailable ? <Text className={`tile__badge tile__badge--${tile.badge.toLowerCase()}`}>{BADGE_TEXT[tile.badge]}</Text> : null}
      {unavailable ? <Text className='tile__note'>维护中</Text> : null}
    </View>
  );
}

/** Tiles under their category headings. */
export function TileGrid({ sections, onOpen }: { sections: TileSection[]; onOpen: (tile: Tile) => void }) {
  return (
    <View className='tile-grid'>
      {sections.map(({ category, tiles }) => (
        <View className='tile-grid__section' key={category.id}>
          <Text className='tile-grid__heading'>{category.name}</Text>
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
