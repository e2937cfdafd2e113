import { useMemo, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { ServiceLine } from '@citizen/shared';
import { useHomeScreen } from '../../features/catalogue/useHomeScreen';
import { selectTiles } from '../../features/catalogue/selectTiles';
import { openTile } from '../../features/catalogue/openTile';
import { useServiceSearch } from '../../features/catalogue/useServiceSearch';
import { FourLines } from '../../features/catalogue/FourLines';
import { TileGrid } from '../../features/catalogue/TileGrid';
import { iconFor } from '../../features/catalogue/icons';
import { refreshUnreadBadge } from '../../features/messages/badge';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import './index.scss';

/**
 * 办事: every service by category, narrowed by one of the four lines, and a search
 * that asks the BFF as the citizen types (titles, English, pinyin initials).
 */
export default function ServicesPage() {
  const catalogue = useHomeScreen();
  const [line, setLine] = useState<ServiceLine | null>(null);
  const [keyword, setKeyword] = useState('');
  const search = useServiceSearch(keyword);
  const sections = useMemo(() => (catalogue.data ? selectTiles(catalogue.data, { line }) : []), [catalogue.data, line]);
  const results = useMemo(() => (search.results ?? []).filter((r) => !line || r.line === line), [search.results, line]);

  useDidShow(() => void refreshUnreadBadge());
  usePullDownRefresh(() => {
    void catalogue.refetch().finally(() => Taro.stopPullDownRefresh());
  });

  let body: JSX.Element;
  if (keyword.trim()) {
    // While a new query is on its way the previous results stay, so the list does not flash.
    if (search.results === null && search.error && !search.searching) body = <ErrorState error={search.error} onRetry={() => void search.retry()} />;
    else if (search.results === null || (search.searching && results.length === 0)) body = <Loading label='正在搜索…' />;
    else if (results.length === 0) body = <Empty label='没有找到相关服务，试试其他关键词或拼音首字母，如 gjj' />;
    else {
      body = (
        <View className='services__results' role='list' aria-label='搜索结果'>
          {results.map((result) => {
            const icon = iconFor(result.icon);
            const unavailable = result.available === false;
            return (
              <View
                key={result.id}
                className={`services__result${unavailable ? ' services__result--unavailable' : ''}`}
                role='button'
                aria-label={unavailable ? `${result.title}，维护中` : result.title}
                data-tile-id={result.id}
                onClick={() => void openTile(result)}
              >
                <View className='services__result-icon' style={{ backgroundColor: unavailable ? '#a0a8b5' : icon.color }}>
                  <Text className='services__result-glyph'>{result.icon.startsWith('upload:') ? result.title.slice(0, 1) : icon.glyph}</Text>
                </View>
                <View className='services__result-text'>
                  <Text className='services__result-title'>{result.title}</Text>
                  <Text className='services__result-category'>{result.category.name}{unavailable ? '　维护中' : ''}</Text>
                </View>
                <Text className='services__result-chevron'>›</Text>
              </View>
            );
          })}
        </View>
      );
    }
  } else if (catalogue.loading && !catalogue.data) body = <Loading />;
  else if (!catalogue.data) body = <ErrorState error={catalogue.errors[0]} onRetry={() => void catalogue.refetch()} />;
  else if (sections.length === 0) body = <Empty label='这一类暂无服务' />;
  else body = <TileGrid sections={sections} onOpen={openTile} />;

  return (
    <View className='services'>
      <View className='services__header'>
        <View className='services__search-bar'>
          <Text className='services__search-icon'>⌕</Text>
          <Input
            className='services__search'
            type='text'
            confirmType='search'
            placeholder='搜索服务，如：公积金、gjj、挪车'
            value={keyword}
            onInput={(e) => setKeyword(e.detail.value)}
            aria-label='搜索服务'
          />
          {keyword ? (
            <View className='services__search-clear' role='button' aria-label='清除搜索' onClick={() => setKeyword('')}>
              <Text>✕</Text>
            </View>
          ) : null}
        </View>
      </View>
      <FourLines selected={line} onSelect={setLine} />
      {body}
    </View>
  );
}
