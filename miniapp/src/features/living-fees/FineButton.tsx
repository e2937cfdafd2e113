import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { PayTrafficFineDocument, errorMessage } from '@citizen/shared';
import { authed } from '../identity/session';
import { usePreferences, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { FieldError } from '../../components/Notice';

/**
 * 缴纳罚款 on an unhandled violation: the server opens the payment for the fine the
 * traffic police hold, and the payment page pays it. Once paid, the violation says so
 * until the traffic police's own record shows it handled (they hear of it from the
 * finance bureau, not from us).
 */
export function FineButton({
  violation,
}: {
  violation: { id: string; handled: boolean; fineCents: number; payment?: { id: string; status: string } | null };
}) {
  const t = useT();
  const { locale } = usePreferences();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (violation.handled || violation.fineCents <= 0) return null;
  const paid = violation.payment && (violation.payment.status === 'PAID' || violation.payment.status === 'SETTLED');
  if (paid)
    return (
      <Text className='records__note fine__waiting'>
        {t('罚款已缴纳，等待交警部门确认处理', 'Fine paid; waiting for the traffic police to record it')}
      </Text>
    );
  const pay = async () => {
    setBusy(true);
    setProblem(null);
    const result = await authed(PayTrafficFineDocument, { violationId: violation.id });
    setBusy(false);
    if (!result.data)
      return setProblem(
        result.errors[0].code.startsWith('AGENCY_')
          ? t(
              '交警支队系统暂时无法访问，请稍后再试，未发生扣款',
              'The traffic police cannot be reached right now; nothing was charged. Please try later.',
            )
          : errorMessage(result.errors[0].code, locale),
      );
    void Taro.navigateTo({ url: `/pages/payment/index?id=${encodeURIComponent(result.data.payTrafficFine.id)}` });
  };
  return (
    <>
      {problem ? <FieldError>{problem}</FieldError> : null}
      <ActionButton
        className='primary-button fine__pay'
        label={t('缴纳罚款', 'Pay the fine')}
        loading={busy}
        disabled={busy}
        onClick={() => void pay()}
      />
    </>
  );
}
