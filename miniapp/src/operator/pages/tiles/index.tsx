import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  ConsoleCategoriesDocument,
  ConsoleTilesDocument,
  type ConsoleTilesQuery,
  type Platform,
  type TileState,
} from '@citizen/shared';
import { asOperator, stateName } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { useT } from '../../../preferences';
import { localized } from '../../../preferences/format';

const STATES: TileState[] = ['DRAFT', 'PUBLISHED', 'SCHEDULED', 'EXPIRED', 'UNPUBLISHED'];
const PLATFORMS: Platform[] = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'];

/** Every tile with its state, filtered by state and platform. */
export default function TilesPage() {
  const t = useT();
  const [tiles, setTiles] = useState<ConsoleTilesQuery['consoleTiles'] | null>(null);
  const [state, setState] = useState<TileState | null>(null);
  const [platform, setPlatform] = useState<Platform | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [categories, setCategories] = useState<Array<{ id: string; name: string; nameEn?: string }>>([]);

  useEffect(() => {
    void asOperator(ConsoleCategoriesDocument, {}).then((r) => r.data && setCategories(r.data.serviceCategories));
  }, []);

  useEffect(() => {
    setTiles(null);
    void asOperator(ConsoleTilesDocument, { state, platform }).then((r) =>
      r.data ? setTiles(r.data.consoleTiles) : setError(r.errors[0].message),
    );
  }, [state, platform]);

  const chip = <T,>(value: T, current: T | null, set: (v: T | null) => void, label: string) => (
    <View
      key={String(value)}
      className={`chip${current === value ? ' chip--on' : ''}`}
      role='button'
      aria-pressed={current === value}
      aria-label={label}
      onClick={() => set(current === value ? null : value)}
    >
      <Text>
        {current === value ? '✓ ' : ''}
        {label}
      </Text>
    </View>
  );

  return (
    <ConsoleShell title={['服务磁贴', 'Tiles']}>
      <View className='panel'>
        <View className='row'>
          <Text>{t('状态：', 'State:')}</Text>
          {STATES.map((s) => chip(s, state, setState, stateName(s)))}
        </View>
        <View className='row'>
          <Text>{t('平台：', 'Platform:')}</Text>
          {PLATFORMS.map((p) => chip(p, platform, setPlatform, p))}
        </View>
        <View className='row'>
          <Text>{t('分类：', 'Category:')}</Text>
          {categories.map((c) => chip(c.id, category, setCategory, localized(c.name, c.nameEn)))}
        </View>
        <View style={{ marginTop: '12PX' }}>
          <View
            className='btn'
            role='button'
            aria-label={t('新建磁贴', 'New tile')}
            onClick={() => void Taro.navigateTo({ url: '/operator/pages/edit/index' })}
          >
            <Text>{t('新建磁贴', 'New tile')}</Text>
          </View>
        </View>
      </View>
      {error ? (
        <View className='message message--error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='panel'>
        {tiles === null ? (
          <Text>{t('正在加载…', 'Loading…')}</Text>
        ) : tiles.length === 0 ? (
          <Text>{t('没有符合条件的磁贴', 'No tiles match')}</Text>
        ) : null}
        {(tiles ?? [])
          .filter((tile) => !category || tile.categoryId === category)
          .map((tile) => (
            <View
              key={tile.id}
              className='row console-tile'
              role='link'
              aria-label={t(`编辑 ${tile.title}`, `Edit ${tile.title}`)}
              onClick={() => void Taro.navigateTo({ url: `/operator/pages/edit/index?id=${tile.id}` })}
            >
              <Text style={{ minWidth: '160PX', fontWeight: 600 }}>{tile.title}</Text>
              <Text style={{ minWidth: '220PX', color: '#5b6472' }}>{tile.id}</Text>
              <Text className={`state state--${tile.state}`}>{stateName(tile.state)}</Text>
              <Text style={{ color: '#5b6472' }}>
                {tile.liveVersion ? `v${tile.liveVersion}` : ''} {tile.platforms.join(' ')}
              </Text>
            </View>
          ))}
      </View>
    </ConsoleShell>
  );
}
