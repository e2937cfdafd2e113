import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { fieldErrorText, validateField, type Answers, type FormField, type Platform } from '@citizen/shared';
import { FormRenderer } from '../../features/applications/FormRenderer';
import { shownFields, type LicenceChoice, type PrefilledField } from '../../features/applications/formModel';
import { setPreferences, usePreferences, useT } from '../../preferences';
import { Chips } from './inputs';
import { testPersonValue } from './model';

const PLATFORMS: Array<[Platform, readonly [string, string]]> = [
  ['WECHAT', ['微信', 'WeChat']],
  ['ALIPAY', ['支付宝', 'Alipay']],
  ['BAIDU', ['百度', 'Baidu']],
  ['H5', ['网页', 'Web']],
];
const NO_UNFILLED = new Map();

/**
 * The form as a citizen sees it, before anyone can: in a phone frame with each
 * platform's title bar, in elder mode (the app's own `screen--elder` rules), in either
 * language, with a made-up test person's records in the prefilled fields (masked and
 * locked, as the BFF sends them) and the fields' rules checked as the operator types.
 * The language is the console's own: switching it here switches the whole console.
 */
export function FormPreview({ title, titleEn, fields }: { title: string; titleEn: string; fields: FormField[] }) {
  const t = useT();
  const { locale } = usePreferences();
  const [platform, setPlatform] = useState<Platform>('WECHAT');
  const [elder, setElder] = useState(false);
  const [answers, setAnswers] = useState<Answers>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  const prefilled = useMemo(
    () =>
      new Map<string, PrefilledField>(
        fields
          .filter((f) => f.prefill)
          .map((f) => [f.id, { fieldId: f.id, display: testPersonValue(f.prefill!.path), source: f.prefill!.source }]),
      ),
    [fields],
  );
  const licences = useMemo<LicenceChoice[]>(
    () =>
      fields
        .filter((f) => f.type === 'licence' && f.licenceKind)
        .map((f) => ({
          id: `test-${f.licenceKind}`,
          kind: f.licenceKind!,
          title: f.licenceKind!,
          maskedNumber: '1**************2',
          issuer: t('示例发证机关', 'Example issuer'),
          validUntil: '2030-12-31',
        })),
    [fields, t],
  );
  // A schema mid-edit may not pass the validator yet; the preview draws what it can.
  const schema = { fields };
  let shown: FormField[] = fields;
  try {
    shown = shownFields(schema, answers, prefilled);
  } catch {
    shown = fields;
  }
  const errorFor = (id: string): string | null => {
    const field = shown.find((f) => f.id === id);
    if (!field || !touched.has(id) || prefilled.has(id)) return null;
    try {
      const code = validateField(field, answers[id], { today });
      return code ? fieldErrorText(field, code, locale) : null;
    } catch {
      return null;
    }
  };

  return (
    <View className='panel form-preview'>
      <Text className='label'>
        {t('预览（测试人员“张小明”的数据已预填）', 'Preview (prefilled with the test person “Zhang Xiaoming”)')}
      </Text>
      <Chips
        group={t('预览平台', 'Preview platform')}
        options={PLATFORMS.map(([p, both]) => [p, t(...both)] as [Platform, string])}
        selected={(v) => v === platform}
        onToggle={setPlatform}
      />
      <Chips
        group={t('预览方式', 'Preview mode')}
        options={[
          ['elder', t('长辈模式', 'Elder mode')],
          ['en', 'English'],
        ]}
        selected={(v) => (v === 'elder' ? elder : locale === 'en')}
        onToggle={(v) => (v === 'elder' ? setElder(!elder) : setPreferences({ locale: locale === 'en' ? 'zh' : 'en' }))}
      />
      <View className={`preview-phone preview-phone--${platform}`} aria-label={t('表单预览', 'Form preview')}>
        <View className='preview-phone__bar'>
          <Text>{locale === 'en' ? titleEn || title : title}</Text>
          {platform === 'H5' ? null : (
            <Text className='preview-phone__capsule' aria-hidden>
              ··· ◎
            </Text>
          )}
        </View>
        <View className={`screen form apply${elder ? ' screen--elder' : ''}`} data-elder={elder ? 'on' : 'off'}>
          <FormRenderer
            schema={schema}
            answers={answers}
            prefilled={prefilled}
            unfilled={NO_UNFILLED}
            licences={licences}
            today={today}
            errorFor={errorFor}
            onChange={(id, value) =>
              setAnswers((a) => ({ ...a, [id]: typeof value === 'function' ? value(a[id] ?? '') : value }))
            }
            onTouch={(id) => setTouched((s) => new Set(s).add(id))}
          />
        </View>
      </View>
    </View>
  );
}
