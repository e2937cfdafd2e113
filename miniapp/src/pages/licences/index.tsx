import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '@citizen/shared';
import { useLicences } from '../../features/wallet/useLicences';
import { AccessNeeded, isAccessError } from '../../features/identity/access';
import { ExpiredMark, licenceTitle } from '../../features/wallet/LicenceSummary';
import { validity } from '../../features/wallet/labels';
import { usePreferences, useT } from '../../preferences';
import { Screen } from '../../components/Screen';
import { ActionButton } from '../../components/ActionButton';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/applications/applications.scss';
import '../../features/wallet/wallet.scss';

const TITLE = ['我的证照', 'My licences'] as const;
const HERE = '/pages/licences/index';

/** The citizen's electronic licences, masked: one card each; a card opens its detail and code. */
export default function LicencesPage() {
  const tr = useT();
  const { locale } = usePreferences();
  const { licences, error, reload } = useLicences();
  const back = () => goBack('/pages/me/index');

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!licences && error) {
    return (
      <Screen title={TITLE} className='list licences'>
        <AccessNeeded
          error={error}
          what={tr('您的电子证照', 'your licences')}
          returnTo={HERE}
          onSignedIn={() => void reload()}
        />
        {!isAccessError(error) ? (
          <ErrorState error={{ ...error, message: errorMessage(error.code, locale) }} onRetry={() => void reload()} />
        ) : null}
        <ActionButton className='secondary-button' label={tr('返回', 'Back')} onClick={back} />
      </Screen>
    );
  }
  if (!licences) {
    return (
      <Screen title={TITLE}>
        <Loading label={tr('正在加载…', 'Loading…')} />
      </Screen>
    );
  }

  return (
    <Screen title={TITLE} className='list licences'>
      <Text className='licences__intro'>
        {tr(
          '以下信息已隐去部分内容。点开证照可出示亮证码，或在人脸识别认证后查看完整信息。',
          'Details are partly hidden. Open a licence to show its code, or to see it in full after face verification.',
        )}
      </Text>
      {licences.length === 0 ? (
        <Empty label={tr('电子证照库中暂无您的证照。', 'The licence library holds no licences of yours yet.')} />
      ) : null}
      {licences.map((licence) => {
        const title = licenceTitle(licence, locale);
        // Named by its visible lines (title, holder, number, issuer, validity), as read on screen.
        return (
          <View
            key={licence.id}
            className={`list__row licences__row${licence.expired ? ' licences__row--expired' : ''}`}
            role='button'
            data-licence-id={licence.id}
            onClick={() => void Taro.navigateTo({ url: `/pages/licence/index?id=${encodeURIComponent(licence.id)}` })}
          >
            <View className='list__row-head'>
              <Text className='list__title'>{title}</Text>
              {licence.expired ? <ExpiredMark className='licences__expired' /> : null}
            </View>
            <Text className='list__line'>
              {tr('持证人', 'Holder')}　{licence.holderName}
            </Text>
            <Text className='list__line'>
              {tr('证号', 'Number')}　{licence.number}
            </Text>
            <Text className='list__line'>
              {tr('签发机关', 'Issued by')}　{licence.issuer}
            </Text>
            <Text className='list__line'>{validity(licence.validUntil)}</Text>
          </View>
        );
      })}
      <View style={{ height: '24px' }} />
      <ActionButton className='secondary-button' label={tr('返回', 'Back')} onClick={back} />
    </Screen>
  );
}
