import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CancelCarMoveDocument, RemindCarMoveDocument, RequestRelayNumberDocument } from '@citizen/shared';
import { authed } from '../../features/identity/session';
import { useCarMoveRequest } from '../../features/car-move/useCarMoveRequest';
import { OPEN_STATUSES, clock, reasonLabel, statusLabel } from '../../features/car-move/labels';
import { useT } from '../../preferences';
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
  const canRemind = request.canRemindAt !== null && Date.parse(request.canRemindAt) <= Date.now();

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
    await act(async () => {
      const r = await authed(CancelCarMoveDocument, { id: request!.id });
      if (r.data) replace(r.data.cancelCarMove);
      return r;
    }, t('已取消', 'Cancelled'));
  }

  return (
    <Screen title={TITLE} className='form'>
      <View className='status-card' aria-live='polite'>
        <Text className='status-card__status'>{statusLabel(request.status)}</Text>
        <Text className='status-card__line'>{t('车牌', 'Plate')} {request.maskedPlate}　{request.vehicle}</Text>
        <Text className='status-card__line'>{t('原因', 'Reason')} {reasonLabel(request.reason)}{request.place ? t(`　位置 ${request.place}`, ` · place ${request.place}`) : ''}</Text>
        {request.relayNumber ? <Text className='status-card__line relay-number'>{t(`隐私号码 ${request.relayNumber}（${clock(request.relayExpiresAt!)} 前有效）`, `Privacy number ${request.relayNumber} (works until ${clock(request.relayExpiresAt!)})`)}</Text> : null}
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
      {open && request.role === 'REQUESTER' ? (
        <View>
          <ActionButton
            className='primary-button'
            label={request.reminded ? t('已提醒过车主', 'Owner already reminded') : canRemind ? t('再次提醒车主', 'Remind the owner') : t(`${request.canRemindAt ? clock(request.canRemindAt) : ''} 后可再次提醒`, `You can remind the owner after ${request.canRemindAt ? clock(request.canRemindAt) : ''}`)}
            disabled={!canRemind}
            onClick={() => void act(async () => { const r = await authed(RemindCarMoveDocument, { id: request.id }); if (r.data) replace(r.data.remindCarMove); return r; }, t('已再次提醒车主', 'The owner was reminded'))}
          />
          <ActionButton
            className='secondary-button'
            label={t('获取隐私号码联系车主', 'Call the owner on a privacy number')}
            onClick={() => void act(async () => { const r = await authed(RequestRelayNumberDocument, { requestId: request.id }); void reload(); return r; }, t('隐私号码已生成，拨打即可联系车主，双方号码互不可见', 'Your privacy number is ready: call it to reach the owner. Neither of you sees the other’s number.'))}
          />
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
