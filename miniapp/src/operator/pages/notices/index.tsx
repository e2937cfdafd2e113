import { useEffect, useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  ConsoleNoticesDocument,
  PublishNoticeDocument,
  SaveNoticeDraftDocument,
  UnpublishNoticeDocument,
  type ConsoleNoticesQuery,
  type NoticeKind,
} from '@citizen/shared';
import { asOperator, stateName } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { ActionButton } from '../../../components/ActionButton';
import { useT } from '../../../preferences';

type Notice = ConsoleNoticesQuery['consoleNotices'][number];

const EMPTY = {
  id: '',
  kind: 'NOTICE' as NoticeKind,
  title: '',
  titleEn: '',
  body: '',
  bodyEn: '',
  link: '',
  publishAt: '',
  expireAt: '',
};

/** China time for a schedule (the console is used in China). */
const when = (iso: string | null) =>
  iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '—';
/** A typed "2027-01-31 08:00" as China time, to an ISO instant; empty for none. */
const instant = (text: string) =>
  text.trim() ? new Date(`${text.trim().replace(' ', 'T')}:00+08:00`).toISOString() : null;

/**
 * 首页公告: the banner and notices on the citizens' home screen. Editors write a new
 * notice as a draft; publishers publish it (it shows from 上线时间 until 下线时间, China
 * time) or take one down at once. The BFF checks roles, revisions and the schedule,
 * and writes each action to the audit log.
 */
export default function NoticesPage() {
  const t = useT();
  const [notices, setNotices] = useState<Notice[] | null>(null);
  const [form, setForm] = useState(EMPTY);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY, value: string) => setForm((f) => ({ ...f, [key]: value }));

  const load = async () => {
    const result = await asOperator(ConsoleNoticesDocument, {});
    if (result.data) setNotices(result.data.consoleNotices);
    else setMessage({ kind: 'error', text: result.errors[0].message });
  };
  useEffect(() => void load(), []);

  async function save(andPublish: boolean) {
    setBusy(true);
    let publishAt: string | null;
    let expireAt: string | null;
    try {
      publishAt = instant(form.publishAt);
      expireAt = instant(form.expireAt);
    } catch {
      setBusy(false);
      setMessage({ kind: 'error', text: t('时间格式应为 2027-01-31 08:00', 'Times look like 2027-01-31 08:00') });
      return;
    }
    const existing = notices?.find((n) => n.id === form.id);
    const revision = existing?.revision ?? 0;
    const saved = await asOperator(SaveNoticeDraftDocument, {
      notice: {
        id: form.id.trim(),
        kind: form.kind,
        title: form.title,
        titleEn: form.titleEn,
        body: form.body || null,
        bodyEn: form.bodyEn || null,
        link: form.link || null,
        order: 10,
        publishAt,
        expireAt,
      },
      expectedRevision: revision,
    });
    if (!saved.data) {
      setBusy(false);
      const field = saved.errors[0].field;
      setMessage({ kind: 'error', text: field ? `${saved.errors[0].message}（${field}）` : saved.errors[0].message });
      return;
    }
    if (andPublish) {
      const published = await asOperator(PublishNoticeDocument, {
        id: form.id.trim(),
        expectedRevision: saved.data.saveNoticeDraft.revision,
      });
      setMessage(
        published.data
          ? {
              kind: 'ok',
              text: t(
                `已发布：${form.title}（${stateName(published.data.publishNotice.state)}）`,
                `Published: ${form.titleEn} (${stateName(published.data.publishNotice.state)})`,
              ),
            }
          : { kind: 'error', text: published.errors[0].message },
      );
    } else setMessage({ kind: 'ok', text: t(`草稿已保存：${form.title}`, `Draft saved: ${form.titleEn}`) });
    setBusy(false);
    if (andPublish) setForm(EMPTY);
    await load();
  }

  async function takeDown(notice: Notice) {
    setBusy(true);
    const result = await asOperator(UnpublishNoticeDocument, { id: notice.id });
    setBusy(false);
    setMessage(
      result.data
        ? { kind: 'ok', text: t(`已下线：${notice.title}`, `Taken down: ${notice.title}`) }
        : { kind: 'error', text: result.errors[0].message },
    );
    await load();
  }

  const field = (key: keyof typeof EMPTY, zh: string, en: string, placeholder = '') => (
    <>
      <Text className='label'>{t(zh, en)}</Text>
      <Input
        className={`input notice-${key}`}
        value={form[key]}
        placeholder={placeholder}
        onInput={(e) => set(key, e.detail.value)}
        aria-label={t(zh, en)}
      />
    </>
  );

  return (
    <ConsoleShell title={['首页公告', 'Home notices']}>
      {message ? (
        <Text className={`message message--${message.kind}`} aria-live='polite'>
          {message.text}
        </Text>
      ) : null}
      <View className='panel'>
        {notices === null ? <Text>{t('正在加载…', 'Loading…')}</Text> : null}
        {notices?.length === 0 ? <Text>{t('还没有公告', 'No notices yet')}</Text> : null}
        {(notices ?? []).map((n) => (
          <View key={n.id} className='row notice-row' role='group' aria-label={n.title}>
            <Text style={{ minWidth: '64PX' }}>{n.kind === 'BANNER' ? t('横幅', 'Banner') : t('公告', 'Notice')}</Text>
            <Text style={{ flex: 1 }}>{n.title}</Text>
            <Text style={{ minWidth: '80PX' }}>{stateName(n.state)}</Text>
            <Text style={{ color: '#4b5563' }}>
              {t(
                `上线 ${when(n.publishAt)} · 下线 ${when(n.expireAt)}`,
                `From ${when(n.publishAt)} · until ${when(n.expireAt)}`,
              )}
            </Text>
            {n.state === 'PUBLISHED' || n.state === 'SCHEDULED' ? (
              <ActionButton
                className='btn btn--ghost'
                label={t('下线', 'Take down')}
                disabled={busy}
                onClick={() => void takeDown(n)}
              />
            ) : null}
          </View>
        ))}
      </View>
      <View className='panel notice-form' role='form' aria-label={t('新公告', 'New notice')}>
        <Text className='label'>{t('类型', 'Kind')}</Text>
        <View className='row' role='radiogroup' aria-label={t('类型', 'Kind')}>
          {(['BANNER', 'NOTICE'] as const).map((kind) => (
            <View
              key={kind}
              className={`chip${form.kind === kind ? ' chip--on' : ''}`}
              role='radio'
              aria-checked={form.kind === kind}
              onClick={() => set('kind', kind)}
            >
              <Text>
                {kind === 'BANNER'
                  ? t('横幅（首页顶部，一条）', 'Banner (top of home, one)')
                  : t('公告（一行）', 'Notice (one line)')}
              </Text>
            </View>
          ))}
        </View>
        {field('id', '编号（小写字母、数字、连字符）', 'Id (lower-case letters, digits, hyphens)')}
        {field('title', '中文标题（横幅20字、公告30字以内）', 'Chinese title (20 / 30 characters at most)')}
        {field('titleEn', '英文标题', 'English title')}
        <Text className='label'>{t('正文（可选）', 'Text (optional)')}</Text>
        <Textarea
          className='input notice-body'
          value={form.body}
          onInput={(e) => set('body', e.detail.value)}
          aria-label={t('正文', 'Text')}
        />
        {field('bodyEn', '英文正文（可选）', 'English text (optional)')}
        {field(
          'link',
          '链接（可选：页面路径或 https 政务网址）',
          'Link (optional: a page path or an https government URL)',
          '/pages/services/index',
        )}
        {field(
          'publishAt',
          '上线时间（北京时间，留空为立即）',
          'Publish at (China time; empty for now)',
          '2027-01-31 08:00',
        )}
        {field(
          'expireAt',
          '下线时间（北京时间，留空为不下线）',
          'Expire at (China time; empty for never)',
          '2027-02-28 23:59',
        )}
        <View className='row'>
          <ActionButton
            className='btn'
            label={t('保存并发布', 'Save and publish')}
            disabled={busy}
            onClick={() => void save(true)}
          />
          <ActionButton
            className='btn btn--ghost'
            label={t('仅保存草稿', 'Save draft only')}
            disabled={busy}
            onClick={() => void save(false)}
          />
        </View>
      </View>
    </ConsoleShell>
  );
}
