import { Text, View } from '@tarojs/components';
import type { PaymentFieldsFragment } from '@citizen/shared';
import { useT } from '../../preferences';
import { formatDateTime } from '../../preferences/format';
import { Card } from '../../components/Card';
import { ListCell, ListGroup } from '../../components/ListCell';
import { amountInCapitals, amountText, paymentItemName, paymentStatusLabel } from './labels';
import './payments.scss';

/** What is being paid: the item, the sum large with separators and 元, in 大写 under it, and until when. */
export function FeeSummary({ payment }: { payment: PaymentFieldsFragment }) {
  const t = useT();
  return (
    <View className='fee' aria-live='polite'>
      <Text className='fee__item'>{paymentItemName(payment)}</Text>
      <Text className='fee__amount'>{amountText(payment.amount)}</Text>
      <Text className='fee__capital'>{amountInCapitals(payment.amount)}</Text>
      <Text className={`fee__status fee__status--${payment.status.toLowerCase()}`}>
        {paymentStatusLabel(payment.status)}
      </Text>
      {payment.status === 'UNPAID' && payment.applicationId ? (
        <Text className='fee__muted'>
          {t(
            `请在 ${formatDateTime(payment.expiresAt)} 前缴费，逾期申请失效`,
            `Pay by ${formatDateTime(payment.expiresAt)}, or the application lapses`,
          )}
        </Text>
      ) : null}
      {payment.status === 'UNPAID' && !payment.applicationId ? (
        <Text className='fee__muted'>
          {t(`请在 ${formatDateTime(payment.expiresAt)} 前完成支付`, `Pay by ${formatDateTime(payment.expiresAt)}`)}
        </Text>
      ) : null}
      {payment.paymentCode ? (
        <Text className='fee__muted'>
          {t('缴款码', 'Payment code')} {payment.paymentCode}
        </Text>
      ) : null}
    </View>
  );
}

/** The finance bureau's electronic receipt (电子票据): its number and check code are what verify it. */
export function ReceiptCard({ payment }: { payment: PaymentFieldsFragment }) {
  const t = useT();
  if (!payment.receipt) return null;
  return (
    <Card title={t('电子票据', 'Electronic receipt')} icon='done' className='receipt'>
      <ListGroup>
        <ListCell title={t('票据号码', 'Receipt number')} value={payment.receipt.number} className='receipt__number' />
        <ListCell title={t('校验码', 'Check code')} value={payment.receipt.checkCode} className='receipt__check-code' />
        <ListCell title={t('缴费项目', 'Item')} value={paymentItemName(payment)} />
        <ListCell
          title={t('金额', 'Amount')}
          value={amountText(payment.amount)}
          description={amountInCapitals(payment.amount)}
        />
        <ListCell title={t('开具时间', 'Issued')} value={formatDateTime(payment.receipt.issuedAt)} />
        {payment.refundedAt ? (
          <ListCell title={t('已退款', 'Refunded')} value={formatDateTime(payment.refundedAt)} />
        ) : null}
      </ListGroup>
      {payment.subjectKind === 'UTILITY_BILL' ? (
        <Text className='fee__muted'>
          {t('凭票据号码和校验码可向缴费单位查验。', 'The number and check code verify this receipt with the company.')}
        </Text>
      ) : (
        <Text className='fee__muted'>
          {t(
            '凭票据号码和校验码可在财政电子票据查验平台查验真伪。',
            'The number and check code verify this receipt on the finance bureau’s checking service.',
          )}
        </Text>
      )}
    </Card>
  );
}
