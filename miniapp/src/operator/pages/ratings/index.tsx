import { useCallback, useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import {
  RatingFollowUpsDocument,
  UpdateRatingFollowUpDocument,
  type RatingCallbackResult,
  type RatingFollowUpsQuery,
} from '@citizen/shared';
import { asOperator } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { ActionButton } from '../../../components/ActionButton';
import { INDICATORS, levelLabel } from '../../../features/ratings/labels';
import { useT } from '../../../preferences';

type FollowUp = RatingFollowUpsQuery['ratingFollowUps'][number];
type Aggregate = RatingFollowUpsQuery['serviceRatingAggregates'][number];

const when = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const CALLBACKS: ReadonlyArray<[RatingCallbackResult, string, string]> = [
  ['SATISFIED', '回访满意', 'Satisfied'],
  ['NOT_SATISFIED', '回访不满意', 'Not satisfied'],
  ['UNREACHABLE', '联系不上', 'Unreachable'],
];

/**
 * 好差评 follow-ups (publishers): each rating of 2 or less with its contact deadline,
 * overdue ones marked; the action taken, the outcome and the callback result recorded
 * (closing needs all three). Below, per-service aggregates, hidden under 10 ratings.
 */
export default function RatingFollowUpsPage() {
  const t = useT();
  const [followUps, setFollowUps] = useState<FollowUp[] | null>(null);
  const [aggregates, setAggregates] = useState<Aggregate[]>([]);
  const [openOnly, setOpenOnly] = useState(true);
  const [drafts, setDrafts] = useState<
    Record<string, { action: string; outcome: string; callback: RatingCallbackResult | null }>
  >({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = useCallback(async () => {
    const result = await asOperator(RatingFollowUpsDocument, { openOnly });
    if (result.data) {
      setFollowUps(result.data.ratingFollowUps);
      setAggregates(result.data.serviceRatingAggregates);
    } else setMessage({ kind: 'error', text: result.errors[0].message });
  }, [openOnly]);
  useEffect(() => void load(), [load]);

  const draftOf = (f: FollowUp) =>
    drafts[f.id] ?? { action: f.action ?? '', outcome: f.outcome ?? '', callback: f.callbackResult ?? null };
  const edit = (f: FollowUp, change: Partial<ReturnType<typeof draftOf>>) =>
    setDrafts((d) => ({ ...d, [f.id]: { ...draftOf(f), ...change } }));
  async function save(f: FollowUp, close: boolean) {
    const d = draftOf(f);
    const result = await asOperator(UpdateRatingFollowUpDocument, {
      id: f.id,
      action: d.action || null,
      outcome: d.outcome || null,
      callbackResult: d.callback,
      close,
    });
    if (!result.data) {
      setMessage({
        kind: 'error',
        text: close
          ? t(
              '办结需要填写处理措施、处理结果和回访结果',
              'Closing needs the action, the outcome and the callback result',
            )
          : result.errors[0].message,
      });
      return;
    }
    setMessage({
      kind: 'ok',
      text: close
        ? t(`已办结 ${f.caseNumber} 的跟进`, `Closed the follow-up of ${f.caseNumber}`)
        : t('已保存', 'Saved'),
    });
    await load();
  }

  return (
    <ConsoleShell title={['好差评跟进', 'Rating follow-ups']}>
      {message ? (
        <Text className={`message message--${message.kind}`} aria-live='polite'>
          {message.text}
        </Text>
      ) : null}
      <View className='row'>
        <ActionButton
          className={openOnly ? 'btn' : 'btn btn--ghost'}
          label={t('待跟进', 'Open')}
          onClick={() => setOpenOnly(true)}
        />
        <ActionButton
          className={openOnly ? 'btn btn--ghost' : 'btn'}
          label={t('全部', 'All')}
          onClick={() => setOpenOnly(false)}
        />
      </View>
      <View className='panel'>
        {followUps === null ? <Text>{t('正在加载…', 'Loading…')}</Text> : null}
        {followUps?.length === 0 ? <Text>{t('没有待跟进的差评', 'No low ratings to follow up')}</Text> : null}
        {(followUps ?? []).map((f) => {
          const d = draftOf(f);
          return (
            <View
              key={f.id}
              className={`rating-followup${f.overdue ? ' rating-followup--overdue' : ''}`}
              role='group'
              aria-label={t(`办件 ${f.caseNumber} 的差评`, `Low rating of ${f.caseNumber}`)}
              style={{ borderBottom: '1PX solid #e3e6eb', padding: '12PX 0' }}
            >
              <View className='row'>
                <Text style={{ minWidth: '180PX' }}>{f.caseNumber}</Text>
                <Text style={{ minWidth: '120PX' }}>{levelLabel(f.level)}</Text>
                <Text style={{ color: f.overdue ? '#b42318' : '#5b6472', fontWeight: f.overdue ? 700 : 400 }}>
                  {f.status === 'CLOSED'
                    ? t(`已办结 ${when(f.closedAt ?? f.contactDueAt)}`, `Closed ${when(f.closedAt ?? f.contactDueAt)}`)
                    : f.overdue
                      ? t(
                          `已超期：应于 ${when(f.contactDueAt)} 前联系`,
                          `OVERDUE: contact was due ${when(f.contactDueAt)}`,
                        )
                      : t(`请于 ${when(f.contactDueAt)} 前联系`, `Contact by ${when(f.contactDueAt)}`)}
                </Text>
              </View>
              <Text style={{ color: '#5b6472' }}>
                {f.serviceId} ·{' '}
                {f.indicators
                  .map((code) => {
                    const i = INDICATORS.find((x) => x.code === code);
                    return i ? t(i.zh, i.en) : code;
                  })
                  .join('、') || t('未勾选指标', 'No indicators ticked')}
              </Text>
              {f.text ? (
                <Text>
                  {t('群众留言：', 'Citizen wrote: ')}
                  {f.text}
                </Text>
              ) : null}
              {f.status === 'OPEN' ? (
                <View>
                  <Input
                    className='input rating-followup__action'
                    value={d.action}
                    placeholder={t('处理措施（如电话联系、解释说明）', 'Action taken (e.g. called, explained)')}
                    aria-label={t('处理措施', 'Action')}
                    onInput={(e) => edit(f, { action: e.detail.value })}
                  />
                  <Input
                    className='input rating-followup__outcome'
                    value={d.outcome}
                    placeholder={t('处理结果（整改情况）', 'Outcome (what was put right)')}
                    aria-label={t('处理结果', 'Outcome')}
                    onInput={(e) => edit(f, { outcome: e.detail.value })}
                  />
                  <View className='row' role='radiogroup' aria-label={t('回访结果', 'Callback result')}>
                    {CALLBACKS.map(([value, zh, en]) => (
                      <ActionButton
                        key={value}
                        className={d.callback === value ? 'btn' : 'btn btn--ghost'}
                        label={t(zh, en)}
                        onClick={() => edit(f, { callback: value })}
                      />
                    ))}
                  </View>
                  <View className='row'>
                    <ActionButton
                      className='btn btn--ghost'
                      label={t('保存', 'Save')}
                      onClick={() => void save(f, false)}
                    />
                    <ActionButton className='btn' label={t('办结', 'Close')} onClick={() => void save(f, true)} />
                  </View>
                </View>
              ) : (
                <Text style={{ color: '#5b6472' }}>
                  {f.action} → {f.outcome} · {CALLBACKS.find(([v]) => v === f.callbackResult)?.[1] ?? ''}
                </Text>
              )}
            </View>
          );
        })}
      </View>
      <View className='panel'>
        <Text style={{ fontWeight: 700 }}>
          {t('各事项评价汇总（少于10条不显示）', 'Ratings per service (hidden below 10)')}
        </Text>
        {aggregates.map((a) => (
          <View key={a.serviceId} className='row rating-aggregate'>
            <Text style={{ minWidth: '220PX' }}>{a.serviceId}</Text>
            <Text>
              {a.shown
                ? t(
                    `${a.count} 条，满意率 ${Math.round((a.satisfiedShare ?? 0) * 100)}%`,
                    `${a.count} ratings, ${Math.round((a.satisfiedShare ?? 0) * 100)}% satisfied`,
                  )
                : t('评价少于10条，暂不显示', 'Fewer than 10 ratings: not shown')}
            </Text>
          </View>
        ))}
      </View>
    </ConsoleShell>
  );
}
