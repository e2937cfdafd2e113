import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { VerifyLicenceCodeDocument, errorMessage, type VerifyLicenceCodeMutation } from '@citizen/shared';
import type { ApiError } from '../../../api/client';
import { platform } from '../../../platform';
import { usePreferences, useT } from '../../../preferences';
import { formatDateTime, formatDay } from '../../../preferences/format';
import { kindTitle } from '../../../features/wallet/labels';
import { asOperator, operatorSession } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import './index.scss';

type Check = VerifyLicenceCodeMutation['verifyLicenceCode'];
type Outcome = { check: Check } | { error: ApiError };

/** The headline of each refusal, in words a clerk can say to the holder. */
function refusal(code: string, tr: (zh: string, en: string) => string): string {
  switch (code) {
    case 'LICENCE_CODE_INVALID':
      return tr('无效：不是本系统签发的亮证码', 'Not genuine: this code was not issued by us');
    case 'LICENCE_CODE_EXPIRED':
      return tr('已过期：亮证码超过 60 秒有效期', 'Expired: the code is older than 60 seconds');
    case 'LICENCE_CODE_USED':
      return tr('已使用：此亮证码已核验过一次', 'Already used: this code was checked once before');
    default:
      return tr('无法核验', 'Could not check');
  }
}

/**
 * A counter clerk checks a citizen's licence code: scanned with the camera where the
 * platform has one, or typed or pasted (a desk scanner types into the field and presses
 * Enter). Open to every operator role (CLERK and above; the BFF checks). The answer is
 * large and in words: genuine, with what the counter needs to see, or why not. Each
 * code checks once, so the field is cleared after every answer.
 */
export default function VerifyPage() {
  const tr = useT();
  const { locale } = usePreferences();
  const [token, setToken] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);

  useEffect(() => {
    if (!operatorSession()) void Taro.redirectTo({ url: '/operator/pages/login/index' });
  }, []);

  async function verify(raw: string) {
    const value = raw.trim();
    if (!value) {
      setEmpty(true);
      return;
    }
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setEmpty(false);
    setOutcome(null);
    const result = await asOperator(VerifyLicenceCodeDocument, { token: value });
    running.current = false;
    setBusy(false);
    setToken('');
    setOutcome(result.data ? { check: result.data.verifyLicenceCode } : { error: result.errors[0] });
  }

  async function scan() {
    if (!platform.scanCode || running.current) return;
    const text = await platform.scanCode();
    if (text) void verify(text);
  }

  return (
    <ConsoleShell title={['亮证核验', 'Check a licence code']}>
      <View className='panel verify'>
        {platform.scanCode ? (
          <View
            className='btn verify__scan'
            role='button'
            aria-label={tr('扫码核验', 'Scan to check')}
            onClick={() => void scan()}
          >
            <Text>{tr('扫码核验', 'Scan to check')}</Text>
          </View>
        ) : (
          <Text className='verify__hint'>
            {tr(
              '浏览器中无法调用摄像头扫码：请用扫码枪扫描，或将亮证码内容粘贴到下方。',
              'A browser cannot scan with the camera: use a desk scanner, or paste the code below.',
            )}
          </Text>
        )}
        <Text className='label'>{tr('亮证码内容', 'Code')}</Text>
        <View className='verify__row'>
          <Input
            className='input verify__input'
            value={token}
            // A code is about 150 characters: past the 140 an Input keeps by default.
            maxlength={1000}
            placeholder={tr('粘贴或用扫码枪输入亮证码', 'Paste the code, or scan it with a desk scanner')}
            onInput={(e) => {
              setToken(e.detail.value);
              setEmpty(false);
            }}
            onConfirm={() => void verify(token)}
            aria-label={tr('亮证码内容', 'Code')}
          />
          <View
            className={`btn verify__submit${busy ? ' verify__submit--busy' : ''}`}
            role='button'
            aria-label={tr('核验', 'Check')}
            aria-disabled={busy ? 'true' : 'false'}
            onClick={() => void verify(token)}
          >
            <Text>{busy ? tr('正在核验…', 'Checking…') : tr('核验', 'Check')}</Text>
          </View>
        </View>
        {empty ? (
          <View className='message message--error' role='alert'>
            <Text>{tr('请先扫码，或粘贴亮证码内容。', 'Scan a code, or paste one, first.')}</Text>
          </View>
        ) : null}
      </View>

      {outcome ? <Result outcome={outcome} locale={locale} tr={tr} /> : null}
      {outcome ? (
        <View
          className='btn btn--ghost verify__next'
          role='button'
          aria-label={tr('核验下一个', 'Check another')}
          onClick={() => setOutcome(null)}
        >
          <Text>{tr('核验下一个', 'Check another')}</Text>
        </View>
      ) : null}
    </ConsoleShell>
  );
}

function Result({
  outcome,
  locale,
  tr,
}: {
  outcome: Outcome;
  locale: 'zh' | 'en';
  tr: (zh: string, en: string) => string;
}) {
  if ('error' in outcome) {
    return (
      <View className='verify__result verify__result--refused' role='alert' data-code={outcome.error.code}>
        <Text className='verify__verdict'>✕ {refusal(outcome.error.code, tr)}</Text>
        <Text className='verify__detail'>{errorMessage(outcome.error.code, locale)}</Text>
      </View>
    );
  }
  const { check } = outcome;
  const rows: Array<[string, string, boolean?]> = [
    [tr('证照', 'Licence'), kindTitle(check.kind, check.title)],
    [tr('持证人', 'Holder'), check.holderName],
    [tr('身份证号', 'ID number'), check.maskedIdNumber],
    [tr('证号', 'Number'), check.number],
    [tr('签发机关', 'Issued by'), check.issuer],
    [
      tr('有效期至', 'Valid until'),
      check.validUntil
        ? `${formatDay(check.validUntil)}${check.expired ? tr('（已过期）', ' (EXPIRED)') : ''}`
        : tr('长期有效', 'No expiry date'),
      check.expired,
    ],
    [tr('核验时间', 'Checked at'), formatDateTime(check.checkedAt)],
  ];
  return (
    <View
      className={`verify__result ${check.expired ? 'verify__result--expired' : 'verify__result--genuine'}`}
      role='status'
      data-expired={check.expired ? 'true' : 'false'}
    >
      <Text className='verify__verdict'>
        ✓{' '}
        {check.expired
          ? tr('亮证码真实，但证照已过期', 'Genuine code, but the licence has EXPIRED')
          : tr('核验通过：证照真实有效', 'Genuine: the licence is valid')}
      </Text>
      {rows.map(([label, value, alarm]) => (
        <View key={label} className={`verify__field${alarm ? ' verify__field--alarm' : ''}`}>
          <Text className='verify__label'>{label}</Text>
          <Text className='verify__value'>{value}</Text>
        </View>
      ))}
    </View>
  );
}
