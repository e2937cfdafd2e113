import { Text, View } from '@tarojs/components';
import { useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { openAppPage } from '../../components/navigation';
import { Icon, type IconName } from '../../components/Icon';
import { iconFor } from './icons';
import type { Tile } from './selectTiles';

/**
 * The most used services, most used first (the tiles 粤省事's elder zone leads with),
 * by tile id: a tile the operators removed or that this region lacks is left out.
 */
export const ELDER_TILE_IDS = ['si-payment-record', 'pf-balance', 'car-move', 'my-licences', 'medical-card'] as const;

/** Pages of the app itself that every citizen has, after the services. */
const ELDER_PAGES: Array<{ url: string; zh: string; en: string; icon: IconName; color: string }> = [
  { url: '/pages/applications/index', zh: '我的办件', en: 'My applications', icon: 'file', color: '#0f766e' },
  { url: '/pages/messages/index', zh: '消息', en: 'Messages', icon: 'bell', color: '#6366f1' },
];

/** The tiles of the short list, in its order, from what the BFF sent. */
export function elderTiles(tiles: readonly Tile[]): Tile[] {
  return ELDER_TILE_IDS.map((id) => tiles.find((tile) => tile.id === id)).filter(
    (tile): tile is Tile => tile !== undefined,
  );
}

/** One large row, named by its visible words (title and note); the icon and chevron are decoration. */
function Row({
  icon,
  color,
  title,
  note,
  onOpen,
  data,
}: {
  icon: IconName;
  color: string;
  title: string;
  note?: string;
  onOpen: () => void;
  data: Record<string, string>;
}) {
  return (
    <View
      className={`elder-home__item${note ? ' elder-home__item--unavailable' : ''}`}
      role='button'
      onClick={onOpen}
      {...data}
    >
      <View className='elder-home__icon' style={{ backgroundColor: note ? '#a0a8b5' : color }} aria-hidden='true'>
        <Icon name={icon} color='#ffffff' size={60} />
      </View>
      <View className='elder-home__words'>
        <Text className='elder-home__title'>{title}</Text>
        {note ? <Text className='elder-home__note'>{note}</Text> : null}
      </View>
      <Icon name='forward' color='#5b6472' size={48} className='elder-home__chevron' />
    </View>
  );
}

/**
 * Home in elder mode: a short list of large rows instead of the full grid, a few
 * words on how to use it, and one way to everything else (the 办事 tab).
 */
export function ElderHome({ tiles, onOpen }: { tiles: readonly Tile[]; onOpen: (tile: Tile) => void }) {
  const t = useT();
  return (
    <View className='elder-home'>
      <Text className='elder-home__lead'>
        {t('常用服务已放大显示，点一下即可进入。', 'Your most used services, in large print. Tap one to open it.')}
      </Text>
      <Text className='elder-home__lead'>
        {t('需要其他服务，请点最下面的“全部服务”。', 'For anything else, tap “All services” at the bottom.')}
      </Text>
      <View className='elder-home__list' role='group' aria-label={t('常用服务', 'Most used services')}>
        {elderTiles(tiles).map((tile) => {
          const icon = iconFor(tile.icon);
          return (
            <Row
              key={tile.id}
              icon={icon.icon}
              color={icon.color}
              title={localized(tile.title, tile.titleEn)}
              note={tile.available === false ? t('维护中', 'under maintenance') : undefined}
              onOpen={() => onOpen(tile)}
              data={{ 'data-tile-id': tile.id }}
            />
          );
        })}
        {ELDER_PAGES.map((page) => (
          <Row
            key={page.url}
            icon={page.icon}
            color={page.color}
            title={t(page.zh, page.en)}
            onOpen={() => openAppPage(page.url)}
            data={{ 'data-page': page.url }}
          />
        ))}
      </View>
      <View className='elder-home__all' role='button' onClick={() => openAppPage('/pages/services/index')}>
        <Text>{t('全部服务', 'All services')}</Text>
        <Text aria-hidden='true'> ›</Text>
      </View>
    </View>
  );
}
