import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import {
  AnswerCarMoveDocument,
  CarMoveAnswerDocument,
  ReportCarMoveDocument,
  type CarMoveFieldsFragment,
} from '@citizen/shared';
import { graphql, type ApiError } from '../../api/client';
import { platform } from '../../platform';
import { OPEN_STATUSES, reasonLabel, statusLabel } from '../../features/car-move/labels';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import { Screen } from '../../components/Screen';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { useDialogs } from '../../components/dialogs';
import '../../components/form.scss';
import '../../features/car-move/car-move.scss';

const TITLE = ['交警一键挪车', 'Traffic police: move your car'] as const;

/** The address the owner should see in the address bar (H5; inside a mini-program the platform vouches for us). */
function siteHost(): string {
  return process.env.TARO_ENV === 'h5' && typeof location !== 'undefined' ? location.host : '';
}

/**
 * Whose service this is and how to tell it is genuine: an owner who never used the app
 * gets an SMS with a link, and should be able to tell this page from a phishing copy.
 * Every point is what the code does: the SMS goes out through the traffic police's
 * vehicle register, the page shows the masked plate only and no one's number, and
 * nothing here asks for money, a card, a code or an install.
 */
function Provenance({ maskedPlate }: { maskedPlate: string | null }) {
  const t = useT();
  const host = siteHost();
  return (
    <View className='provenance'>
      <View className='provenance__brand'>
        <Icon name='shield' color='#ffffff' size={56} />
        <View className='provenance__names'>
          <Text className='provenance__service'>
            {t('城市通 · 交警一键挪车', 'City App · Traffic police car moving')}
          </Text>
          <Text className='provenance__by'>
            {t('由市公安局交通警察支队提供', 'Provided by the city traffic police')}
          </Text>
        </View>
      </View>
      <Card
        title={t('如何确认这是官方通知', 'How to tell this notice is genuine')}
        icon='info'
        className='provenance__check'
      >
        <Text className='provenance__point'>
          {t(
            '1. 提醒短信由交警车驾管系统发送，通知您的是车辆登记的手机号。',
            '1. The SMS comes from the traffic police vehicle register, to the phone registered for the car.',
          )}
        </Text>
        {host ? (
          <Text className='provenance__point'>
            {t(
              `2. 请核对地址栏：本页来自城市通官方网址 ${host}。`,
              `2. Check the address bar: this page is on the City App’s own address, ${host}.`,
            )}
          </Text>
        ) : null}
        <Text className='provenance__point'>
          {t(
            `${host ? 3 : 2}. 页面只显示脱敏车牌${maskedPlate ? `（${maskedPlate}）` : ''}，不显示任何一方的手机号。`,
            `${host ? 3 : 2}. It shows the plate masked${maskedPlate ? ` (${maskedPlate})` : ''} and no one’s phone number.`,
          )}
        </Text>
        <Text className='provenance__point'>
          {t(
            `${host ? 4 : 3}. 我们不会要求您付款、填写银行卡或验证码，也不会让您下载应用。`,
            `${host ? 4 : 3}. We never ask you to pay, for a bank card or a code, or to install anything.`,
          )}
        </Text>
        <Text className='provenance__point'>
          {t(
            `${host ? 5 : 4}. 仍有疑问，请拨打 12345 政务服务热线核实。`,
            `${host ? 5 : 4}. Still unsure? Call the 12345 government hotline.`,
          )}
        </Text>
      </Card>
    </View>
  );
}

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

  const load = useCallback(async () => {
    const result = await graphql(CarMoveAnswerDocument, { token });
    if (result.data) setRequest(result.data.carMoveAnswer);
    else setError(result.errors[0]);
  }, [token]);
  useEffect(() => {
    void load();
  }, [load]);

  async function answer(value: 'COMING' | 'MOVED') {
    setBusy(true);
    const result = await graphql(AnswerCarMoveDocument, { token, answer: value });
    setBusy(false);
    if (result.data) {
      setRequest(result.data.answerCarMove);
      setNotice({
        kind: 'ok',
        text:
          value === 'COMING'
            ? t('已告知对方您马上过来', 'They know you are on your way')
            : t('已告知对方车辆已挪走，谢谢', 'They know the car has been moved. Thank you.'),
      });
    } else setNotice({ kind: 'error', text: result.errors[0].message });
  }

  async function report() {
    const confirmed = await dialogs.confirm({
      title: t('举报骚扰', 'Report misuse'),
      content: t(
        '如果您认为这是恶意挪车请求，可以举报。工作人员审核属实的举报达到多次后，对方将被暂停使用挪车。',
        'If you think this request is malicious, report it. Staff review each report; someone with several upheld reports can no longer use car moving.',
      ),
      confirmText: t('举报', 'Report'),
      danger: true,
    });
    if (!confirmed) return;
    const result = await graphql(ReportCarMoveDocument, { token, note: null });
    setNotice(
      result.data
        ? { kind: 'ok', text: t('已收到您的举报，工作人员将审核', 'Your report was received; staff will review it') }
        : { kind: 'error', text: result.errors[0].message },
    );
  }

  if (!request && error) {
    return (
      <Screen title={TITLE} className='form'>
        <Provenance maskedPlate={null} />
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
    <Screen title={TITLE} className='form car-move-answer'>
      <Provenance maskedPlate={request.maskedPlate} />
      <View className='status-card'>
        <Text className='status-card__status'>
          {t(`您的车辆 ${request.maskedPlate} 需要挪车`, `Your car ${request.maskedPlate} needs moving`)}
        </Text>
        <Text className='status-card__line'>
          {t('原因：', 'Reason: ')}
          {reasonLabel(request.reason)}
        </Text>
        {request.place ? (
          <Text className='status-card__line'>
            {t('位置：', 'Place: ')}
            {request.place}
          </Text>
        ) : null}
        <Text className='status-card__line owner-status'>
          {t('状态：', 'Status: ')}
          {statusLabel(request.status)}
        </Text>
        {request.relayNumber ? (
          <Text className='status-card__line'>
            {t(
              `对方可通过隐私号码 ${request.relayNumber} 联系您`,
              `They can call you on the privacy number ${request.relayNumber}`,
            )}
          </Text>
        ) : null}
        {request.hasPhoto ? (
          <Image
            className='photo-preview'
            src={`${platform.bffUrl}/car-move/photo?t=${encodeURIComponent(token)}`}
            mode='aspectFit'
            aria-label={t('现场照片', 'Photo of the scene')}
            nativeProps={{ alt: t('现场照片', 'Photo of the scene') }}
          />
        ) : null}
      </View>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {dialogs.view}
      {open && request.status !== 'ACKNOWLEDGED' ? (
        <ActionButton
          className='primary-button'
          label={t('马上来', 'On my way')}
          onClick={() => void answer('COMING')}
          loading={busy}
        />
      ) : null}
      {open ? (
        <ActionButton
          className='primary-button'
          label={t('已挪走', 'Car moved')}
          onClick={() => void answer('MOVED')}
          loading={busy}
        />
      ) : null}
      <ActionButton className='secondary-button' label={t('举报骚扰', 'Report misuse')} onClick={() => void report()} />
    </Screen>
  );
}
