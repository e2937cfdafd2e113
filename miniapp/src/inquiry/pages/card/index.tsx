import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CitizenInquiryCardDocument, INQUIRY_CARD_PAGE } from '@citizen/shared';
import type { ApiError } from '../../../api/client';
import { useQuery } from '../../../api/useQuery';
import { AccessNeeded, isAccessError } from '../../../features/identity/access';
import { authed } from '../../../features/identity/session';
import { agencyDown } from '../../../features/records/labels';
import { shownValue } from '../../../features/inquiry/format';
import { usePreferences, useT } from '../../../preferences';
import { localized } from '../../../preferences/format';
import { Screen } from '../../../components/Screen';
import { ActionButton } from '../../../components/ActionButton';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { goBack } from '../../../components/navigation';
import '../../../components/form.scss';
import '../../../features/applications/applications.scss';
import '../../../features/records/records.scss';
import '../../../features/inquiry/inquiry.scss';

const TITLE = ['查询', 'Look up'] as const;

function isAgencyDown(error: ApiError): boolean {
  return error.code === 'AGENCY_UNAVAILABLE' || error.code === 'AGENCY_TIMEOUT' || error.code === 'AGENCY_CIRCUIT_OPEN';
}

/**
 * A 查 card an operator published (issue 15), opened from its tile: the card's fields
 * with the signed-in citizen's own record, masked and formatted as the card says. The
 * BFF reads the record by the citizen's verified identity; nothing here names whose.
 */
export default function InquiryCardPage() {
  const tr = useT();
  const { locale } = usePreferences();
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const query = useQuery(CitizenInquiryCardDocument, { id }, { send: authed });
  usePullDownRefresh(() => void query.refetch().finally(() => Taro.stopPullDownRefresh()));
  const here = `${INQUIRY_CARD_PAGE}?id=${encodeURIComponent(id)}`;
  const card = query.data?.inquiryCard;
  const error = query.errors[0];

  let body;
  if (query.loading && !card) body = <Loading />;
  else if (card) {
    body = (
      <View className='list__row records__card inquiry__card'>
        {card.found ? (
          card.rows.map((row) => (
            <View key={row.label} className='inquiry__row'>
              <Text className='inquiry__label'>{localized(row.label, row.labelEn)}</Text>
              <Text className='inquiry__value'>{shownValue(row.value, row.format, locale)}</Text>
            </View>
          ))
        ) : (
          <Empty label={tr('部门暂无您的记录。', 'The department holds no record for you.')} />
        )}
      </View>
    );
  } else if (!error) body = <Loading />;
  else if (isAccessError(error))
    body = (
      <AccessNeeded
        error={error}
        what={tr('本查询', 'this record')}
        returnTo={here}
        onSignedIn={() => void query.refetch()}
      />
    );
  else if (isAgencyDown(error)) {
    body = (
      <View className='state state--error inquiry__down' role='alert'>
        <Text className='state__title'>{agencyDown(error.details?.agency, error.code === 'AGENCY_TIMEOUT')}</Text>
        <Text className='state__text'>
          {tr('您的记录没有问题，请稍后重试。', 'Nothing is wrong with your record. Please try again in a moment.')}
        </Text>
        <ActionButton className='state__retry' onClick={() => void query.refetch()} label={tr('重试', 'Try again')} />
      </View>
    );
  } else if (error.code === 'INQUIRY_CARD_NOT_FOUND')
    body = <Empty label={tr('该查询已下线或不存在。', 'This look-up is no longer offered.')} />;
  else body = <ErrorState error={error} onRetry={() => void query.refetch()} />;

  return (
    <Screen title={card ? [card.title, card.titleEn] : TITLE} className='list inquiry'>
      {card ? <Text className='inquiry__title'>{localized(card.title, card.titleEn)}</Text> : null}
      {card?.found ? (
        <Text className='inquiry__note'>
          {tr(
            '以下为部门登记的您本人的信息，部分内容已遮挡。',
            'Your own record as the department holds it; some details are partly hidden.',
          )}
        </Text>
      ) : null}
      {body}
      <ActionButton
        className='secondary-button inquiry__back'
        label={tr('返回', 'Back')}
        onClick={() => goBack('/pages/home/index')}
      />
    </Screen>
  );
}
