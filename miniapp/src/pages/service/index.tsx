import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ServiceDocument, type ServiceQuery } from '@citizen/shared';
import { useQuery } from '../../api/useQuery';
import { cachedMe, signIn } from '../../features/identity/session';
import { levelName, stepUpUrl } from '../../features/identity/levels';
import { t, useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { ErrorState, Loading } from '../../components/StateView';
import { Screen } from '../../components/Screen';
import { useDialogs } from '../../components/dialogs';
import { goBack } from '../../components/navigation';
import { BookingOffer } from '../../features/appointments/BookingOffer';
import '../../components/form.scss';
import './index.scss';

const TITLE = ['服务', 'Service'] as const;

/** Why a service asks for its level, in words a citizen can weigh before starting. */
function levelReason(level: number): string {
  if (level >= 3)
    return t(
      '涉及您的证照、资金等重要事项，需人脸识别确认是您本人操作。',
      'It concerns your licences or money, so a face check confirms it is really you.',
    );
  if (level >= 2)
    return t(
      '办理结果与您本人相关，需核实真实身份，防止他人冒名办理。',
      'The result is about you, so your real identity is checked to stop anyone applying in your name.',
    );
  return t(
    '登录后才能保存您的申请，并通知您办理进度。',
    'Signing in keeps your application and lets us tell you how it goes.',
  );
}

type Guide = NonNullable<NonNullable<ServiceQuery['service']>['guide']>;

/** The 办事指南 an operator published with the service: the facts a counter would tell, each in the citizen's language. */
function ServiceGuide({ guide }: { guide: Guide }) {
  const t = useT();
  const rows: Array<[string, string, string]> = [
    ['itemCode', t('事项编码', 'Item code'), guide.itemCode],
    ['legalBasis', t('设定依据', 'Legal basis'), localized(guide.legalBasis, guide.legalBasisEn)],
    ['eligibility', t('申请条件', 'Who may apply'), localized(guide.eligibility, guide.eligibilityEn)],
    [
      'statutoryDays',
      t('法定时限', 'Statutory time limit'),
      t(`${guide.statutoryDays} 个工作日`, `${guide.statutoryDays} working day${guide.statutoryDays === 1 ? '' : 's'}`),
    ],
    ['feeBasis', t('收费依据', 'Fee basis'), localized(guide.feeBasis, guide.feeBasisEn)],
    ['place', t('办理地点', 'Where'), localized(guide.place, guide.placeEn)],
    ['hours', t('办理时间', 'Hours'), localized(guide.hours, guide.hoursEn)],
    ['result', t('办理结果', 'Result'), localized(guide.result, guide.resultEn)],
    ['delivery', t('送达方式', 'How you receive it'), localized(guide.delivery, guide.deliveryEn)],
    ['visits', t('到现场次数', 'Visits in person'), t(`${guide.visits} 次`, String(guide.visits))],
    ['enquiryPhone', t('咨询电话', 'Enquiries'), guide.enquiryPhone],
    ['complaintPhone', t('投诉电话', 'Complaints'), guide.complaintPhone],
  ];
  return (
    <View className='service__facts service__guide' aria-label={t('办事指南', 'Service guide')}>
      <Text className='service__section-title'>{t('办事指南', 'Service guide')}</Text>
      {rows.map(([key, label, value]) => (
        <View key={key} className={`service__fact service__guide-${key}`}>
          <Text className='service__fact-label'>{label}</Text>
          <Text className='service__fact-value'>{value}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * A service: what it is, who decides it, how long and how much, what it needs, and
 * "开始办理". Services not yet online say so and point to 12345.
 */
export default function ServicePage() {
  const t = useT();
  const dialogs = useDialogs();
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const fallbackTitle = decodeURIComponent(params.title ?? t('服务', 'Service'));
  const query = useQuery(ServiceDocument, { id });
  const back = () => goBack('/pages/home/index');

  if (query.loading && !query.data) {
    return (
      <Screen title={TITLE}>
        <Loading />
      </Screen>
    );
  }
  if (!query.data) {
    return (
      <Screen title={TITLE} className='service'>
        <ErrorState error={query.errors[0]} onRetry={() => void query.refetch()} />
        <ActionButton className='service__back' onClick={back} label={t('返回', 'Back')} />
      </Screen>
    );
  }
  const service = query.data.service;
  if (!service) {
    return (
      <Screen title={TITLE} className='service'>
        <Text className='service__title'>{fallbackTitle}</Text>
        <Text className='service__text'>
          {t(
            '该服务正在接入，暂不能在线办理。您可以拨打 12345 咨询办理方式。',
            'This service is not online yet. Call 12345 to ask how to apply.',
          )}
        </Text>
        {/* Not applied for online, but halls may take bookings for it (the BOOK line's tiles). */}
        <BookingOffer serviceId={id} />
        <ActionButton className='service__back' onClick={back} label={t('返回', 'Back')} />
      </Screen>
    );
  }
  const title = localized(service.title, service.titleEn);

  // Applying needs a signed-in citizen at least, whatever the service's own level.
  const required = Math.max(1, service.requiredLevel);
  const here = `/pages/service/index?id=${encodeURIComponent(service.id)}&title=${encodeURIComponent(service.title)}`;

  async function start() {
    let me = cachedMe();
    if (!me) {
      const confirmed = await dialogs.confirm({
        title: t('需要登录', 'Sign-in needed'),
        content: t(`办理“${title}”需要先登录。`, `Please sign in to apply for “${title}”.`),
        confirmText: t('登录', 'Sign in'),
      });
      if (!confirmed) return;
      const result = await signIn();
      if (!result.data) {
        dialogs.notify(result.errors[0].message, { kind: 'error' });
        return;
      }
      me = result.data;
    }
    const stepUp = stepUpUrl(required, me, here);
    if (stepUp) {
      const confirmed = await dialogs.confirm({
        title: t('需要身份认证', 'Verification needed'),
        content: t(
          `办理“${title}”需要${levelName(required)}。认证完成后将回到本页。`,
          `“${title}” is for ${levelName(required).toLowerCase()} accounts. You will come back to this page afterwards.`,
        ),
        confirmText: t('去认证', 'Verify'),
      });
      if (confirmed) void Taro.navigateTo({ url: stepUp });
      return;
    }
    void Taro.navigateTo({ url: `/pages/apply/index?serviceId=${encodeURIComponent(service!.id)}` });
  }

  const level = cachedMe()?.level ?? 0;
  return (
    <Screen title={TITLE} className='service'>
      <Text className='service__title'>{title}</Text>
      {service.bundle ? (
        <Text className='service__tag'>
          {t('多部门并联审批 · 一次申请', 'Several departments at once · one application')}
        </Text>
      ) : null}
      <Text className='service__text'>{localized(service.description, service.descriptionEn)}</Text>

      <View className='service__facts'>
        <View className='service__fact'>
          <Text className='service__fact-label'>{t('办理部门', 'Handled by')}</Text>
          <Text className='service__fact-value'>
            {service.departments.map((d) => localized(d.name, d.nameEn)).join(t('、', ', '))}
          </Text>
        </View>
        <View className='service__fact'>
          <Text className='service__fact-label'>{t('承诺时限', 'Decided within')}</Text>
          <Text className='service__fact-value'>
            {t(
              `${service.promisedDays} 个工作日`,
              `${service.promisedDays} working day${service.promisedDays === 1 ? '' : 's'}`,
            )}
          </Text>
        </View>
        <View className='service__fact'>
          <Text className='service__fact-label'>{t('收费', 'Fees')}</Text>
          <Text className='service__fact-value'>{localized(service.fees, service.feesEn)}</Text>
        </View>
        <View className='service__fact'>
          <Text className='service__fact-label'>{t('身份要求', 'Identity needed')}</Text>
          <Text className='service__fact-value'>
            {levelName(required)}
            {level >= required
              ? t('（您已满足）', ' (you have it)')
              : t('（开始办理时引导您完成）', ' (we will guide you when you start)')}
          </Text>
        </View>
        <Text className='service__why'>{levelReason(required)}</Text>
      </View>

      <View className='service__materials'>
        <Text className='service__section-title'>{t('所需材料', 'What you need')}</Text>
        {service.materials.length === 0 ? (
          <Text className='service__material'>
            {t('无需提交材料，信息由部门联网核验。', 'Nothing to hand in: the departments check online.')}
          </Text>
        ) : null}
        {service.materials.map((material) => (
          <View key={material.id} className='service__material'>
            <Text>
              {localized(material.name, material.nameEn)}
              {material.required ? '' : t('（选交）', ' (optional)')}
            </Text>
            {material.licenceKind ? (
              <Text className='service__free'>{t('电子证照免提交', 'E-licence: nothing to upload')}</Text>
            ) : (
              <Text className='service__muted'>{t('拍照上传', 'Upload a photo')}</Text>
            )}
          </View>
        ))}
      </View>

      {service.guide ? <ServiceGuide guide={service.guide} /> : null}

      {dialogs.view}
      <ActionButton
        className='primary-button service__start'
        label={t('开始办理', 'Start')}
        onClick={() => void start()}
      />
      <ActionButton
        className='secondary-button service__faq'
        label={t('常见问题', 'Common questions')}
        onClick={() =>
          void Taro.navigateTo({
            url: `/pages/faq/index?serviceId=${encodeURIComponent(service.id)}&title=${encodeURIComponent(service.title)}`,
          })
        }
      />
      <ActionButton className='secondary-button service__back-link' onClick={back} label={t('返回', 'Back')} />
    </Screen>
  );
}
