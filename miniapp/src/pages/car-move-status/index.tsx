import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CancelCarMoveDocument, RemindCarMoveDocument, RequestRelayNumberDocument } from '@citizen/shared';
import { authed } from '../../features/identity/session';
import { useCarMoveRequest } from '../../features/car-move/useCarMoveRequest';
import { OPEN_STATUSES, REASON_LABELS, STATUS_LABELS, clock } from '../../features/car-move/labels';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import '../../components/form.scss';
import '../../features/car-move/car-move.scss';

/** The requester's view: status within seconds, the timeline, one reminder, a relay number, cancel. */
export default function CarMoveStatusPage() {
  const { params } = useRouter();
  const { request, error, reload, replace } = useCarMoveRequest(params.id ?? '');
  const [notice, setNotice] = useState<string | null>(null);

  if (!request && error) return <ErrorState error={error} onRetry={() => void reload()} />;
  if (!request) return <Loading />;
  const open = OPEN_STATUSES.includes(request.status);
  const canRemind = request.canRemindAt !== null && Date.parse(request.canRemindAt) <= Date.now();

  async function act(run: () => Promise<{ data: unknown; errors: Array<{ message: string }> }>, done: string) {
    const result = await run();
    setNotice(result.data ? done : result.errors[0].message);
  }

  async function cancel() {
    const { confirm } = await Taro.showModal({ title: '取消挪车请求', content: '车主将不会再收到提醒。确定取消？' });
    if (!confirm) return;
    await act(async () => {
      const r = await authed(CancelCarMoveDocument, { id: request!.id });
      if (r.data) replace(r.data.cancelCarMove);
      return r;
    }, '已取消');
  }

  return (
    <View className='form'>
      <View className='status-card' aria-live='polite'>
        <Text className='status-card__status'>{STATUS_LABELS[request.status]}</Text>
        <Text className='status-card__line'>车牌 {request.maskedPlate}　{request.vehicle}</Text>
        <Text className='status-card__line'>原因 {REASON_LABELS[request.reason]}{request.place ? `　位置 ${request.place}` : ''}</Text>
        {request.relayNumber ? <Text className='status-card__line relay-number'>隐私号码 {request.relayNumber}（{clock(request.relayExpiresAt!)} 前有效）</Text> : null}
      </View>
      {notice ? <Notice kind='ok'>{notice}</Notice> : null}
      <View className='timeline'>
        {request.timeline.map((event) => (
          <View className='timeline__item' key={event.status}>
            <Text>{STATUS_LABELS[event.status]}</Text>
            <Text className='timeline__time'>{clock(event.at)}</Text>
          </View>
        ))}
      </View>
      {open && request.role === 'REQUESTER' ? (
        <View>
          <ActionButton
            className='primary-button'
            label={request.reminded ? '已提醒过车主' : canRemind ? '再次提醒车主' : `${request.canRemindAt ? clock(request.canRemindAt) : ''} 后可再次提醒`}
            disabled={!canRemind}
            onClick={() => void act(async () => { const r = await authed(RemindCarMoveDocument, { id: request.id }); if (r.data) replace(r.data.remindCarMove); return r; }, '已再次提醒车主')}
          />
          <ActionButton
            className='secondary-button'
            label='获取隐私号码联系车主'
            onClick={() => void act(async () => { const r = await authed(RequestRelayNumberDocument, { requestId: request.id }); void reload(); return r; }, '隐私号码已生成，拨打即可联系车主，双方号码互不可见')}
          />
          <View style={{ height: '24px' }} />
          <ActionButton
            className='secondary-button'
            label='取消请求'
            onClick={() => void cancel()}
          />
        </View>
      ) : null}
    </View>
  );
}
