import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { FormField } from '@citizen/shared';
import { preferences, t } from '../../preferences';
import { formatYuan } from '../../components/money';
import { Icon } from '../../components/Icon';
import { pressable } from '../../components/pressable';
import { fieldLabel, optionLabel, type PrefilledField } from './formModel';
import { lockedNote } from './labels';

/** How many filled-in details the closed card shows before "还有 N 项". */
const SHOWN_CLOSED = 3;

/** A prefilled value as it reads: a choice by its label, an amount with separators and 元. */
export function lockedDisplay(field: FormField, prefilled: PrefilledField): string {
  const option = field.type === 'select' ? field.options?.find((o) => o.value === prefilled.display) : undefined;
  if (option) return optionLabel(option);
  if (field.type === 'amount') return formatYuan(prefilled.display, preferences().locale);
  return prefilled.display;
}

/**
 * 申请人信息（已自动获取）: what the government already holds, in one compact card
 * instead of a stack of locked fields before the first question (1.5 screens in elder
 * mode). Closed, it shows the first few details, one line each; opened, every detail
 * with where it came from. Nothing here is editable or sent: the BFF reads the records
 * again at submission.
 */
export function ApplicantCard({
  fields,
  prefilled,
}: {
  fields: FormField[];
  prefilled: ReadonlyMap<string, PrefilledField>;
}) {
  const [open, setOpen] = useState(false);
  if (fields.length === 0) return null;
  const shown = open ? fields : fields.slice(0, SHOWN_CLOSED);
  const hidden = fields.length - shown.length;
  const toggle = open
    ? t('收起', 'Show less')
    : hidden > 0
      ? t(`展开全部 ${fields.length} 项及来源`, `Show all ${fields.length} with their sources`)
      : t('查看来源', 'Show sources');
  return (
    <View className={`applicant-card${open ? ' applicant-card--open' : ''}`}>
      <View className='applicant-card__head'>
        <Icon name='user' size={40} />
        <Text className='applicant-card__title'>
          {t('申请人信息（已自动获取）', 'Your details (filled in for you)')}
        </Text>
      </View>
      <Text className='applicant-card__intro'>
        {t(
          '以下信息来自政府部门记录，无需填写，也不能修改。',
          'These come from government records: nothing to type, and they cannot be changed here.',
        )}
      </Text>
      {shown.map((field) => {
        const value = prefilled.get(field.id)!;
        return (
          <View
            key={field.id}
            className={`applicant-card__row field--locked field--${field.id}`}
            data-field-id={field.id}
            data-field-type={field.type}
          >
            <Text className='applicant-card__label'>{fieldLabel(field)}</Text>
            <Text className='applicant-card__value'>{lockedDisplay(field, value)}</Text>
            {open ? <Text className='applicant-card__source'>{lockedNote(value.source)}</Text> : null}
          </View>
        );
      })}
      {hidden > 0 ? <Text className='applicant-card__more'>{t(`还有 ${hidden} 项`, `${hidden} more`)}</Text> : null}
      <View
        className='applicant-card__toggle'
        {...pressable(() => setOpen(!open))}
        aria-expanded={open ? 'true' : 'false'}
      >
        <Text>{toggle}</Text>
        <Icon name={open ? 'collapse' : 'expand'} size={32} />
      </View>
    </View>
  );
}
