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
import { useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { Screen } from '../../components/Screen';
import { Icon } from '../../components/Icon';
import { useDialogs } from '../../components/dialogs';
import './index.scss';

const TITLE = ['办事大厅', 'Services'] as const;

/**
 * 办事: every service by category, narrowed by one of the four lines, and a search
 * that asks the BFF as the citizen types (titles, English, pinyin initials).
 */
export default function ServicesPage() {
  const t = useT();
  const dialogs = useDialogs();
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
    if (search.results === null && search.error && !search.searching)
      body = <ErrorState error={search.error} onRetry={() => void search.retry()} />;
    else if (search.results === null || (search.searching && results.length === 0))
      body = <Loading label={t('正在搜索…', 'Searching…')} />;
    else if (results.length === 0)
      body = (
        <Empty
          label={t(
            '没有找到相关服务，试试其他关键词或拼音首字母，如 gjj',
            'No services found. Try other words, or pinyin initials such as gjj.',
          )}
        />
      );
    else {
      body = (
        <View className='services__results' role='group' aria-label={t('搜索结果', 'Search results')}>
          {results.map((result) => {
            const icon = iconFor(result.icon);
            const unavailable = result.available === false;
            const title = localized(result.title, result.titleEn);
            return (
              <View
                key={result.id}
                className={`services__result${unavailable ? ' services__result--unavailable' : ''}`}
                role='button'
                data-tile-id={result.id}
                onClick={() => void openTile(result, dialogs)}
              >
                <View
                  className='services__result-icon'
                  style={{ backgroundColor: unavailable ? '#a0a8b5' : icon.color }}
                  aria-hidden='true'
                >
                  <Icon name={result.icon.startsWith('upload:') ? 'service' : icon.icon} color='#ffffff' size={44} />
                </View>
                <View className='services__result-text'>
                  <Text className='services__result-title'>{title}</Text>
                  <Text className='services__result-category'>
                    {localized(result.category.name, result.category.nameEn)}
                    {unavailable ? t('　维护中', ' · under maintenance') : ''}
                  </Text>
                </View>
                <Icon name='forward' color='#5b6472' size={36} className='services__result-chevron' />
              </View>
            );
          })}
        </View>
      );
    }
  } else if (catalogue.loading && !catalogue.data) body = <Loading />;
  else if (!catalogue.data) body = <ErrorState error={catalogue.errors[0]} onRetry={() => void catalogue.refetch()} />;
  else if (sections.length === 0) body = <Empty label={t('这一类暂无服务', 'No services of this kind yet')} />;
  else body = <TileGrid sections={sections} onOpen={(tile) => void openTile(tile, dialogs)} />;

  return (
    <Screen title={TITLE} className='services'>
      <View className='services__header'>
        <View className='services__search-bar'>
          <Text className='services__search-icon' aria-hidden='true'>
            ⌕
          </Text>
          <Input
            className='services__search'
            type='text'
            confirmType='search'
            placeholder={t('搜索服务，如：公积金、gjj、挪车', 'Search, e.g. provident fund, gjj, car')}
            value={keyword}
            onInput={(e) => setKeyword(e.detail.value)}
            aria-label={t('搜索服务', 'Search services')}
          />
          {keyword ? (
            <View
              className='services__search-clear'
              role='button'
              aria-label={t('清除搜索', 'Clear search')}
              onClick={() => setKeyword('')}
            >
              <Text aria-hidden='true'>✕</Text>
            </View>
          ) : null}
        </View>
      </View>
      {dialogs.view}
      <FourLines selected={line} onSelect={setLine} />
      {body}
    </Screen>
  );
}
