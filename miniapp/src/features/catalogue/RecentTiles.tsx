import { Text, View } from '@tarojs/components';
import { useT } from '../../preferences';
import { TileView } from './TileGrid';
import type { Tile } from './selectTiles';
import './home-sections.scss';

/** 最近使用: the last services opened on this device (recent.ts), as tiles, at most four. */
export function RecentTiles({
  ids,
  tiles,
  onOpen,
}: {
  ids: readonly string[];
  tiles: readonly Tile[];
  onOpen: (tile: Tile) => void;
}) {
  const t = useT();
  const recent = ids
    .map((id) => tiles.find((tile) => tile.id === id))
    .filter((tile): tile is Tile => !!tile)
    .slice(0, 4);
  if (recent.length === 0) return null;
  return (
    <View className='home-section home-recent' role='region' aria-label={t('最近使用', 'Recently used')}>
      <Text className='home-section__title'>{t('最近使用', 'Recently used')}</Text>
      <View className='tile-grid__tiles'>
        {recent.map((tile) => (
          <TileView key={tile.id} tile={tile} onOpen={onOpen} />
        ))}
      </View>
    </View>
  );
}
