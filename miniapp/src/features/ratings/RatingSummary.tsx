import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CaseRatingFieldsFragment, RatedCaseKind } from '@citizen/shared';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { levelLabel } from './labels';

/**
 * A finished case's 好差评 on its page: the way to rate it, or the rating given and,
 * for a low one, that it is being followed up.
 */
export function RatingSummary({
  kind,
  caseId,
  rating,
}: {
  kind: RatedCaseKind;
  caseId: string;
  rating: CaseRatingFieldsFragment | null | undefined;
}) {
  const t = useT();
  if (!rating) {
    return (
      <View className='application__section application__rate'>
        <Text className='application__section-title'>{t('服务评价', 'Rate this service')}</Text>
        <Text className='application__muted'>
          {t(
            '您的评价会报送全国政务服务“好差评”系统，帮助改进服务。',
            'Your rating goes to the national service evaluation system and helps improve the service.',
          )}
        </Text>
        <ActionButton
          className='primary-button application__rate-button'
          label={t('评价本次服务', 'Rate this service')}
          onClick={() =>
            void Taro.navigateTo({ url: `/pages/rate/index?kind=${kind}&id=${encodeURIComponent(caseId)}` })
          }
        />
      </View>
    );
  }
  return (
    <View className='application__section application__rating'>
      <Text className='application__section-title'>{t('服务评价', 'Your rating')}</Text>
      <Text className='application__rating-level'>
        {t('您的评价：', 'You rated it: ')}
        {levelLabel(rating.level)}
      </Text>
      {rating.followingUp ? (
        <Text className='application__muted application__following-up'>
          {t(
            '工作人员正在跟进您的评价，会尽快与您联系。',
            'Staff are following up your rating and will contact you soon.',
          )}
        </Text>
      ) : null}
    </View>
  );
}
