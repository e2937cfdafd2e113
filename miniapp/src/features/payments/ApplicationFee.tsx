import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PaymentFieldsFragment } from '@citizen/shared';
import { useT } from '../../preferences';
import { formatDateTime } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { amountInCapitals, amountText, paymentItemName, paymentStatusLabel } from './labels';
import './payments.scss';

/**
 * The fee on an application's page: what it costs and where the payment stands; while
 * it waits, 去缴费 opens the pay page; once paid, the receipt's number and a way to it.
 */
export function ApplicationFee({ payment }: { payment: PaymentFieldsFragment }) {
  const t = useT();
  const open = () => void Taro.navigateTo({ url: `/pages/payment/index?id=${encodeURIComponent(payment.id)}` });
  return (
    <View className='application__section application__fee'>
      <Text className='application__section-title'>{t('费用', 'Fee')}</Text>
      <View className='application__row'>
        <View className='application__row-head'>
          <Text>{paymentItemName(payment)}</Text>
          <Text className='application__fee-amount'>{amountText(payment.amount)}</Text>
        </View>
        <Text className='application__muted'>
          {amountInCapitals(payment.amount)}　{paymentStatusLabel(payment.status)}
        </Text>
        {payment.status === 'UNPAID' ? (
          <Text className='application__muted'>
            {t(
              `缴费后才会提交给办理部门；请在 ${formatDateTime(payment.expiresAt)} 前缴费`,
              `It goes to the department once paid; pay by ${formatDateTime(payment.expiresAt)}`,
            )}
          </Text>
        ) : null}
        {payment.receipt ? (
          <Text className='application__muted application__receipt'>
            {t('电子票据', 'Receipt')} {payment.receipt.number}　{t('校验码', 'check code')} {payment.receipt.checkCode}
          </Text>
        ) : null}
      </View>
      {payment.status === 'UNPAID' ? (
        <ActionButton className='primary-button application__pay' label={t('去缴费', 'Pay now')} onClick={open} />
      ) : null}
      {payment.status !== 'UNPAID' && payment.status !== 'EXPIRED' ? (
        <ActionButton
          className='secondary-button application__payment'
          label={t('查看缴费与票据', 'Payment and receipt')}
          onClick={open}
        />
      ) : null}
    </View>
  );
}
