import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import {
  RateCaseDocument,
  errorMessage,
  type CaseRatingFieldsFragment,
  type RatedCaseKind,
  type RatingIndicator,
} from '@citizen/shared';
import { authed } from '../../features/identity/session';
import { INDICATORS, LEVELS, levelLabel } from '../../features/ratings/labels';
import { usePreferences, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { pressable } from '../../components/pressable';
import { Screen } from '../../components/Screen';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/applications/applications.scss';

const TITLE = ['服务评价', 'Rate the service'] as const;
const KINDS: readonly RatedCaseKind[] = ['APPLICATION', 'APPOINTMENT', 'CONSULTATION', 'CAR_MOVE'];
const MAX_TEXT = 500;

/**
 * 好差评 of one finished case, once: five levels (big targets, one tap each, read out as
 * radio buttons), for 3 or less what went wrong (GB/T 39734's indicators), and optional
 * words, which stay with us and go to no national system.
 */
export default function RatePage() {
  const t = useT();
  const { locale } = usePreferences();
  const { params } = useRouter();
  const kind = KINDS.find((k) => k === params.kind) ?? 'APPLICATION';
  const caseId = decodeURIComponent(params.id ?? '');
  const [level, setLevel] = useState<number | null>(null);
  const [indicators, setIndicators] = useState<RatingIndicator[]>([]);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<CaseRatingFieldsFragment | null>(null);

  const low = level !== null && level <= 3;
  const toggle = (code: RatingIndicator) =>
    setIndicators((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]));
  async function send() {
    if (level === null) {
      setProblem(t('请选择满意程度', 'Please choose how satisfied you are'));
      return;
    }
    setSending(true);
    setProblem(null);
    const result = await authed(RateCaseDocument, {
      kind,
      caseId,
      level,
      indicators: low ? indicators : [],
      text: text.trim() || null,
    });
    setSending(false);
    if (result.data) setDone(result.data.rateCase);
    else setProblem(errorMessage(result.errors[0].code, locale));
  }

  if (done) {
    return (
      <Screen title={TITLE} className='form rate'>
        <View className='application__card rate__done' role='status'>
          <Text className='application__title'>{t('感谢您的评价', 'Thank you for rating')}</Text>
          <Text className='application__muted'>
            {t('您的评价：', 'You rated it: ')}
            {levelLabel(done.level)}
          </Text>
          {done.followingUp ? (
            <Text className='application__muted rate__following-up'>
              {t(
                '我们会尽快与您联系，了解情况并改进。',
                'We will contact you soon to understand what went wrong and put it right.',
              )}
            </Text>
          ) : null}
        </View>
        <ActionButton
          className='secondary-button'
          label={t('返回', 'Back')}
          onClick={() => goBack('/pages/me/index')}
        />
      </Screen>
    );
  }
  return (
    <Screen title={TITLE} className='form rate'>
      <Text className='field__label'>{t('您对本次服务满意吗？', 'How satisfied are you with this service?')}</Text>
      <View className='choices rate__levels' role='radiogroup' aria-label={t('满意程度', 'Satisfaction')}>
        {LEVELS.map((l) => (
          <View
            key={l.level}
            className={`choices__item rate__level${level === l.level ? ' choices__item--selected' : ''}`}
            {...pressable(() => setLevel(l.level))}
            role='radio'
            aria-checked={level === l.level}
          >
            <Text>
              {level === l.level ? '● ' : '○ '}
              {t(l.zh, l.en)}
            </Text>
          </View>
        ))}
      </View>
      {low ? (
        <View>
          <Text className='field__label'>
            {t('哪些方面需要改进？（可多选）', 'What should be better? (any that apply)')}
          </Text>
          <View
            className='choices rate__indicators'
            role='group'
            aria-label={t('需要改进的方面', 'What should be better')}
          >
            {INDICATORS.map((i) => (
              <View
                key={i.code}
                className={`choices__item rate__indicator${indicators.includes(i.code) ? ' choices__item--selected' : ''}`}
                {...pressable(() => toggle(i.code))}
                role='checkbox'
                aria-checked={indicators.includes(i.code)}
              >
                <Text>
                  {indicators.includes(i.code) ? '☑ ' : '☐ '}
                  {t(i.zh, i.en)}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <Text className='field__label'>{t('想说的话（选填）', 'Anything to add (optional)')}</Text>
      <Textarea
        className='field__textarea rate__text'
        aria-label={t('想说的话', 'Anything to add')}
        maxlength={MAX_TEXT}
        value={text}
        placeholder={t('最多500字', 'Up to 500 characters')}
        onInput={(e) => setText(e.detail.value)}
      />
      {problem ? <Notice kind='error'>{problem}</Notice> : null}
      <ActionButton
        className='primary-button rate__send'
        label={sending ? t('正在提交…', 'Sending…') : t('提交评价', 'Send rating')}
        disabled={sending}
        onClick={() => void send()}
      />
      <ActionButton className='secondary-button' label={t('返回', 'Back')} onClick={() => goBack('/pages/me/index')} />
    </Screen>
  );
}
