import { useCallback, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  PayUtilityBillDocument,
  UnbindUtilityAccountDocument,
  UtilityStatementDocument,
  errorMessage,
  type UtilityStatementQuery,
} from '@citizen/shared';
import type { ApiError } from '../../../api/client';
import { authed } from '../../../features/identity/session';
import { AccessNeeded, isAccessError } from '../../../features/identity/access';
import { amountInCapitals, amountText } from '../../../features/payments/labels';
import {
  billState,
  chinaDay,
  companyDown,
  companyName,
  feeName,
  unitLabel,
} from '../../../features/living-fees/labels';
import { usePreferences, useT } from '../../../preferences';
import { formatDay } from '../../../preferences/format';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { goBack } from '../../../components/navigation';
import { platformDialogs } from '../../../components/dialogs';
import '../../../components/form.scss';
import '../../../features/living-fees/living-fees.scss';

type Statement = UtilityStatementQuery['utilityStatement'];
const TITLE = ['账单', 'Bill'] as const;
const AGENCY_CODES = ['AGENCY_UNAVAILABLE', 'AGENCY_TIMEOUT', 'AGENCY_CIRCUIT_OPEN'];

/**
 * One bound account's bill, read live from its company: what is due (amount large, in
 * 大写, one button to pay it through the app's payment page), the last twelve months,
 * and unbinding. The amount paid is the company's, set on the server; the bill shows
 * paid once the company has recorded our payment.
 */
export default function BillPage() {
  const t = useT();
  const { locale } = usePreferences();
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const [statement, setStatement] = useState<Statement | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [paying, setPaying] = useState<string | null>(null);
  const [payError, setPayError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    const result = await authed(UtilityStatementDocument, { accountId: id });
    if (result.data) setStatement(result.data.utilityStatement);
    else setError(result.errors[0]);
  }, [id]);
  useDidShow(() => void load());

  async function pay(billNo: string) {
    setPaying(billNo);
    setPayError(null);
    const result = await authed(PayUtilityBillDocument, { accountId: id, billNo });
    setPaying(null);
    if (!result.data) {
      const code = result.errors[0].code;
      setPayError(
        AGENCY_CODES.includes(code) && statement
          ? companyDown(statement.account.utility, code === 'AGENCY_TIMEOUT')
          : errorMessage(code, locale),
      );
      void load();
      return;
    }
    void Taro.navigateTo({ url: `/pages/payment/index?id=${encodeURIComponent(result.data.payUtilityBill.id)}` });
  }

  async function unbind() {
    const confirmed = await platformDialogs.confirm({
      title: t('解除绑定', 'Unbind'),
      content: t(
        '解除后不再显示该户号的账单，可随时重新绑定。',
        'Its bills will no longer show here; you can bind it again any time.',
      ),
      confirmText: t('解除', 'Unbind'),
    });
    if (!confirmed) return;
    const result = await authed(UnbindUtilityAccountDocument, { accountId: id });
    if (result.data && statement)
      void Taro.redirectTo({ url: `/fees/pages/bills/index?utility=${statement.account.utility.toLowerCase()}` });
    else if (!result.data) setPayError(errorMessage(result.errors[0].code, locale));
  }

  const back = (
    <ActionButton
      className='secondary-button'
      label={t('返回', 'Back')}
      onClick={() => goBack('/fees/pages/bills/index')}
    />
  );
  if (!statement) {
    let body = <Loading />;
    if (error && isAccessError(error))
      body = (
        <AccessNeeded
          error={error}
          what={t('账单', 'the bill')}
          returnTo={`/fees/pages/bill/index?id=${encodeURIComponent(id)}`}
          onSignedIn={() => void load()}
        />
      );
    else if (error && AGENCY_CODES.includes(error.code) && typeof error.details?.agency === 'string') {
      // The company is down: said by its name; nothing was opened or charged.
      const utility = error.details.agency.toUpperCase() as Statement['account']['utility'];
      body = (
        <View className='state state--partial fees__partial' role='alert'>
          <Text className='state__title'>{companyDown(utility, error.code === 'AGENCY_TIMEOUT')}</Text>
          <Text className='state__text'>
            {t(
              '暂时无法查询和缴纳账单，未发生任何扣款。',
              'The bill cannot be read or paid for now; nothing has been charged.',
            )}
          </Text>
          <ActionButton className='state__retry' onClick={() => void load()} label={t('重试', 'Try again')} />
        </View>
      );
    } else if (error) body = <ErrorState error={error} onRetry={() => void load()} />;
    return (
      <Screen title={TITLE} className='form fees'>
        {body}
        {back}
      </Screen>
    );
  }

  const { account } = statement;
  return (
    <Screen title={TITLE} className='form fees'>
      <View className='fees__card'>
        <Text className='fees__card-title'>{`${companyName(account.utility)} · ${feeName(account.utility)}`}</Text>
        <Text className='fees__line'>
          {t('户号', 'Account')}　{account.accountNoMasked}
        </Text>
        <Text className='fees__line'>
          {t('户主', 'Holder')}　{account.holderMasked}
        </Text>
        <Text className='fees__line'>
          {t('地址', 'Address')}　{account.addressMasked}
        </Text>
      </View>
      {payError ? <Notice kind='error'>{payError}</Notice> : null}
      <Text className='fees__heading'>{t('待缴账单', 'Due')}</Text>
      {statement.due.length === 0 ? (
        <Empty label={t('当前没有待缴账单。', 'Nothing is due right now.')} />
      ) : (
        statement.due.map((bill) => {
          const paidByUs = bill.payment && (bill.payment.status === 'PAID' || bill.payment.status === 'SETTLED');
          return (
            <View key={bill.billNo} className='fees__card fees__due-bill'>
              <Text className='fees__card-title'>{t(`${bill.period} 账单`, `Bill for ${bill.period}`)}</Text>
              <Text className='fees__amount'>{amountText(bill.amount)}</Text>
              {locale === 'zh' ? <Text className='fees__line'>{amountInCapitals(bill.amount)}</Text> : null}
              <Text className='fees__line'>
                {t('用量', 'Usage')}　{bill.usage} {unitLabel(bill.unit)}　·　{t('缴费截止', 'Due by')}{' '}
                {formatDay(bill.dueOn)}
              </Text>
              <Text className='fees__line fees__bill-state'>{billState(bill.status, bill.payment?.status)}</Text>
              {paidByUs ? (
                <ActionButton
                  className='secondary-button fees__see-payment'
                  label={t('查看缴费', 'See the payment')}
                  onClick={() =>
                    void Taro.navigateTo({ url: `/pages/payment/index?id=${encodeURIComponent(bill.payment!.id)}` })
                  }
                />
              ) : (
                <ActionButton
                  className='primary-button fees__pay'
                  label={t(`缴纳 ${bill.amount} 元`, `Pay CNY ${bill.amount}`)}
                  loading={paying === bill.billNo}
                  disabled={paying !== null}
                  onClick={() => void pay(bill.billNo)}
                />
              )}
            </View>
          );
        })
      )}
      <Text className='fees__heading'>{t('近12个月账单', 'The last 12 months')}</Text>
      <View className='fees__card fees__history' role='list'>
        {statement.history.map((bill) => (
          <View key={bill.billNo} className='fees__month' role='listitem'>
            <Text className='fees__month-name'>
              {bill.period}　{bill.usage} {unitLabel(bill.unit)}
            </Text>
            <Text className='fees__month-amount'>{amountText(bill.amount)}</Text>
            <Text className={`fees__month-status${bill.status === 'PAID' ? '' : ' fees__month-status--due'}`}>
              {billState(bill.status, bill.payment?.status)}
              {bill.paidAt ? ` ${formatDay(chinaDay(bill.paidAt))}` : ''}
            </Text>
          </View>
        ))}
      </View>
      <ActionButton
        className='secondary-button fees__unbind'
        label={t('解除绑定', 'Unbind this account')}
        onClick={() => void unbind()}
      />
      {back}
    </Screen>
  );
}
