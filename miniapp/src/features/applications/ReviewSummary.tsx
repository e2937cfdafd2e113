import { Text, View } from '@tarojs/components';
import { normaliseAnswer, type Answers, type FormSchema } from '@citizen/shared';
import { t } from '../../preferences';
import { fieldLabel, own, shownAnswer, shownFields, type LicenceChoice, type PrefilledField } from './formModel';
import { lockedNote } from './labels';
import { LockNote } from './LockNote';
import { lockedDisplay } from './ApplicantCard';
import { toChineseCapital } from '../../components/money';
import './applications.scss';

/** Every visible answer, read-only, before the citizen confirms: what the departments will receive. */
export function ReviewSummary({
  schema,
  answers,
  prefilled,
  licences,
}: {
  schema: FormSchema;
  answers: Answers;
  prefilled: ReadonlyMap<string, PrefilledField>;
  licences: readonly LicenceChoice[];
}) {
  return (
    <View className='review' role='list' aria-label={t('核对申请信息', 'Check your answers')}>
      {shownFields(schema, answers, prefilled).map((field) => {
        const locked = prefilled.get(field.id);
        // A locked choice comes as its value: shown as its label, as on the form.
        const shown = locked ? lockedDisplay(field, locked) : shownAnswer(field, own(answers, field.id), licences);
        const empty = !locked && !(own(answers, field.id) ?? '').trim();
        // A sum the citizen confirms is also written in 大写, as on a bank slip, so a slipped digit shows.
        const capital =
          !locked && field.type === 'amount' ? toChineseCapital(normaliseAnswer(field, own(answers, field.id))) : null;
        return (
          <View key={field.id} className={`review__row review__row--${field.id}`} role='listitem'>
            <Text className='review__label'>{fieldLabel(field)}</Text>
            <Text className={`review__value${empty ? ' review__value--empty' : ''}`}>{shown}</Text>
            {capital ? (
              <Text className='review__capital'>
                {t(`大写：${capital}`, `In words (Chinese capitals): ${capital}`)}
              </Text>
            ) : null}
            {locked ? <LockNote className='review__lock' text={lockedNote(locked.source)} /> : null}
          </View>
        );
      })}
    </View>
  );
}
