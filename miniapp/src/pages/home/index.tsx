import { useMemo, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { ServiceLine } from '@citizen/shared';
import { useHomeScreen } from '../../features/catalogue/useHomeScreen';
import { selectTiles } from '../../features/catalogue/selectTiles';
import { openTile } from '../../features/catalogue/openTile';
import { FourLines } from '../../features/catalogue/FourLines';
import { TileGrid } from '../../features/catalogue/TileGrid';
import { refreshUnreadBadge } from '../../features/messages/badge';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import './index.scss';

/** Home: search, the four lines, and the tile grid from the BFF. */
export default function HomePage() {
  const home = useHomeScreen();
  const [line, setLine] = useState<ServiceLine | null>(null);
  const [keyword, setKeyword] = useState('');
  const sections = useMemo(() => (home.data ? selectTiles(home.data, { line, keyword }) : []), [home.data, line, keyword]);

  // The 消息 tab's badge follows the citizen back to the app.
  useDidShow(() => void refreshUnreadBadge());
  usePullDownRefresh(() => {
    void home.refetch().finally(() => Taro.stopPullDownRefresh());
  });

  let body: JSX.Element;
  if (home.loading && !home.data) body = <Loading />;
  else if (!home.data) body = <ErrorState error={home.errors[0]} onRetry={() => void home.refetch()} />;
  else if (sections.length === 0) body = <Empty label={keyword ? `没有找到“${keyword}”相关的服务` : '暂无服务'} />;
  else body = <TileGrid sections={sections} onOpen={openTile} />;

  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__greeting'>您好，欢迎使用城市通</Text>
        <View className='home__search'>
          <Input
            className='home__search-input'
            type='text'
            confirmType='search'
            placeholder='搜索服务，如：公积金、挪车'
            value={keyword}
            onInput={(e) => setKeyword(e.detail.value)}
            aria-label='搜索服务'
          />
        </View>
      </View>
      <FourLines selected={line} onSelect={setLine} />
      {/* Partial data: some fields failed but the rest of the screen stands. */}
      {home.data && home.errors.length > 0 ? <Text className='home__notice'>部分内容暂时无法显示：{home.errors[0].message}</Text> : null}
      {body}
    </View>
  );
}
