import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { AnswerCarMoveDocument, CarMoveAnswerDocument, ReportCarMoveDocument, type CarMoveFieldsFragment } from '@citizen/shared';
import { graphql, type ApiError } from '../../api/client';
import { platform } from '../../platform';
import { OPEN_STATUSES, reasonLabel, statusLabel } from '../../features/car-move/labels';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import { Screen } from '../../components/Screen';
import { useDialogs } from '../../components/dialogs';
import '../../components/form.scss';
import '../../features/car-move/car-move.scss';

const TITLE = ['挪车提醒', 'Car-moving request'] as const;

/**
 * The owner's page, opened from the SMS link. The token in the link is the only
 * credential (many owners never used the app): no sign-in, and nothing here names
 * the requester.
 */
export default function CarMoveAnswerPage() {
  const t = useT();
  const dialogs = useDialogs();
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
      setNotice({ kind: 'ok', text: value === 'COMING' ? t('已告知对方您马上过来', 'They know you are on your way') : t('已告知对方车辆已挪走，谢谢', 'They know the car has been moved. Thank you.') });
    } else setNotice({ kind: 'error', text: result.errors[0].message });
  }

  async function report() {
    const confirmed = await dialogs.confirm({
      title: t('举报骚扰', 'Report misuse'),
      content: t('如果您认为这是恶意挪车请求，可以举报。多次被举报的用户将被暂停使用挪车。', 'If you think this request is malicious, report it. Someone reported several times can no longer use car moving.'),
      confirmText: t('举报', 'Report'),
      danger: true,
    });
    if (!confirmed) return;
    const result = await graphql(ReportCarMoveDocument, { token, note: null });
    setNotice(result.data ? { kind: 'ok', text: t('已收到您的举报', 'Your report was received') } : { kind: 'error', text: result.errors[0].message });
  }

  if (!request && error) {
    return (
      <Screen title={TITLE}>
        <ErrorState error={error} onRetry={() => void load()} />
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
  return (
    <Screen title={TITLE} className='form'>
      <View className='status-card'>
        <Text className='status-card__status'>{t(`您的车辆 ${request.maskedPlate} 需要挪车`, `Your car ${request.maskedPlate} needs moving`)}</Text>
        <Text className='status-card__line'>{t('原因：', 'Reason: ')}{reasonLabel(request.reason)}</Text>
        {request.place ? <Text className='status-card__line'>{t('位置：', 'Place: ')}{request.place}</Text> : null}
        <Text className='status-card__line owner-status'>{t('状态：', 'Status: ')}{statusLabel(request.status)}</Text>
        {request.relayNumber ? <Text className='status-card__line'>{t(`对方可通过隐私号码 ${request.relayNumber} 联系您`, `They can call you on the privacy number ${request.relayNumber}`)}</Text> : null}
        {request.hasPhoto ? <Image className='photo-preview' src={`${platform.bffUrl}/car-move/photo?t=${encodeURIComponent(token)}`} mode='aspectFit' aria-label={t('现场照片', 'Photo of the scene')} /> : null}
      </View>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {dialogs.view}
      {open && request.status !== 'ACKNOWLEDGED' ? <ActionButton className='primary-button' label={t('马上来', 'On my way')} onClick={() => void answer('COMING')} loading={busy} /> : null}
      {open ? <ActionButton className='primary-button' label={t('已挪走', 'Car moved')} onClick={() => void answer('MOVED')} loading={busy} /> : null}
      <ActionButton className='secondary-button' label={t('举报骚扰', 'Report misuse')} onClick={() => void report()} />
    </Screen>
  );
}
