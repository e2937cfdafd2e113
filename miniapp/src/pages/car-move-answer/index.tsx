import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { AnswerCarMoveDocument, CarMoveAnswerDocument, ReportCarMoveDocument, type CarMoveFieldsFragment } from '@citizen/shared';
import { graphql, type ApiError } from '../../api/client';
import { platform } from '../../platform';
import { OPEN_STATUSES, REASON_LABELS, STATUS_LABELS } from '../../features/car-move/labels';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import '../../components/form.scss';
import '../../features/car-move/car-move.scss';

/**
 * The owner's page, opened from the SMS link. The token in the link is the only
 * credential (many owners never used the app): no sign-in, and nothing here names
 * the requester.
 */
export default function CarMoveAnswerPage() {
  const { params } = useRouter();
  const token = params.t ?? '';
  const [request, setRequest] = useState<CarMoveFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    const result = await graphql(CarMoveAnswerDocument, { token });
    if (result.data) setRequest(result.data.carMoveAnswer);
    else setError(result.errors[0]);
  }
  useEffect(() => {
    void load();
  }, [token]);

  async function answer(value: 'COMING' | 'MOVED') {
    setBusy(true);
    const result = await graphql(AnswerCarMoveDocument, { token, answer: value });
    setBusy(false);
    if (result.data) {
      setRequest(result.data.answerCarMove);
      setNotice({ kind: 'ok', text: value === 'COMING' ? '已告知对方您马上过来' : '已告知对方车辆已挪走，谢谢' });
    } else setNotice({ kind: 'error', text: result.errors[0].message });
  }

  async function report() {
    const { confirm } = await Taro.showModal({ title: '举报骚扰', content: '如果您认为这是恶意挪车请求，可以举报。多次被举报的用户将被暂停使用挪车。', confirmText: '举报' });
    if (!confirm) return;
    const result = await graphql(ReportCarMoveDocument, { token, note: null });
    setNotice(result.data ? { kind: 'ok', text: '已收到您的举报' } : { kind: 'error', text: result.errors[0].message });
  }

  if (!request && error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!request) return <Loading />;
  const open = OPEN_STATUSES.includes(request.status);
  return (
    <View className='form'>
      <View className='status-card'>
        <Text className='status-card__status'>您的车辆 {request.maskedPlate} 需要挪车</Text>
        <Text className='status-card__line'>原因：{REASON_LABELS[request.reason]}</Text>
        {request.place ? <Text className='status-card__line'>位置：{request.place}</Text> : null}
        <Text className='status-card__line owner-status'>状态：{STATUS_LABELS[request.status]}</Text>
        {request.relayNumber ? <Text className='status-card__line'>对方可通过隐私号码 {request.relayNumber} 联系您</Text> : null}
        {request.hasPhoto ? <Image className='photo-preview' src={`${platform.bffUrl}/car-move/photo?t=${encodeURIComponent(token)}`} mode='aspectFit' aria-label='现场照片' /> : null}
      </View>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {open && request.status !== 'ACKNOWLEDGED' ? <ActionButton className='primary-button' label='马上来' onClick={() => void answer('COMING')} loading={busy} /> : null}
      {open ? <ActionButton className='primary-button' label='已挪走' onClick={() => void answer('MOVED')} loading={busy} /> : null}
      <ActionButton className='secondary-button' label='举报骚扰' onClick={() => void report()} />
    </View>
  );
}
