import { useCallback, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Input, Text } from '@tarojs/components';
import {
  BindUtilityAccountDocument,
  MyUtilityAccountsDocument,
  errorMessage,
  type UtilityAccountFieldsFragment,
} from '@citizen/shared';
import type { ApiError } from '../../../api/client';
import { authed } from '../../../features/identity/session';
import { AccessNeeded, isAccessError } from '../../../features/identity/access';
import {
  accountExample,
  companyDown,
  companyName,
  feeName,
  feeTitle,
  utilityFromQuery,
} from '../../../features/living-fees/labels';
import { usePreferences, useT } from '../../../preferences';
import { ActionButton } from '../../../components/ActionButton';
import { ListCell, ListGroup } from '../../../components/ListCell';
import { FieldError } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { goBack } from '../../../components/navigation';
import '../../../components/form.scss';
import '../../../features/living-fees/living-fees.scss';

/** Which input an error code is about, so it is said under that field. */
const FIELD_OF: Record<string, 'accountNo' | 'holderName'> = {
  UTILITY_ACCOUNT_NOT_FOUND: 'accountNo',
  UTILITY_HOLDER_MISMATCH: 'holderName',
};

/**
 * 水费 / 电费 / 燃气费: the household accounts bound at one company (a row opens its bill)
 * and binding another once: the number from the paper bill and the holder's full name
 * (the citizen's own when left empty). The company checks both and answers the holder
 * and address masked.
 */
export default function BillsPage() {
  const t = useT();
  const { locale } = usePreferences();
  const { params } = useRouter();
  const utility = utilityFromQuery(params.utility);
  const returnTo = `/fees/pages/bills/index?utility=${utility.toLowerCase()}`;
  const [accounts, setAccounts] = useState<UtilityAccountFieldsFragment[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [accountNo, setAccountNo] = useState('');
  const [holderName, setHolderName] = useState('');
  const [binding, setBinding] = useState(false);
  const [problem, setProblem] = useState<{ field: 'accountNo' | 'holderName' | null; message: string } | null>(null);

  const load = useCallback(async () => {
    const result = await authed(MyUtilityAccountsDocument, { utility });
    if (result.data) {
      setAccounts(result.data.myUtilityAccounts);
      setLoadError(null);
    } else setLoadError(result.errors[0]);
  }, [utility]);
  useDidShow(() => void load());

  const open = (id: string) => void Taro.navigateTo({ url: `/fees/pages/bill/index?id=${encodeURIComponent(id)}` });

  async function bind() {
    const number = accountNo.replace(/\s+/g, '');
    if (!/^\d{6,20}$/.test(number))
      return setProblem({
        field: 'accountNo',
        message: t('户号为6至20位数字，见缴费通知单', 'The account number is 6 to 20 digits, as on your bill'),
      });
    setBinding(true);
    setProblem(null);
    const result = await authed(BindUtilityAccountDocument, {
      utility,
      accountNo: number,
      holderName: holderName.trim() || null,
    });
    setBinding(false);
    if (!result.data) {
      const error = result.errors[0];
      const field =
        FIELD_OF[error.code] ??
        (error.details?.field === 'accountNo' || error.details?.field === 'holderName'
          ? (error.details.field as 'accountNo' | 'holderName')
          : null);
      const message =
        error.code === 'AGENCY_UNAVAILABLE' || error.code === 'AGENCY_TIMEOUT' || error.code === 'AGENCY_CIRCUIT_OPEN'
          ? companyDown(utility, error.code === 'AGENCY_TIMEOUT')
          : errorMessage(error.code, locale);
      return setProblem({ field, message });
    }
    setAccountNo('');
    setHolderName('');
    open(result.data.bindUtilityAccount.id);
  }

  const title = feeTitle(utility);
  if (!accounts) {
    return (
      <Screen title={title}>
        {loadError ? (
          isAccessError(loadError) ? (
            <AccessNeeded
              error={loadError}
              what={t('您的缴费户号', 'your household accounts')}
              returnTo={returnTo}
              onSignedIn={() => void load()}
            />
          ) : (
            <ErrorState error={loadError} onRetry={() => void load()} />
          )
        ) : (
          <Loading />
        )}
        <ActionButton
          className='secondary-button'
          label={t('返回', 'Back')}
          onClick={() => goBack('/pages/home/index')}
        />
      </Screen>
    );
  }
  return (
    <Screen title={title} className='form fees'>
      <Text className='fees__heading'>
        {t(`已绑定的${feeName(utility)}户号`, `Your accounts for the ${feeName(utility).toLowerCase()}`)}
      </Text>
      {accounts.length === 0 ? (
        <Empty
          label={t(
            '还没有绑定户号，绑定一次后即可查询和缴纳账单。',
            'No account bound yet. Bind one once to see and pay its bills.',
          )}
        />
      ) : (
        <ListGroup>
          {accounts.map((a) => (
            <ListCell
              key={a.id}
              className='fees__account'
              icon='file'
              title={`${t('户号', 'Account')} ${a.accountNoMasked}`}
              description={`${a.holderMasked} · ${a.addressMasked}`}
              value={t('查看账单', 'See bill')}
              onPress={() => open(a.id)}
            />
          ))}
        </ListGroup>
      )}
      <Text className='fees__heading'>{t('绑定新户号', 'Bind an account')}</Text>
      <Text className='fees__intro'>
        {t(
          `户号印在${companyName(utility)}的缴费通知单上。`,
          `The account number is printed on ${companyName(utility).toLowerCase()}’s bill.`,
        )}
      </Text>
      <Text className='fees__label'>{t('户号', 'Account number')}</Text>
      <Input
        className='fees__input fees__account-no'
        type='number'
        aria-label={t('户号', 'Account number')}
        placeholder={t(`如 ${accountExample(utility)}`, `e.g. ${accountExample(utility)}`)}
        value={accountNo}
        onInput={(e) => setAccountNo(e.detail.value)}
      />
      {problem?.field === 'accountNo' ? <FieldError>{problem.message}</FieldError> : null}
      <Text className='fees__label'>{t('户主姓名（选填）', 'Account holder’s name (optional)')}</Text>
      <Input
        className='fees__input fees__holder'
        aria-label={t('户主姓名', 'Account holder’s name')}
        placeholder={t('不填则为本人', 'Leave empty if it is you')}
        value={holderName}
        onInput={(e) => setHolderName(e.detail.value)}
      />
      <Text className='fees__hint'>
        {t('为家人缴费时，请填写户主的完整姓名。', 'Paying for family? Enter the account holder’s full name.')}
      </Text>
      {problem?.field === 'holderName' ? <FieldError>{problem.message}</FieldError> : null}
      {problem && problem.field === null ? <FieldError>{problem.message}</FieldError> : null}
      <ActionButton
        className='primary-button fees__bind'
        label={t('绑定并查询账单', 'Bind and see the bill')}
        loading={binding}
        disabled={binding}
        onClick={() => void bind()}
      />
      <ActionButton
        className='secondary-button'
        label={t('返回', 'Back')}
        onClick={() => goBack('/pages/home/index')}
      />
    </Screen>
  );
}
