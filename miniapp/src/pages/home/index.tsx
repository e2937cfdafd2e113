import { useLayoutEffect, useMemo, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { ServiceLine } from '@citizen/shared';
import { useHomeScreen } from '../../features/catalogue/useHomeScreen';
import { selectTiles, type Tile } from '../../features/catalogue/selectTiles';
import { openTile } from '../../features/catalogue/openTile';
import { FourLines } from '../../features/catalogue/FourLines';
import { TileGrid } from '../../features/catalogue/TileGrid';
import { ElderHome } from '../../features/catalogue/ElderHome';
import { HomeNotices } from '../../features/catalogue/HomeNotices';
import { HomeTodos } from '../../features/catalogue/HomeTodos';
import { RecentTiles } from '../../features/catalogue/RecentTiles';
import { recentTileIds, rememberTile } from '../../features/catalogue/recent';
import { keyboardButton } from '../../features/catalogue/keyboard';
import { releaseHomeShell } from '../../features/catalogue/shell';
import { refreshUnreadBadge } from '../../features/messages/badge';
import { cachedMe } from '../../features/identity/session';
import { useActing } from '../../features/family/acting';
import { FAMILY_PAGE } from '../../features/family/ActingBanner';
import { setPreferences, usePreferences, useT } from '../../preferences';
import { Screen } from '../../components/Screen';
import { useDialogs } from '../../components/dialogs';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import './index.scss';

const TITLE = ['城市通', 'City Services'] as const;

/**
 * Home, as a city app lays it out: search and a small 长辈版 entry in the header, the
 * city's banner and notices (published from the console), the four lines, 待办 for a
 * verified citizen, 最近使用 from this device, then the tile grid from the BFF; in
 * elder mode the banner and a short list of the most used services instead. Elder mode
 * is also in 我的 → 显示设置.
 */
export default function HomePage() {
  const t = useT();
  const { elder } = usePreferences();
  const dialogs = useDialogs();
  const home = useHomeScreen();
  const [line, setLine] = useState<ServiceLine | null>(null);
  const [keyword, setKeyword] = useState('');
  const [recent, setRecent] = useState<string[]>(() => recentTileIds());
  // 为谁办理 (issue 17) for a verified citizen, beside 长辈模式: a parent applies for their child from here.
  const [verified, setVerified] = useState(() => (cachedMe()?.level ?? 0) >= 2);
  const { acting } = useActing();
  const sections = useMemo(
    () => (home.data ? selectTiles(home.data, { line, keyword }) : []),
    [home.data, line, keyword],
  );
  const open = (tile: Tile) => {
    setRecent(rememberTile(tile.id));
    void openTile(tile, dialogs);
  };

  // The 消息 tab's badge follows the citizen back to the app.
  useDidShow(() => {
    void refreshUnreadBadge();
    setVerified((cachedMe()?.level ?? 0) >= 2);
  });
  usePullDownRefresh(() => {
    void home.refetch().finally(() => Taro.stopPullDownRefresh());
  });

  // H5: the server-drawn tiles (index.html) stay over this page until it has its own to show, so nothing blinks to a spinner.
  // A layout effect: the shell goes in the same task as this page's tiles arrive, never two sets at once.
  const settled = !!home.data || !home.loading;
  useLayoutEffect(() => {
    if (settled) releaseHomeShell();
  }, [settled]);

  // Partial data: some fields failed but the rest of the screen stands.
  const partial =
    home.data && home.errors.length > 0 ? (
      <Text className='home__notice'>
        {t('部分内容暂时无法显示：', 'Some of this screen could not be shown: ')}
        {home.errors[0].message}
      </Text>
    ) : null;

  let body: JSX.Element;
  if (home.loading && !home.data) body = <Loading />;
  else if (!home.data) body = <ErrorState error={home.errors[0]} onRetry={() => void home.refetch()} />;
  else if (elder) body = <ElderHome tiles={home.data.serviceTiles} onOpen={open} />;
  else if (sections.length === 0)
    body = (
      <Empty
        label={
          keyword
            ? t(`没有找到“${keyword}”相关的服务`, `No services match “${keyword}”`)
            : t('暂无服务', 'No services yet')
        }
      />
    );
  else body = <TileGrid sections={sections} onOpen={open} />;

  return (
    <Screen title={TITLE} className={`home${elder ? ' home--elder' : ''}`}>
      <View className='home__header'>
        <View className='home__top'>
          <Text className='home__greeting'>{t('您好，欢迎使用城市通', 'Welcome to City Services')}</Text>
          {verified ? (
            <View
              className='home__elder-entry home__family-entry'
              {...keyboardButton(() => void Taro.navigateTo({ url: FAMILY_PAGE }))}
            >
              <Text className='home__elder-label'>{t('为谁办理', 'Acting for')}</Text>
              <Text className='home__elder-state'>{acting ? acting.maskedName : t('本人', 'Myself')}</Text>
            </View>
          ) : null}
          {/* A small entry, not the largest thing on screen; its state is in its words. */}
          <View
            className='home__elder-entry'
            {...keyboardButton(() => setPreferences({ elder: !elder }))}
            role='switch'
            aria-checked={elder}
            aria-label={t('长辈模式', 'Elder mode')}
          >
            <Text className='home__elder-label'>{t('长辈模式', 'Elder mode')}</Text>
            <Text className='home__elder-state'>{elder ? t('已开启', 'On') : t('未开启', 'Off')}</Text>
          </View>
        </View>
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
      {home.data ? <HomeNotices notices={home.data.homeNotices} /> : null}
      {elder ? null : <FourLines selected={line} onSelect={setLine} />}
      {elder || line || keyword ? null : <HomeTodos />}
      {home.data && !elder && !line && !keyword ? (
        <RecentTiles ids={recent} tiles={home.data.serviceTiles} onOpen={open} />
      ) : null}
      {partial}
      {body}
    </Screen>
  );
}
