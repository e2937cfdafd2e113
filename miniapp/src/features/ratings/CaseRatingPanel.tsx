import { useCallback, useEffect, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MyCaseRatingDocument, type CaseRatingFieldsFragment, type RatedCaseKind } from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError } from '../../api/client';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { RatingSummary } from './RatingSummary';
// The rating section's look, on pages that are not an application's.
import '../applications/applications.scss';

/**
 * 好差评 for a finished case whose own query carries no rating (an appointment kept, an
 * answered 12345 consultation, a closed car-moving request): reads the citizen's rating
 * of it, then offers to rate or shows the rating given. Read again when the page shows,
 * so coming back from the rating page shows the rating, not the button.
 */
export function CaseRatingPanel({ kind, caseId }: { kind: RatedCaseKind; caseId: string }) {
  const t = useT();
  const [rating, setRating] = useState<CaseRatingFieldsFragment | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const result = await authed(MyCaseRatingDocument, { kind, caseId });
    if (result.data) {
      setRating(result.data.myCaseRating ?? null);
      setError(null);
    } else setError(result.errors[0] ?? null);
  }, [kind, caseId]);

  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    void load();
  });

  if (error && rating === undefined) {
    return (
      <View className='application__section application__rate case-rating case-rating--error'>
        <Text className='application__muted'>
          {t(`暂时无法读取评价：${error.message}`, `Could not read your rating just now: ${error.message}`)}
        </Text>
        <ActionButton className='secondary-button' label={t('重试', 'Try again')} onClick={() => void load()} />
      </View>
    );
  }
  if (rating === undefined)
    return (
      <Text className='application__muted case-rating case-rating--loading'>
        {t('正在读取评价…', 'Reading your rating…')}
      </Text>
    );
  return <RatingSummary kind={kind} caseId={caseId} rating={rating} />;
}
