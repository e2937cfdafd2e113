import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  ConsoleCategoriesDocument,
  PublishTileDocument,
  RollbackTileDocument,
  SaveTileDraftDocument,
  TILE_ICONS,
  TileEditorDocument,
  UnpublishTileDocument,
  type Platform,
  type ServiceLine,
  type TileEditorQuery,
  type TileTargetKind,
} from '@citizen/shared';
import { asOperator, operatorSession } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { TileView } from '../../../features/catalogue/TileGrid';
import { platformDialogs } from '../../../components/dialogs';
import { t, useT } from '../../../preferences';
import { pair } from '../../../preferences/format';

const PLATFORMS: Platform[] = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'];
const PLATFORM_NAMES = {
  WECHAT: ['微信', 'WeChat'],
  ALIPAY: ['支付宝', 'Alipay'],
  BAIDU: ['百度', 'Baidu'],
  H5: ['网页', 'Web'],
} as const;
const LINES: Array<[ServiceLine, readonly [string, string]]> = [
  ['DO', ['办', 'Apply']],
  ['INQUIRE', ['查', 'Inquire']],
  ['BOOK', ['约', 'Book']],
  ['ASK', ['问', 'Ask']],
];
const KINDS: Array<[TileTargetKind, readonly [string, string]]> = [
  ['SERVICE', ['服务', 'Service']],
  ['PAGE', ['应用页面', 'App page']],
  ['WEB', ['政务网页', 'Government web page']],
  ['MINIPROGRAM', ['其他小程序', 'Another mini-program']],
];
/** [value, [中文, English]] to [value, words in the current language]. */
const words = <T,>(options: Array<[T, readonly [string, string]]>): Array<[T, string]> =>
  options.map(([value, both]) => [value, t(...both)]);

interface Form {
  id: string;
  title: string;
  titleEn: string;
  icon: string;
  categoryId: string;
  line: ServiceLine;
  kind: TileTargetKind;
  value: string;
  platforms: Platform[];
  regions: string;
  requiredLevel: number;
  order: string;
  badge: 'NEW' | 'HOT' | null;
  publishAt: string;
  expireAt: string;
}

const EMPTY: Form = {
  id: '',
  title: '',
  titleEn: '',
  icon: 'fund',
  categoryId: 'living',
  line: 'DO',
  kind: 'SERVICE',
  value: '',
  platforms: ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'],
  regions: '',
  requiredLevel: 0,
  order: '100',
  badge: 'NEW',
  publishAt: '',
  expireAt: '',
};

/** The tile editor: fields with the BFF's checks, a live preview per platform, and publishing for publishers. */
export default function EditTilePage() {
  const tr = useT();
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
      id: t.id,
      title: t.title,
      titleEn: t.titleEn,
      icon: t.icon,
      categoryId: t.categoryId,
      line: t.line,
      kind: t.target.kind,
      value: t.target.value,
      platforms: t.platforms,
      regions: t.regions.join(','),
      requiredLevel: t.requiredLevel,
      order: String(t.order),
      badge: t.badge,
      publishAt: t.publishAt ?? '',
      expireAt: t.expireAt ?? '',
    });
  }
  useEffect(() => {
    void asOperator(ConsoleCategoriesDocument, {}).then((r) => r.data && setCategories(r.data.serviceCategories));
    if (existing) void load(existing);
  }, [existing]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const show = (result: { errors: Array<{ message: string; field?: string }> }, ok: string) =>
    setMessage(
      result.errors.length
        ? {
            kind: 'error',
            text: `${result.errors[0].message}${result.errors[0].field ? tr(`（${result.errors[0].field}）`, ` (${result.errors[0].field})`) : ''}`,
          }
        : { kind: 'ok', text: ok },
    );

  async function save() {
    const result = await asOperator(SaveTileDraftDocument, {
      expectedRevision: revision,
      tile: {
        id: form.id.trim(),
        title: form.title,
        titleEn: form.titleEn,
        icon: form.icon,
        categoryId: form.categoryId,
        line: form.line,
        target: { kind: form.kind, value: form.value.trim() },
        platforms: form.platforms,
        regions: form.regions
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
        requiredLevel: form.requiredLevel,
        order: Number(form.order) || 0,
        badge: form.badge,
        publishAt: form.publishAt ? new Date(form.publishAt).toISOString() : null,
        expireAt: form.expireAt ? new Date(form.expireAt).toISOString() : null,
      },
    });
    if (result.data) setRevision(result.data.saveTileDraft.revision);
    const draft = result.data?.saveTileDraft.revision ?? revision;
    show(result, tr(`草稿已保存（第 ${draft} 稿）`, `Draft saved (revision ${draft})`));
  }

  // The console keeps the platform's modal: it has no elder mode (a desktop tool for staff).
  async function publish() {
    const confirmed = await platformDialogs.confirm({
      title: tr('发布磁贴', 'Publish tile'),
      content: form.publishAt
        ? tr(`将于 ${form.publishAt} 上线。确定发布？`, `It goes live at ${form.publishAt}. Publish?`)
        : tr('发布后市民刷新首页即可看到。确定发布？', 'Citizens see it when they refresh the home screen. Publish?'),
      confirmText: tr('发布', 'Publish'),
    });
    if (!confirmed) return;
    const result = await asOperator(PublishTileDocument, { id: form.id, expectedRevision: revision });
    show(
      result,
      result.data
        ? tr(
            `已发布为第 ${result.data.publishTile.liveVersion} 版`,
            `Published as version ${result.data.publishTile.liveVersion}`,
          )
        : '',
    );
    if (result.data) void load(form.id);
  }

  async function unpublish() {
    const confirmed = await platformDialogs.confirm({
      title: tr('下线磁贴', 'Unpublish tile'),
      content: tr('市民将看不到此磁贴。确定下线？', 'Citizens will no longer see this tile. Unpublish?'),
      confirmText: tr('下线', 'Unpublish'),
      danger: true,
    });
    if (!confirmed) return;
    show(await asOperator(UnpublishTileDocument, { id: form.id }), tr('已下线', 'Unpublished'));
  }

  async function rollback(version: number) {
    const confirmed = await platformDialogs.confirm({
      title: tr('回滚', 'Roll back'),
      content: tr(`把第 ${version} 版重新发布为最新版本？`, `Publish version ${version} again as the latest?`),
      confirmText: tr('回滚', 'Roll back'),
    });
    if (!confirmed) return;
    const result = await asOperator(RollbackTileDocument, { id: form.id, version });
    show(
      result,
      result.data
        ? tr(
            `已回滚，当前为第 ${result.data.rollbackTile.liveVersion} 版`,
            `Rolled back: version ${result.data.rollbackTile.liveVersion} is live`,
          )
        : '',
    );
    if (result.data) void load(form.id);
  }

  const chips = <T extends string | number>(
    options: Array<[T, string]>,
    selected: (v: T) => boolean,
    toggle: (v: T) => void,
    group: string,
  ) => (
    <View className='row' role='group' aria-label={group}>
      {options.map(([value, label]) => (
        <View
          key={String(value)}
          className={`chip${selected(value) ? ' chip--on' : ''}`}
          role='button'
          aria-pressed={selected(value)}
          aria-label={`${group} ${label}`}
          onClick={() => toggle(value)}
        >
          <Text>
            {selected(value) ? '✓ ' : ''}
            {label}
          </Text>
        </View>
      ))}
    </View>
  );
  const canPublish = role === 'PUBLISHER' || role === 'ADMIN';
  const preview = {
    id: form.id || 'preview',
    title: form.title || tr('标题', 'Title'),
    titleEn: form.titleEn,
    icon: form.icon,
    line: form.line,
    badge: form.badge,
    requiredLevel: form.requiredLevel,
    available: null,
    category: { id: form.categoryId },
    target: { kind: form.kind, value: form.value },
  };

  return (
    <ConsoleShell
      title={existing ? [`编辑：${form.title}`, `Edit: ${form.titleEn || form.title}`] : ['新建磁贴', 'New tile']}
    >
      {message ? (
        <View className={`message message--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          <Text>{message.text}</Text>
        </View>
      ) : null}
      <View className='panel'>
        <Text className='label'>
          {tr('编号（小写字母、数字、连字符）', 'Id (lower-case letters, digits, hyphens)')}
        </Text>
        <Input
          className='input tile-id'
          value={form.id}
          disabled={!!existing}
          onInput={(e) => set('id', e.detail.value)}
          aria-label={tr('编号', 'Id')}
        />
        <Text className='label'>{tr('中文标题（12字以内）', 'Chinese title (12 characters at most)')}</Text>
        <Input
          className='input tile-title'
          value={form.title}
          onInput={(e) => set('title', e.detail.value)}
          aria-label={tr('中文标题', 'Chinese title')}
        />
        <Text className='label'>{tr('英文标题', 'English title')}</Text>
        <Input
          className='input tile-title-en'
          value={form.titleEn}
          onInput={(e) => set('titleEn', e.detail.value)}
          aria-label={tr('英文标题', 'English title')}
        />
        <Text className='label'>{tr('图标', 'Icon')}</Text>
        {chips(
          TILE_ICONS.map((i) => [i, i] as [string, string]),
          (v) => form.icon === v,
          (v) => set('icon', v),
          tr('图标', 'Icon'),
        )}
        <Text className='label'>{tr('分类', 'Category')}</Text>
        {chips(
          categories.map((c) => [c.id, c.name] as [string, string]),
          (v) => form.categoryId === v,
          (v) => set('categoryId', v),
          tr('分类', 'Category'),
        )}
        <Text className='label'>{tr('办事类型', 'Line')}</Text>
        {chips(
          words(LINES),
          (v) => form.line === v,
          (v) => set('line', v),
          tr('类型', 'Line'),
        )}
        <Text className='label'>{tr('跳转', 'Opens')}</Text>
        {chips(
          words(KINDS),
          (v) => form.kind === v,
          (v) => set('kind', v),
          tr('跳转类型', 'Target kind'),
        )}
        <Input
          className='input tile-target'
          value={form.value}
          placeholder={tr(
            '服务编号 / 页面路径 / https 政务网址 / {"WECHAT":"wx…"}',
            'Service id / page path / https government URL / {"WECHAT":"wx…"}',
          )}
          onInput={(e) => set('value', e.detail.value)}
          aria-label={tr('跳转目标', 'Target')}
        />
        <Text className='label'>{tr('平台', 'Platforms')}</Text>
        {chips(
          words(PLATFORMS.map((p) => [p, PLATFORM_NAMES[p]])),
          (v) => form.platforms.includes(v),
          (v) =>
            set(
              'platforms',
              form.platforms.includes(v) ? form.platforms.filter((p) => p !== v) : [...form.platforms, v],
            ),
          tr('平台', 'Platform'),
        )}
        <Text className='label'>
          {tr(
            '地区（行政区划代码，逗号分隔；留空为全部地区）',
            'Regions (division codes, comma-separated; empty for all)',
          )}
        </Text>
        <Input
          className='input tile-regions'
          value={form.regions}
          onInput={(e) => set('regions', e.detail.value)}
          aria-label={tr('地区', 'Regions')}
        />
        <Text className='label'>{tr('所需认证等级', 'Identity level needed')}</Text>
        {chips(
          words<number>([
            [0, ['无需登录', 'None']],
            [1, ['登录', 'Signed in']],
            [2, ['实名', 'Real name']],
            [3, ['人脸', 'Face']],
          ]),
          (v) => form.requiredLevel === v,
          (v) => set('requiredLevel', v),
          tr('等级', 'Level'),
        )}
        <Text className='label'>{tr('排序', 'Order')}</Text>
        <Input
          className='input tile-order'
          type='number'
          value={form.order}
          onInput={(e) => set('order', e.detail.value)}
          aria-label={tr('排序', 'Order')}
        />
        <Text className='label'>{tr('角标', 'Badge')}</Text>
        {chips(
          words<'NEW' | 'HOT'>([
            ['NEW', ['新', 'New']],
            ['HOT', ['热', 'Hot']],
          ]),
          (v) => form.badge === v,
          (v) => set('badge', form.badge === v ? null : v),
          tr('角标', 'Badge'),
        )}
        <Text className='label'>
          {tr(
            '上线时间 / 下线时间（如 2026-12-01T09:00，留空为立即 / 不下线）',
            'Publish / expiry time (e.g. 2026-12-01T09:00; empty for now / never)',
          )}
        </Text>
        <View className='row'>
          <Input
            className='input tile-publish-at'
            value={form.publishAt}
            onInput={(e) => set('publishAt', e.detail.value)}
            aria-label={tr('上线时间', 'Publish time')}
          />
          <Input
            className='input tile-expire-at'
            value={form.expireAt}
            onInput={(e) => set('expireAt', e.detail.value)}
            aria-label={tr('下线时间', 'Expiry time')}
          />
        </View>
      </View>
      <View className='panel'>
        <Text className='label'>{tr('预览（各平台首页中的样子）', 'Preview (as on each platform’s home screen)')}</Text>
        <View className='preview'>
          {form.platforms.map((p) => (
            <View key={p} className='preview__phone'>
              <Text>{pair(PLATFORM_NAMES[p])}</Text>
              <TileView tile={preview} onOpen={() => undefined} />
            </View>
          ))}
        </View>
      </View>
      <View className='panel'>
        <View className='btn' role='button' aria-label={tr('保存草稿', 'Save draft')} onClick={() => void save()}>
          <Text>{tr('保存草稿', 'Save draft')}</Text>
        </View>
        {canPublish && revision > 0 ? (
          <View className='btn' role='button' aria-label={tr('发布', 'Publish')} onClick={() => void publish()}>
            <Text>{tr('发布', 'Publish')}</Text>
          </View>
        ) : null}
        {canPublish && existing ? (
          <View
            className='btn btn--danger'
            role='button'
            aria-label={tr('下线', 'Unpublish')}
            onClick={() => void unpublish()}
          >
            <Text>{tr('下线', 'Unpublish')}</Text>
          </View>
        ) : null}
      </View>
      {versions.length ? (
        <View className='panel'>
          <Text className='label'>{tr('版本', 'Versions')}</Text>
          {versions.map((v) => (
            <View key={v.version} className='row'>
              <Text>
                {tr(`第 ${v.version} 版`, `Version ${v.version}`)} · {v.action} · {v.publishedBy} ·{' '}
                {v.publishedAt.slice(0, 16).replace('T', ' ')}
              </Text>
              {canPublish ? (
                <View
                  className='btn btn--ghost'
                  role='button'
                  aria-label={tr(`回滚到第 ${v.version} 版`, `Roll back to version ${v.version}`)}
                  onClick={() => void rollback(v.version)}
                >
                  <Text>{tr('回滚到此版', 'Roll back to this')}</Text>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </ConsoleShell>
  );
}
