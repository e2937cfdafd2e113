import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MyConsultationsDocument, RateConsultationDocument, type ConsultationFieldsFragment } from '@citizen/shared';
import { authed } from '../../features/identity/session';
import { categoryLabel, consultationStatusLabel } from '../../features/ask/labels';
import { chinaDateTime } from '../../features/applications/labels';
import { useT } from '../../preferences';
import { CaseRatingPanel } from '../../features/ratings/CaseRatingPanel';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { Notice } from '../../components/Notice';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import type { ApiError } from '../../api/client';
import '../../components/form.scss';
import '../../features/ask/ask.scss';

const TITLE = ['我的咨询', 'My questions'] as const;

/**
 * The citizen's 12345 consultations, newest first, with each reply; a replied one can
 * be marked solved or not solved (not solved reopens it once). ?id= puts that one first.
 */
export default function ConsultationsPage() {
  const t = useT();
  const { params } = useRouter();
  const [rows, setRows] = useState<ConsultationFieldsFragment[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const latest = useRef(0);

  async function refresh() {
    const ticket = ++latest.current;
    const result = await authed(MyConsultationsDocument, { first: 50, after: null });
    if (ticket !== latest.current) return;
    if (!result.data) return setError(result.errors[0]);
    setError(null);
    const items = result.data.myConsultations.items;
    const focus = params.id ? decodeURIComponent(params.id) : null;
    setRows(focus ? [...items.filter((c) => c.id === focus), ...items.filter((c) => c.id !== focus)] : items);
  }

  async function rate(row: ConsultationFieldsFragment, solved: boolean) {
    setBusy(row.id);
    const result = await authed(RateConsultationDocument, { id: row.id, solved });
    setBusy(null);
    if (!result.data) return setNotice({ kind: 'error', text: result.errors[0].message });
    const updated = result.data.rateConsultation;
    setRows((current) => (current ?? []).map((c) => (c.id === updated.id ? updated : c)));
    setNotice({
      kind: 'ok',
      text: solved
        ? t('感谢您的反馈', 'Thank you for telling us')
        : updated.status === 'REOPENED'
          ? t('已请12345重新办理，请留意答复', 'We asked 12345 to look at it again; watch for the answer')
          : t(
              '已记录为未解决并办结，您可以拨打12345进一步反映',
              'Recorded as not solved and closed; you can call 12345 about it',
            ),
    });
  }

  useDidShow(() => void refresh());
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  if (!rows && error) {
    return (
      <Screen title={TITLE} className='list'>
        <ErrorState error={error} onRetry={() => void refresh()} />
        <ActionButton
          className='secondary-button'
          label={t('返回', 'Back')}
          onClick={() => goBack('/pages/me/index')}
        />
      </Screen>
    );
  }
  if (!rows) {
    return (
      <Screen title={TITLE}>
        <Loading />
      </Screen>
    );
  }
  return (
    <Screen title={TITLE} className='list consultations'>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {error ? <Notice kind='error'>{error.message}</Notice> : null}
      {rows.length === 0 ? (
        <Empty label={t('您还没有向12345提过问题', 'You have not asked 12345 anything yet')} />
      ) : (
        rows.map((row) => (
          <View key={row.id} className='list__row consultation' data-consultation-id={row.id}>
            <View className='list__row-head'>
              <Text className='list__title'>{categoryLabel(row.category)}</Text>
              <Text className='consultation__status'>{consultationStatusLabel(row.status)}</Text>
            </View>
            <Text className='list__line'>{row.question}</Text>
            <Text className='list__line'>
              {t('编号', 'Number')} {row.number}　{chinaDateTime(row.createdAt)}
            </Text>
            {row.applicationNumber ? (
              <Text className='list__line'>
                {t('关于办件', 'About application')} {row.applicationNumber}
              </Text>
            ) : null}
            {row.replies.map((reply) => (
              <Text key={reply.at} className='consultation__reply'>
                {reply.department ? `${reply.department}：` : ''}
                {reply.body}
              </Text>
            ))}
            {['REPLIED', 'SOLVED', 'CLOSED'].includes(row.status) ? (
              <CaseRatingPanel kind='CONSULTATION' caseId={row.id} />
            ) : null}
            {row.canRate ? (
              <View className='consultation__actions'>
                <ActionButton
                  className='primary-button consultation__solved'
                  label={t('已解决', 'Solved')}
                  disabled={busy === row.id}
                  onClick={() => void rate(row, true)}
                />
                <ActionButton
                  className='secondary-button consultation__unsolved'
                  label={
                    row.canReopen
                      ? t('未解决，请重新办理', 'Not solved, look again')
                      : t('仍未解决', 'Still not solved')
                  }
                  disabled={busy === row.id}
                  onClick={() => void rate(row, false)}
                />
              </View>
            ) : null}
          </View>
        ))
      )}
      <View style={{ height: '24px' }} />
      <ActionButton
        className='primary-button'
        label={t('我要提问', 'Ask a question')}
        onClick={() => void Taro.navigateTo({ url: '/pages/ask/index' })}
      />
      <ActionButton className='secondary-button' label={t('返回', 'Back')} onClick={() => goBack('/pages/me/index')} />
    </Screen>
  );
}
