import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '../../../api/client';
import { AccessNeeded, isAccessError } from '../../../features/identity/access';
import { startActing, useActing } from '../../../features/family/acting';
import { useFamily } from '../../../features/family/useFamily';
import { Authorisations } from '../../../features/family/Authorisations';
import { grantedText, takeGranted } from '../../../features/family/grant';
import {
  actingForText,
  actsUntilText,
  ageText,
  relationName,
  whyNot,
  type FamilyMember,
} from '../../../features/family/labels';
import { agencyDown } from '../../../features/records/labels';
import { t, useT } from '../../../preferences';
import { Screen } from '../../../components/Screen';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { goBack } from '../../../components/navigation';
import { useDialogs } from '../../../components/dialogs';
import '../../../components/form.scss';
import '../../../features/family/family.scss';

const TITLE = ['家人代办', 'Act for family'] as const;
const HERE = '/family/pages/members/index';

/** The register being down says which register; other failures say what they are. */
function failureOf(error: ApiError): ApiError {
  if (error.code === 'AGENCY_UNAVAILABLE' || error.code === 'AGENCY_TIMEOUT' || error.code === 'AGENCY_CIRCUIT_OPEN') {
    const timeout = error.code === 'AGENCY_TIMEOUT';
    return {
      ...error,
      message: timeout
        ? agencyDown('population', true)
        : t(
            '户籍登记系统暂时无法访问，请稍后重试',
            'The population register cannot be reached right now. Please try again later.',
          ),
    };
  }
  return error;
}

/**
 * 家人代办 (issue 17): the citizen's relations from the population register, masked,
 * and the 为谁办理 switch. A parent or legal guardian acts for a child under 18 with no
 * grant, until the day before the 18th birthday; for anyone else the row says why not.
 * Acting starts here; the banner on every screen (Screen) shows it and leads back.
 * Below, 我的授权: authorisations between adults, given and received.
 */
export default function FamilyPage() {
  const tr = useT();
  const dialogs = useDialogs();
  const { members, error, loading, reload } = useFamily();
  const { acting } = useActing();
  const [starting, setStarting] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  // Back from 授权他人代办: whom it was given to, once.
  const [granted, setGranted] = useState<string | null>(null);
  useDidShow(() => {
    const note = takeGranted();
    if (note) setGranted(grantedText(note));
  });

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function actFor(member: FamilyMember) {
    if (starting) return;
    setStarting(member.ref);
    setProblem(null);
    const result = await startActing(member.ref);
    setStarting(null);
    if (!result.data) return setProblem(result.errors[0] ?? null);
    dialogs.notify(tr(`已切换为 ${result.data.maskedName} 办理`, `Now acting for ${result.data.maskedName}`), {
      icon: 'none',
    });
  }

  const back = (
    <ActionButton className='secondary-button' label={tr('返回', 'Back')} onClick={() => goBack('/pages/me/index')} />
  );

  if (!members && error) {
    return (
      <Screen title={TITLE} className='family'>
        <AccessNeeded
          error={error}
          what={tr('家人代办', 'acting for your family')}
          returnTo={HERE}
          onSignedIn={() => void reload()}
        />
        {!isAccessError(error) ? <ErrorState error={failureOf(error)} onRetry={() => void reload()} /> : null}
        {back}
      </Screen>
    );
  }
  if (!members) {
    return (
      <Screen title={TITLE} className='family'>
        <Loading
          label={loading ? tr('正在查询户籍登记的家庭关系…', 'Reading your family from the register…') : undefined}
        />
      </Screen>
    );
  }

  return (
    <Screen title={TITLE} className='family'>
      {dialogs.view}
      <Text className='family__intro'>
        {tr(
          '家庭关系来自户籍登记。您可以为未满18周岁的子女或被监护人办理事项；为其他家人办理需要对方授权。',
          'Your family comes from the population register. You can act for your children or wards under 18; for anyone else they must authorise you.',
        )}
      </Text>
      <View className='family__current'>
        <Text className='family__current-text'>
          {acting
            ? `${tr('当前：', 'Now: ')}${actingForText(acting.maskedName)}`
            : tr('当前：为本人办理', 'Now: acting for myself')}
        </Text>
        {acting ? (
          <ActionButton
            className='secondary-button family__go'
            label={tr('去办事', 'Go to services')}
            onClick={() => void Taro.switchTab({ url: '/pages/services/index' })}
          />
        ) : null}
      </View>
      {error ? <Notice kind='error'>{failureOf(error).message}</Notice> : null}
      {problem ? <Notice kind='error'>{problem.message}</Notice> : null}
      {members.length === 0 ? (
        <Empty
          label={tr(
            '户籍登记中没有您的家庭关系（父母、子女、配偶或监护关系）。如有遗漏，请到户籍所在地派出所登记。',
            'The register holds no family relations for you (parents, children, spouse or guardianship). If one is missing, please register it at your local police station.',
          )}
        />
      ) : (
        <View className='family__members' role='list' aria-label={tr('家庭成员', 'Family members')}>
          {members.map((member) => {
            const current =
              acting !== null && acting.maskedName === member.maskedName && acting.relation === member.relation;
            return (
              <View
                key={member.ref}
                className={`family__member${member.canActFor ? ' family__member--can' : ''}`}
                role='listitem'
              >
                <View className='family__member-head'>
                  <Text className='family__name'>{member.maskedName}</Text>
                  <Text className='family__facts'>
                    {relationName(member.relation)} · {ageText(member.age)}
                  </Text>
                </View>
                {member.canActFor && member.actsUntil ? (
                  <Text className='family__until'>{actsUntilText(member.actsUntil, member.basis ?? null)}</Text>
                ) : null}
                {!member.canActFor ? <Text className='family__why'>{whyNot(member)}</Text> : null}
                {member.canActFor && current ? (
                  <Text className='family__now'>{tr('✓ 正在为TA办理', '✓ You are acting for them')}</Text>
                ) : null}
                {member.canActFor && !current ? (
                  <ActionButton
                    className='primary-button family__act'
                    label={
                      starting === member.ref
                        ? tr('正在切换…', 'Switching…')
                        : tr(`为TA办理（${member.maskedName}）`, `Act for ${member.maskedName}`)
                    }
                    disabled={starting !== null}
                    onClick={() => void actFor(member)}
                  />
                ) : null}
              </View>
            );
          })}
        </View>
      )}
      {/* Between adults: what the citizen gave and received (accept, revoke; act on one received), and a new one. */}
      {granted ? <Notice kind='ok'>{granted}</Notice> : null}
      {!acting ? (
        <ActionButton
          className='primary-button family__grant'
          label={tr('授权他人代办', 'Authorise someone to act for me')}
          onClick={() => void Taro.navigateTo({ url: '/family/pages/grant/index' })}
        />
      ) : null}
      <Authorisations dialogs={dialogs} />
      {back}
    </Screen>
  );
}
