import { Text, View } from '@tarojs/components';
import type { Answers, FormSchema } from '@citizen/shared';
import { own, shownAnswer, shownFields, type LicenceChoice, type PrefilledField } from './formModel';
import { lockedNote } from './labels';
import './applications.scss';

/** Every visible answer, read-only, before the citizen confirms: what the departments will receive. */
export function ReviewSummary({ schema, answers, prefilled, licences }: { schema: FormSchema; answers: Answers; prefilled: ReadonlyMap<string, PrefilledField>; licences: readonly LicenceChoice[] }) {
  return (
    <View className='review' role='list' aria-label='核对申请信息'>
      {shownFields(schema, answers, prefilled).map((field) => {
        const locked = prefilled.get(field.id);
        const shown = locked ? locked.display : shownAnswer(field, own(answers, field.id), licences);
        return (
          <View key={field.id} className={`review__row review__row--${field.id}`} role='listitem'>
            <Text className='review__label'>{field.label}</Text>
            <Text className={`review__value${shown === '未填写' ? ' review__value--empty' : ''}`}>{shown}</Text>
            {locked ? <Text className='review__lock'>{lockedNote(locked.source)}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
