import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '@citizen/shared';
import type { ApiError } from '../../api/client';
import { useLicence } from '../../features/wallet/useLicences';
import { useLicenceCode } from '../../features/wallet/useLicenceCode';
import { QrCode } from '../../features/wallet/QrCode';
import { AccessNeeded, isAccessError, offerStepUp } from '../../features/identity/access';
import { ExpiredMark, licenceTitle } from '../../features/wallet/LicenceSummary';
import { validity } from '../../features/wallet/labels';
import { usePreferences, useT } from '../../preferences';
import { formatDay } from '../../preferences/format';
import { Screen } from '../../components/Screen';
import { useDialogs } from '../../components/dialogs';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/wallet/wallet.scss';

const TITLE = ['证照详情', 'Licence'] as const;

/**
 * One licence: its details masked, in full after face verification (level 3; the BFF
 * logs each full view), and its code for a counter clerk, renewed before it runs out.
 */
export default function LicencePage() {
  const tr = useT();
  const { locale } = usePreferences();
  const dialogs = useDialogs();
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const here = `/pages/licence/index?id=${encodeURIComponent(id)}`;
  const { licence, full, error, revealing, reload, showFull, hideFull } = useLicence(id);
  const code = useLicenceCode(id);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const back = () => goBack('/pages/me/index');

  async function reveal() {
    const failed = await showFull();
    setProblem(null);
    if (!failed) return;
    if (failed.code === 'ASSURANCE_LEVEL_TOO_LOW' || failed.code === 'FACE_STALE')
      await offerStepUp(dialogs, failed, 3, tr('查看完整证照信息', 'Seeing the full licence'), `${here}&full=1`);
    else setProblem(failed);
  }

  // Back from face verification (?full=1): show what the citizen asked for.
  useEffect(() => {
    if (params.full === '1') void reveal();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!licence && error) {
    return (
      <Screen title={TITLE} className='form licence'>
        <AccessNeeded
          error={error}
          what={tr('您的电子证照', 'your licences')}
          returnTo={here}
          onSignedIn={() => void reload()}
        />
        {!isAccessError(error) ? (
          <ErrorState error={{ ...error, message: errorMessage(error.code, locale) }} onRetry={() => void reload()} />
        ) : null}
        <ActionButton className='secondary-button' label={tr('返回', 'Back')} onClick={back} />
      </Screen>
    );
  }
  if (!licence) {
    return (
      <Screen title={TITLE}>
        <Loading label={tr('正在加载…', 'Loading…')} />
      </Screen>
    );
  }

  const title = licenceTitle(licence, locale);
  const rows: Array<[string, string]> = [
    [tr('持证人', 'Holder'), licence.holderName],
    [tr('证号', 'Number'), licence.number],
    [tr('签发机关', 'Issued by'), licence.issuer],
    ...(licence.issuedOn ? [[tr('签发日期', 'Issued on'), formatDay(licence.issuedOn)] as [string, string]] : []),
    [tr('有效期', 'Validity'), validity(licence.validUntil)],
    ...licence.fields.map((f): [string, string] => [locale === 'en' ? f.labelEn : f.label, f.value]),
  ];

  return (
    <Screen title={TITLE} className='form licence'>
      {dialogs.view}
      <View className='licence__card'>
        <View className='licence__head'>
          <Text className='licence__title'>{title}</Text>
          {licence.expired ? <ExpiredMark className='licence__expired' /> : null}
        </View>
        {rows.map(([label, value]) => (
          <View key={label} className='licence__field'>
            <Text className='licence__label'>{label}</Text>
            <Text className='licence__value'>{value}</Text>
          </View>
        ))}
        <Text className='licence__note'>
          {full
            ? tr(
                '正在显示完整信息。离开本页后将重新隐去。',
                'Shown in full. It is hidden again when you leave this page.',
              )
            : tr(
                '部分信息已隐去。查看完整信息需要人脸识别认证，每次查看都会留存记录。',
                'Some details are hidden. Seeing them in full needs face verification, and each view is recorded.',
              )}
        </Text>
        {problem ? <Notice kind='error'>{errorMessage(problem.code, locale)}</Notice> : null}
        {full ? (
          <ActionButton
            className='secondary-button licence__full'
            label={tr('隐藏完整信息', 'Hide full details')}
            onClick={hideFull}
          />
        ) : (
          <ActionButton
            className='secondary-button licence__full'
            label={tr('显示完整信息', 'Show full details')}
            loading={revealing}
            onClick={() => void reveal()}
          />
        )}
      </View>

      {code.shown ? (
        <View className='licence__code'>
          {code.token ? (
            <QrCode
              text={code.token}
              className={`licence__qr${code.expired ? ' licence__qr--expired' : ''}`}
              label={tr(
                `${title}亮证码，请窗口工作人员扫码核验`,
                `Licence code of your ${title}, for the counter clerk to scan`,
              )}
            />
          ) : code.error ? null : (
            <Loading label={tr('正在生成亮证码…', 'Making the code…')} />
          )}
          {code.token ? (
            <Text className={`licence__countdown${code.expired ? ' licence__countdown--expired' : ''}`}>
              {code.expired
                ? tr('亮证码已失效，请点击刷新', 'This code has run out. Tap refresh.')
                : tr(
                    `${code.secondsLeft} 秒内有效，到期前自动刷新`,
                    `Valid for ${code.secondsLeft} s; renewed automatically`,
                  )}
            </Text>
          ) : null}
          <Text className='licence__warning'>
            {tr(
              '每个亮证码只能核验一次：截图或转发的亮证码在核验一次后即失效。',
              'Each code can be checked once only: a screenshot or a forwarded copy stops working after one check.',
            )}
          </Text>
          {code.error ? <Notice kind='error'>{errorMessage(code.error.code, locale)}</Notice> : null}
          <ActionButton
            className='secondary-button licence__refresh'
            label={tr('刷新亮证码', 'Refresh code')}
            loading={code.loading}
            onClick={() => void code.refresh()}
          />
          <ActionButton
            className='secondary-button licence__hide-code'
            label={tr('收起亮证码', 'Hide code')}
            onClick={code.hide}
          />
        </View>
      ) : (
        <ActionButton
          className='primary-button licence__show-code'
          label={tr('出示亮证码', 'Show licence code')}
          onClick={code.show}
        />
      )}

      <ActionButton className='secondary-button' label={tr('返回', 'Back')} onClick={back} />
    </Screen>
  );
}
