import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ConsoleCategoriesDocument, ConsoleTilesDocument, type ConsoleTilesQuery, type Platform, type TileState } from '@citizen/shared';
import { asOperator, STATE_NAMES } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';

const STATES: TileState[] = ['DRAFT', 'PUBLISHED', 'SCHEDULED', 'EXPIRED', 'UNPUBLISHED'];
const PLATFORMS: Platform[] = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'];

/** Every tile with its state, filtered by state and platform. */
export default function TilesPage() {
  const [tiles, setTiles] = useState<ConsoleTilesQuery['consoleTiles'] | null>(null);
  const [state, setState] = useState<TileState | null>(null);
  const [platform, setPlatform] = useState<Platform | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [categories, setCategories] = useState<Array<{ id: string; name: string }>>([]);

  useEffect(() => {
    void asOperator(ConsoleCategoriesDocument, {}).then((r) => r.data && setCategories(r.data.serviceCategories));
  }, []);

  useEffect(() => {
    setTiles(null);
    void asOperator(ConsoleTilesDocument, { state, platform }).then((r) => (r.data ? setTiles(r.data.consoleTiles) : setError(r.errors[0].message)));
  }, [state, platform]);

  const chip = <T,>(value: T, current: T | null, set: (v: T | null) => void, label: string) => (
    <View key={String(value)} className={`chip${current === value ? ' chip--on' : ''}`} role='button' aria-label={label} onClick={() => set(current === value ? null : value)}>
      <Text>{label}</Text>
    </View>
  );

  return (
    <ConsoleShell title='服务磁贴'>
      <View className='panel'>
        <View className='row'>
          <Text>状态：</Text>
          {STATES.map((s) => chip(s, state, setState, STATE_NAMES[s]))}
        </View>
        <View className='row'>
          <Text>平台：</Text>
          {PLATFORMS.map((p) => chip(p, platform, setPlatform, p))}
        </View>
        <View className='row'>
          <Text>分类：</Text>
          {categories.map((c) => chip(c.id, category, setCategory, c.name))}
        </View>
        <View style={{ marginTop: '12PX' }}>
          <View className='btn' role='button' aria-label='新建磁贴' onClick={() => void Taro.navigateTo({ url: '/operator/pages/edit/index' })}>
            <Text>新建磁贴</Text>
          </View>
        </View>
      </View>
      {error ? <View className='message message--error' role='alert'><Text>{error}</Text></View> : null}
      <View className='panel'>
        {tiles === null ? <Text>正在加载…</Text> : tiles.length === 0 ? <Text>没有符合条件的磁贴</Text> : null}
        {(tiles ?? []).filter((t) => !category || t.categoryId === category).map((t) => (
          <View key={t.id} className='row console-tile' role='link' aria-label={`编辑 ${t.title}`} onClick={() => void Taro.navigateTo({ url: `/operator/pages/edit/index?id=${t.id}` })}>
            <Text style={{ minWidth: '160PX', fontWeight: 600 }}>{t.title}</Text>
            <Text style={{ minWidth: '220PX', color: '#5b6472' }}>{t.id}</Text>
            <Text className={`state state--${t.state}`}>{STATE_NAMES[t.state]}</Text>
            <Text style={{ color: '#5b6472' }}>{t.liveVersion ? `v${t.liveVersion}` : ''} {t.platforms.join(' ')}</Text>
          </View>
        ))}
      </View>
    </ConsoleShell>
  );
}
