import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '@citizen/shared';
import { usePayment } from '../../features/payments/usePayment';
import { FeeSummary, ReceiptCard } from '../../features/payments/PaymentViews';
import { usePreferences, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';

const TITLE = ['缴费', 'Pay the fee'] as const;

/** What a settled payment led to: the application handed on, the bill recorded by its company, the fine awaiting the traffic police. */
function settledWords(subject: string, t: (zh: string, en: string) => string): string {
  if (subject === 'UTILITY_BILL')
    return t(
      '缴费成功，缴费单位已销账。票据已存入“我的票据”和消息。',
      'Paid; the company has recorded it. The receipt is in My receipts and in Messages.',
    );
  if (subject === 'TRAFFIC_FINE')
    return t(
      '罚款已缴纳，交警部门确认后违法记录将显示为已处理。票据已存入“我的票据”和消息。',
      'Fine paid; the violation shows handled once the traffic police record it. The receipt is in My receipts and in Messages.',
    );
  return t(
    '缴费成功，申请已提交给办理部门。票据也已存入“我的票据”和消息。',
    'Paid. Your application has gone to the department; the receipt is in My receipts and in Messages.',
  );
}

/**
 * Paying one fee: how much (with separators, 元 and 大写), by when, one button to the
 * platform's payment sheet (or the H5 cashier, which comes back here), then the page
 * waits for the BFF's word — which comes from the platform's notification, not from
 * the sheet — and shows the finance bureau's electronic receipt.
 */
export default function PaymentPage() {
  const t = useT();
  const { locale } = usePreferences();
  const { params } = useRouter();
  const { payment, error, paying, sheet, pay, reload } = usePayment(decodeURIComponent(params.id ?? ''));

  if (!payment) {
    return (
      <Screen title={TITLE}>{error ? <ErrorState error={error} onRetry={() => void reload()} /> : <Loading />}</Screen>
    );
  }
  const openApplication = () => {
    if (payment.applicationId)
      void Taro.redirectTo({ url: `/pages/application/index?id=${encodeURIComponent(payment.applicationId)}` });
  };
  const confirming =
    payment.status === 'PAID' || (payment.status === 'UNPAID' && (sheet === 'done' || sheet === 'unknown'));

  return (
    <Screen title={TITLE} className='form payment'>
      <FeeSummary payment={payment} />
      {error ? <Notice kind='error'>{errorMessage(error.code, locale)}</Notice> : null}
      {sheet === 'cancelled' && payment.status === 'UNPAID' ? (
        <Notice kind='error'>
          {t('支付未完成，可以再次点击缴费。', 'The payment was not completed; you can try again.')}
        </Notice>
      ) : null}
      {sheet === 'failed' && payment.status === 'UNPAID' ? (
        <Notice kind='error'>
          {t('支付没有成功，请稍后再试。', 'The payment did not go through. Please try again later.')}
        </Notice>
      ) : null}
      {confirming ? (
        <View className='payment__confirming' role='status'>
          <Text className='fee__muted'>
            {t('正在确认支付结果，请勿重复缴费…', 'Confirming the payment; please do not pay again…')}
          </Text>
        </View>
      ) : null}
      {payment.status === 'SETTLED' ? <Notice kind='ok'>{settledWords(payment.subjectKind, t)}</Notice> : null}
      {payment.status === 'EXPIRED' ? (
        <Notice kind='error'>
          {payment.applicationId
            ? errorMessage('PAYMENT_EXPIRED', locale)
            : t(
                '已超过支付期限，本次未扣款，请返回重新缴纳。',
                'The time to pay has passed and nothing was charged. Go back to pay again.',
              )}
        </Notice>
      ) : null}
      <ReceiptCard payment={payment} />
      {payment.status === 'UNPAID' && !confirming ? (
        <ActionButton
          className='primary-button payment__pay'
          label={t(`确认缴费 ${payment.amount} 元`, `Pay CNY ${payment.amount}`)}
          loading={paying}
          disabled={paying}
          onClick={() => void pay()}
        />
      ) : null}
      <View style={{ height: '24px' }} />
      {payment.applicationId ? (
        <ActionButton
          className='secondary-button payment__application'
          label={t('查看办件', 'See the application')}
          onClick={openApplication}
        />
      ) : null}
      <View style={{ height: '24px' }} />
      <ActionButton className='secondary-button' label={t('返回', 'Back')} onClick={() => goBack('/pages/me/index')} />
    </Screen>
  );
}
