import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { useReceipts } from '../../features/payments/usePayment';
import { amountText, paymentItemName, paymentStatusLabel } from '../../features/payments/labels';
import { useT } from '../../preferences';
import { formatDate } from '../../preferences/format';
import { ListCell, ListGroup } from '../../components/ListCell';
import { Screen } from '../../components/Screen';
import { ErrorState, Loading } from '../../components/StateView';
import '../../features/payments/payments.scss';

const TITLE = ['我的票据', 'My receipts'] as const;

/** Every fee the citizen paid, with the finance bureau's electronic receipt; a row opens the receipt. */
export default function ReceiptsPage() {
  const t = useT();
  const { receipts, error, reload } = useReceipts();
  if (!receipts)
    return (
      <Screen title={TITLE}>{error ? <ErrorState error={error} onRetry={() => void reload()} /> : <Loading />}</Screen>
    );
  return (
    <Screen title={TITLE} className='receipts'>
      {receipts.length === 0 ? <Text className='receipts__empty'>{t('还没有缴费票据', 'No receipts yet')}</Text> : null}
      <ListGroup>
        {receipts.map((p) => (
          <ListCell
            key={p.id}
            className='receipts__row'
            icon='file'
            title={paymentItemName(p)}
            description={`${t('票据号', 'Receipt')} ${p.receipt?.number ?? ''} · ${p.receipt ? formatDate(p.receipt.issuedAt) : ''}`}
            value={p.status === 'SETTLED' ? amountText(p.amount) : paymentStatusLabel(p.status)}
            onPress={() => void Taro.navigateTo({ url: `/pages/payment/index?id=${encodeURIComponent(p.id)}` })}
          />
        ))}
      </ListGroup>
    </Screen>
  );
}
