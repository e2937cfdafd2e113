import { Text, View } from '@tarojs/components';
import type { Answers, FormSchema } from '@citizen/shared';
import { t } from '../../preferences';
import { fieldLabel, optionLabel, own, shownAnswer, shownFields, type LicenceChoice, type PrefilledField } from './formModel';
import { lockedNote } from './labels';
import './applications.scss';

/** Every visible answer, read-only, before the citizen confirms: what the departments will receive. */
export function ReviewSummary({ schema, answers, prefilled, licences }: { schema: FormSchema; answers: Answers; prefilled: ReadonlyMap<string, PrefilledField>; licences: readonly LicenceChoice[] }) {
  return (
    <View className='review' role='list' aria-label={t('核对申请信息', 'Check your answers')}>
      {shownFields(schema, answers, prefilled).map((field) => {
        const locked = prefilled.get(field.id);
        // A locked choice comes as its value: shown as its label, as on the form.
        const lockedOption = locked && field.type === 'select' ? field.options?.find((o) => o.value === locked.display) : undefined;
        const shown = locked ? (lockedOption ? optionLabel(lockedOption) : locked.display) : shownAnswer(field, own(answers, field.id), licences);
        const empty = !locked && !(own(answers, field.id) ?? '').trim();
        return (
          <View key={field.id} className={`review__row review__row--${field.id}`} role='listitem'>
            <Text className='review__label'>{fieldLabel(field)}</Text>
            <Text className={`review__value${empty ? ' review__value--empty' : ''}`}>{shown}</Text>
            {locked ? <Text className='review__lock'>{lockedNote(locked.source)}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
