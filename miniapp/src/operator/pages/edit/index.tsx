import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  ConsoleCategoriesDocument, PublishTileDocument, RollbackTileDocument, SaveTileDraftDocument, TILE_ICONS, TileEditorDocument, UnpublishTileDocument,
  type Platform, type ServiceLine, type TileEditorQuery, type TileTargetKind,
} from '@citizen/shared';
import { asOperator, operatorSession } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { TileView } from '../../../features/catalogue/TileGrid';

const PLATFORMS: Platform[] = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'];
const PLATFORM_NAMES = { WECHAT: '微信', ALIPAY: '支付宝', BAIDU: '百度', H5: '网页' } as const;
const LINES: Array<[ServiceLine, string]> = [['DO', '办'], ['INQUIRE', '查'], ['BOOK', '约'], ['ASK', '问']];
const KINDS: Array<[TileTargetKind, string]> = [['SERVICE', '服务'], ['PAGE', '应用页面'], ['WEB', '政务网页'], ['MINIPROGRAM', '其他小程序']];

interface Form {
  id: string; title: string; titleEn: string; icon: string; categoryId: string; line: ServiceLine; kind: TileTargetKind; value: string;
  platforms: Platform[]; regions: string; requiredLevel: number; order: string; badge: 'NEW' | 'HOT' | null; publishAt: string; expireAt: string;
}

const EMPTY: Form = { id: '', title: '', titleEn: '', icon: 'fund', categoryId: 'living', line: 'DO', kind: 'SERVICE', value: '', platforms: ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'], regions: '', requiredLevel: 0, order: '100', badge: 'NEW', publishAt: '', expireAt: '' };

/** The tile editor: fields with the BFF's checks, a live preview per platform, and publishing for publishers. */
export default function EditTilePage() {
  const { params } = useRouter();
  const existing = params.id;
  const role = operatorSession()?.operator.role;
  const [form, setForm] = useState<Form>(EMPTY);
  const [revision, setRevision] = useState(0);
  const [versions, setVersions] = useState<TileEditorQuery['tileVersions']>([]);
  const [categories, setCategories] = useState<Array<{ id: string; name: string }>>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function load(id: string) {
    const result = await asOperator(TileEditorDocument, { id });
    if (!result.data?.tileDraft) return;
    const t = result.data.tileDraft.tile;
    setRevision(result.data.tileDraft.revision);
    setVersions(result.data.tileVersions);
    setForm({
      id: t.id, title: t.title, titleEn: t.titleEn, icon: t.icon, categoryId: t.categoryId, line: t.line, kind: t.target.kind, value: t.target.value,
      platforms: t.platforms, regions: t.regions.join(','), requiredLevel: t.requiredLevel, order: String(t.order), badge: t.badge, publishAt: t.publishAt ?? '', expireAt: t.expireAt ?? '',
    });
  }
  useEffect(() => {
    void asOperator(ConsoleCategoriesDocument, {}).then((r) => r.data && setCategories(r.data.serviceCategories));
    if (existing) void load(existing);
  }, [existing]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const show = (result: { errors: Array<{ message: string; field?: string }> }, ok: string) =>
    setMessage(result.errors.length ? { kind: 'error', text: `${result.errors[0].message}${result.errors[0].field ? `（${result.errors[0].field}）` : ''}` } : { kind: 'ok', text: ok });

  async function save() {
    const result = await asOperator(SaveTileDraftDocument, {
      expectedRevision: revision,
      tile: {
        id: form.id.trim(), title: form.title, titleEn: form.titleEn, icon: form.icon, categoryId: form.categoryId, line: form.line,
        target: { kind: form.kind, value: form.value.trim() }, platforms: form.platforms, regions: form.regions.split(',').map((r) => r.trim()).filter(Boolean),
        requiredLevel: form.requiredLevel, order: Number(form.order) || 0, badge: form.badge,
        publishAt: form.publishAt ? new Date(form.publishAt).toISOString() : null, expireAt: form.expireAt ? new Date(form.expireAt).toISOString() : null,
      },
    });
    if (result.data) setRevision(result.data.saveTileDraft.revision);
    show(result, `草稿已保存（第 ${result.data?.saveTileDraft.revision ?? revision} 稿）`);
  }

  async function publish() {
    const { confirm } = await Taro.showModal({ title: '发布磁贴', content: form.publishAt ? `将于 ${form.publishAt} 上线。确定发布？` : '发布后市民刷新首页即可看到。确定发布？', confirmText: '发布' });
    if (!confirm) return;
    const result = await asOperator(PublishTileDocument, { id: form.id, expectedRevision: revision });
    show(result, result.data ? `已发布为第 ${result.data.publishTile.liveVersion} 版` : '');
    if (result.data) void load(form.id);
  }

  async function unpublish() {
    const { confirm } = await Taro.showModal({ title: '下线磁贴', content: '市民将看不到此磁贴。确定下线？', confirmText: '下线' });
    if (!confirm) return;
    show(await asOperator(UnpublishTileDocument, { id: form.id }), '已下线');
  }

  async function rollback(version: number) {
    const { confirm } = await Taro.showModal({ title: '回滚', content: `把第 ${version} 版重新发布为最新版本？`, confirmText: '回滚' });
    if (!confirm) return;
    const result = await asOperator(RollbackTileDocument, { id: form.id, version });
    show(result, result.data ? `已回滚，当前为第 ${result.data.rollbackTile.liveVersion} 版` : '');
    if (result.data) void load(form.id);
  }

  const chips = <T extends string | number>(options: Array<[T, string]>, selected: (v: T) => boolean, toggle: (v: T) => void, group: string) => (
    <View className='row' role='group' aria-label={group}>
      {options.map(([value, label]) => (
        <View key={String(value)} className={`chip${selected(value) ? ' chip--on' : ''}`} role='button' aria-label={`${group} ${label}`} onClick={() => toggle(value)}>
          <Text>{label}</Text>
        </View>
      ))}
    </View>
  );
  const canPublish = role === 'PUBLISHER' || role === 'ADMIN';
  const preview = { id: form.id || 'preview', title: form.title || '标题', titleEn: form.titleEn, icon: form.icon, line: form.line, badge: form.badge, requiredLevel: form.requiredLevel, available: null, category: { id: form.categoryId }, target: { kind: form.kind, value: form.value } };

  return (
    <ConsoleShell title={existing ? `编辑：${form.title}` : '新建磁贴'}>
      {message ? <View className={`message message--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}><Text>{message.text}</Text></View> : null}
      <View className='panel'>
        <Text className='label'>编号（小写字母、数字、连字符）</Text>
        <Input className='input tile-id' value={form.id} disabled={!!existing} onInput={(e) => set('id', e.detail.value)} aria-label='编号' />
        <Text className='label'>中文标题（12字以内）</Text>
        <Input className='input tile-title' value={form.title} onInput={(e) => set('title', e.detail.value)} aria-label='中文标题' />
        <Text className='label'>英文标题</Text>
        <Input className='input tile-title-en' value={form.titleEn} onInput={(e) => set('titleEn', e.detail.value)} aria-label='英文标题' />
        <Text className='label'>图标</Text>
        {chips(TILE_ICONS.map((i) => [i, i] as [string, string]), (v) => form.icon === v, (v) => set('icon', v), '图标')}
        <Text className='label'>分类</Text>
        {chips(categories.map((c) => [c.id, c.name] as [string, string]), (v) => form.categoryId === v, (v) => set('categoryId', v), '分类')}
        <Text className='label'>办事类型</Text>
        {chips(LINES, (v) => form.line === v, (v) => set('line', v), '类型')}
        <Text className='label'>跳转</Text>
        {chips(KINDS, (v) => form.kind === v, (v) => set('kind', v), '跳转类型')}
        <Input className='input tile-target' value={form.value} placeholder='服务编号 / 页面路径 / https 政务网址 / {"WECHAT":"wx…"}' onInput={(e) => set('value', e.detail.value)} aria-label='跳转目标' />
        <Text className='label'>平台</Text>
        {chips(PLATFORMS.map((p) => [p, PLATFORM_NAMES[p]] as [Platform, string]), (v) => form.platforms.includes(v), (v) => set('platforms', form.platforms.includes(v) ? form.platforms.filter((p) => p !== v) : [...form.platforms, v]), '平台')}
        <Text className='label'>地区（行政区划代码，逗号分隔；留空为全部地区）</Text>
        <Input className='input tile-regions' value={form.regions} onInput={(e) => set('regions', e.detail.value)} aria-label='地区' />
        <Text className='label'>所需认证等级</Text>
        {chips([[0, '无需登录'], [1, '登录'], [2, '实名'], [3, '人脸']] as Array<[number, string]>, (v) => form.requiredLevel === v, (v) => set('requiredLevel', v), '等级')}
        <Text className='label'>排序</Text>
        <Input className='input tile-order' type='number' value={form.order} onInput={(e) => set('order', e.detail.value)} aria-label='排序' />
        <Text className='label'>角标</Text>
        {chips([['NEW', '新'], ['HOT', '热']] as Array<['NEW' | 'HOT', string]>, (v) => form.badge === v, (v) => set('badge', form.badge === v ? null : v), '角标')}
        <Text className='label'>上线时间 / 下线时间（如 2026-12-01T09:00，留空为立即 / 不下线）</Text>
        <View className='row'>
          <Input className='input tile-publish-at' value={form.publishAt} onInput={(e) => set('publishAt', e.detail.value)} aria-label='上线时间' />
          <Input className='input tile-expire-at' value={form.expireAt} onInput={(e) => set('expireAt', e.detail.value)} aria-label='下线时间' />
        </View>
      </View>
      <View className='panel'>
        <Text className='label'>预览（各平台首页中的样子）</Text>
        <View className='preview'>
          {form.platforms.map((p) => (
            <View key={p} className='preview__phone'>
              <Text>{PLATFORM_NAMES[p]}</Text>
              <TileView tile={preview} onOpen={() => undefined} />
            </View>
          ))}
        </View>
      </View>
      <View className='panel'>
        <View className='btn' role='button' aria-label='保存草稿' onClick={() => void save()}><Text>保存草稿</Text></View>
        {canPublish && revision > 0 ? <View className='btn' role='button' aria-label='发布' onClick={() => void publish()}><Text>发布</Text></View> : null}
        {canPublish && existing ? <View className='btn btn--danger' role='button' aria-label='下线' onClick={() => void unpublish()}><Text>下线</Text></View> : null}
      </View>
      {versions.length ? (
        <View className='panel'>
          <Text className='label'>版本</Text>
          {versions.map((v) => (
            <View key={v.version} className='row'>
              <Text>第 {v.version} 版 · {v.action} · {v.publishedBy} · {v.publishedAt.slice(0, 16).replace('T', ' ')}</Text>
              {canPublish ? <View className='btn btn--ghost' role='button' aria-label={`回滚到第 ${v.version} 版`} onClick={() => void rollback(v.version)}><Text>回滚到此版</Text></View> : null}
            </View>
          ))}
        </View>
      ) : null}
    </ConsoleShell>
  );
}
