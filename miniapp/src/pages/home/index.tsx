import { useMemo, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { ServiceLine } from '@citizen/shared';
import { useHomeScreen } from '../../features/catalogue/useHomeScreen';
import { selectTiles, type Tile } from '../../features/catalogue/selectTiles';
import { openTile } from '../../features/catalogue/openTile';
import { FourLines } from '../../features/catalogue/FourLines';
import { TileGrid } from '../../features/catalogue/TileGrid';
import { ElderHome } from '../../features/catalogue/ElderHome';
import { refreshUnreadBadge } from '../../features/messages/badge';
import { usePreferences, useT } from '../../preferences';
import { Screen } from '../../components/Screen';
import { ElderSwitch } from '../../components/PreferenceControls';
import { useDialogs } from '../../components/dialogs';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import './index.scss';

const TITLE = ['城市通', 'City Services'] as const;

/**
 * Home: the elder-mode switch at the top, then search, the four lines and the tile
 * grid from the BFF; in elder mode a short list of the most used services instead.
 */
export default function HomePage() {
  const t = useT();
  const { elder } = usePreferences();
  const dialogs = useDialogs();
  const home = useHomeScreen();
  const [line, setLine] = useState<ServiceLine | null>(null);
  const [keyword, setKeyword] = useState('');
  const sections = useMemo(() => (home.data ? selectTiles(home.data, { line, keyword }) : []), [home.data, line, keyword]);
  const open = (tile: Tile) => void openTile(tile, dialogs);

  // The 消息 tab's badge follows the citizen back to the app.
  useDidShow(() => void refreshUnreadBadge());
  usePullDownRefresh(() => {
    void home.refetch().finally(() => Taro.stopPullDownRefresh());
  });

  // Partial data: some fields failed but the rest of the screen stands.
  const partial = home.data && home.errors.length > 0 ? <Text className='home__notice'>{t('部分内容暂时无法显示：', 'Some of this screen could not be shown: ')}{home.errors[0].message}</Text> : null;

  let body: JSX.Element;
  if (home.loading && !home.data) body = <Loading />;
  else if (!home.data) body = <ErrorState error={home.errors[0]} onRetry={() => void home.refetch()} />;
  else if (elder) body = <ElderHome tiles={home.data.serviceTiles} onOpen={open} />;
  else if (sections.length === 0) body = <Empty label={keyword ? t(`没有找到“${keyword}”相关的服务`, `No services match “${keyword}”`) : t('暂无服务', 'No services yet')} />;
  else body = <TileGrid sections={sections} onOpen={open} />;

  return (
    <Screen title={TITLE} className={`home${elder ? ' home--elder' : ''}`}>
      <View className='home__header'>
        <ElderSwitch className='home__elder-switch' />
        <Text className='home__greeting'>{t('您好，欢迎使用城市通', 'Welcome to City Services')}</Text>
        {elder ? null : (
          <View className='home__search'>
            <Input
              className='home__search-input'
              type='text'
              confirmType='search'
              placeholder={t('搜索服务，如：公积金、挪车', 'Search, e.g. provident fund, move car')}
              value={keyword}
              onInput={(e) => setKeyword(e.detail.value)}
              aria-label={t('搜索服务', 'Search services')}
            />
          </View>
        )}
      </View>
      {/* In elder mode questions are asked here, in the page, not in a pop-up. */}
      {dialogs.view}
      {elder ? null : <FourLines selected={line} onSelect={setLine} />}
      {partial}
      {body}
    </Screen>
  );
}
