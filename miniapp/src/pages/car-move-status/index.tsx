import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  CallCarMoveOwnerDocument,
  CancelCarMoveDocument,
  EscalateCarMoveToHotlineDocument,
  RemindCarMoveDocument,
  RequestRelayNumberDocument,
} from '@citizen/shared';
import { authed } from '../../features/identity/session';
import { useCarMoveRequest } from '../../features/car-move/useCarMoveRequest';
import { OPEN_STATUSES, clock, reasonLabel, reportLabel, statusLabel } from '../../features/car-move/labels';
import { useT } from '../../preferences';
import { CaseRatingPanel } from '../../features/ratings/CaseRatingPanel';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import { Screen } from '../../components/Screen';
import { useDialogs } from '../../components/dialogs';
import '../../components/form.scss';
import '../../features/car-move/car-move.scss';

const TITLE = ['挪车进度', 'Car-moving progress'] as const;

/** The requester's view: status within seconds, the timeline, one reminder, a relay number, cancel. */
export default function CarMoveStatusPage() {
  const t = useT();
  const dialogs = useDialogs();
  const { params } = useRouter();
  const { request, error, reload, replace } = useCarMoveRequest(params.id ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  // The reminder button counts down and turns on by itself: a render every 15 s keeps it true.
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  if (!request && error) {
    return (
      <Screen title={TITLE}>
        <ErrorState error={error} onRetry={() => void reload()} />
      </Screen>
    );
  }
  if (!request) {
    return (
      <Screen title={TITLE}>
        <Loading />
      </Screen>
    );
  }
  const open = OPEN_STATUSES.includes(request.status);
  const canRemind = request.canRemindAt !== null && Date.parse(request.canRemindAt) <= now;
  const relay = request.relayNumber;

  /** "再过 3 分钟（今天 07:37）可再次提醒": a wait in minutes, then the clock time with its day, never a bare time. */
  function remindLabel(): string {
    if (request!.reminded) return t('已提醒过车主', 'Owner already reminded');
    if (canRemind || !request!.canRemindAt) return t('再次提醒车主', 'Remind the owner');
    const minutes = Math.max(1, Math.ceil((Date.parse(request!.canRemindAt) - now) / 60_000));
    const at = clock(request!.canRemindAt);
    return t(
      `再过 ${minutes} 分钟（今天 ${at}）可再次提醒`,
      `You can remind the owner in ${minutes} min (at ${at} today)`,
    );
  }

  function call(number: string) {
    void Promise.resolve(Taro.makePhoneCall({ phoneNumber: number })).catch(() => undefined);
  }

  async function act(run: () => Promise<{ data: unknown; errors: Array<{ message: string }> }>, done: string) {
    const result = await run();
    setNotice(result.data ? done : result.errors[0].message);
  }

  async function cancel() {
    const confirmed = await dialogs.confirm({
      title: t('取消挪车请求', 'Cancel the request'),
      content: t('车主将不会再收到提醒。确定取消？', 'The owner will get no more reminders. Cancel the request?'),
      confirmText: t('确定取消', 'Cancel request'),
      cancelText: t('不取消', 'Keep it'),
    });
    if (!confirmed) return;
    await act(
      async () => {
        const r = await authed(CancelCarMoveDocument, { id: request!.id });
        if (r.data) replace(r.data.cancelCarMove);
        return r;
      },
      t('已取消', 'Cancelled'),
    );
  }

  return (
    <Screen title={TITLE} className='form'>
      <View className='status-card' aria-live='polite'>
        <Text className='status-card__status'>{statusLabel(request.status)}</Text>
        <Text className='status-card__line'>
          {t('车牌', 'Plate')} {request.maskedPlate}　{request.vehicle}
        </Text>
        <Text className='status-card__line'>
          {t('原因', 'Reason')} {reasonLabel(request.reason)}
          {request.place ? t(`　位置 ${request.place}`, ` · place ${request.place}`) : ''}
        </Text>
        {request.report ? (
          <Text className={`status-card__line report-status report-status--${request.report.toLowerCase()}`}>
            {reportLabel(request.report)}
            {request.report === 'PENDING' && request.role === 'REQUESTER'
              ? t(
                  '（车主举报了这条请求，工作人员审核前不影响您使用）',
                  ' (the owner reported this request; nothing changes for you unless staff uphold it)',
                )
              : ''}
          </Text>
        ) : null}
        {request.smsDeferredUntil && request.role === 'REQUESTER' ? (
          <Text className='status-card__line sms-deferred'>
            {t(
              `车主设置了免打扰：已在应用内通知，短信将于 ${clock(request.smsDeferredUntil)} 发送。`,
              `The owner set quiet hours: they were told in the app; the SMS goes at ${clock(request.smsDeferredUntil)}.`,
            )}
          </Text>
        ) : null}
        {relay ? (
          <Text className='status-card__line relay-number'>
            {t(
              `隐私号码 ${relay}（今天 ${clock(request.relayExpiresAt!)} 前有效）`,
              `Privacy number ${relay} (works until ${clock(request.relayExpiresAt!)} today)`,
            )}
          </Text>
        ) : null}
      </View>
      {notice ? <Notice kind='ok'>{notice}</Notice> : null}
      <View className='timeline'>
        {request.timeline.map((event) => (
          <View className='timeline__item' key={event.status}>
            <Text>{statusLabel(event.status)}</Text>
            <Text className='timeline__time'>{clock(event.at)}</Text>
          </View>
        ))}
      </View>
      {dialogs.view}
      {/* Escalation when nobody answers: the voice call, then 122 with the case number; after expiry, what to do next. */}
      {request.role === 'REQUESTER' &&
      (request.nextStep?.kind === 'VOICE_CALL' || request.nextStep?.kind === 'HOTLINE') ? (
        <View className='escalation'>
          {request.status === 'EXPIRED' ? (
            <Notice kind='ok'>
              {t(
                '车主未回应。如仍受阻，可转交122交警处理，也可重新发起挪车请求。',
                'The owner did not answer. If you are still blocked, hand the case to the 122 traffic police, or make a new request.',
              )}
            </Notice>
          ) : null}
          <ActionButton
            className='secondary-button escalate-button'
            disabled={Date.parse(request.nextStep.availableAt) > now}
            label={
              Date.parse(request.nextStep.availableAt) > now
                ? t(
                    `今天 ${clock(request.nextStep.availableAt)} 后可${request.nextStep.kind === 'VOICE_CALL' ? '语音呼叫车主' : '转交122'}`,
                    `${request.nextStep.kind === 'VOICE_CALL' ? 'Ring the owner' : 'Hand to 122'} from ${clock(request.nextStep.availableAt)} today`,
                  )
                : request.nextStep.kind === 'VOICE_CALL'
                  ? t('通过隐私号语音呼叫车主', 'Ring the owner through a privacy number')
                  : t('转交122交警处理', 'Hand the case to the 122 traffic police')
            }
            onClick={() =>
              void act(
                async () => {
                  const r =
                    request.nextStep!.kind === 'VOICE_CALL'
                      ? await authed(CallCarMoveOwnerDocument, { id: request.id })
                      : await authed(EscalateCarMoveToHotlineDocument, { id: request.id });
                  void reload();
                  return r;
                },
                request.nextStep?.kind === 'VOICE_CALL'
                  ? t('正在呼叫车主', 'Ringing the owner')
                  : t(`已转交122，报案号 ${request.caseNumber}`, `Handed to 122; case number ${request.caseNumber}`),
              )
            }
          />
        </View>
      ) : null}
      {request.role === 'REQUESTER' && (request.status === 'MOVED' || request.status === 'EXPIRED') ? (
        <CaseRatingPanel kind='CAR_MOVE' caseId={request.id} />
      ) : null}
      {request.role === 'REQUESTER' && request.hotline ? (
        <ActionButton
          className='secondary-button hotline-call'
          label={t(
            `拨打${request.hotline}（报案号 ${request.caseNumber}）`,
            `Call ${request.hotline} (case number ${request.caseNumber})`,
          )}
          onClick={() => call(request.hotline!)}
        />
      ) : null}
      {open && request.role === 'REQUESTER' ? (
        <View>
          <ActionButton
            className='primary-button remind-button'
            label={remindLabel()}
            disabled={!canRemind}
            onClick={() =>
              void act(
                async () => {
                  const r = await authed(RemindCarMoveDocument, { id: request.id });
                  if (r.data) replace(r.data.remindCarMove);
                  return r;
                },
                t('已再次提醒车主', 'The owner was reminded'),
              )
            }
          />
          {relay ? (
            // Once issued, the button calls it: the number is on the button, one tap dials.
            <ActionButton
              className='secondary-button relay-call'
              label={t(`拨打隐私号码 ${relay}`, `Call privacy number ${relay}`)}
              onClick={() => call(relay)}
            />
          ) : (
            <ActionButton
              className='secondary-button relay-get'
              label={t('获取隐私号码联系车主', 'Get a privacy number to call the owner')}
              onClick={() =>
                void act(
                  async () => {
                    const r = await authed(RequestRelayNumberDocument, { requestId: request.id });
                    void reload();
                    return r;
                  },
                  t(
                    '隐私号码已生成，点击“拨打隐私号码”即可联系车主，双方号码互不可见',
                    'Your privacy number is ready: tap “Call privacy number” to reach the owner. Neither of you sees the other’s number.',
                  ),
                )
              }
            />
          )}
          <View style={{ height: '24px' }} />
          <ActionButton
            className='secondary-button'
            label={t('取消请求', 'Cancel request')}
            onClick={() => void cancel()}
          />
        </View>
      ) : null}
    </Screen>
  );
}
