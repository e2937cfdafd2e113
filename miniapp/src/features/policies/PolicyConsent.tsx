import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { AcceptPoliciesDocument, POLICY_VERSIONS } from '@citizen/shared';
import { authed } from '../identity/session';
import { useT } from '../../preferences';
import { Icon } from '../../components/Icon';
import { pressable } from '../../components/pressable';
import './policies.scss';

/**
 * Consent to the privacy policy and the user agreement, asked before the first
 * real-name step: the citizen ticks the box, and `record()` writes the consent with the
 * versions in force when they submit (not on the tick, which they may undo). The BFF
 * keeps the first consent per version, so recording again is harmless.
 */
export function usePolicyConsent() {
  const [accepted, setAccepted] = useState(false);
  const [ticked, setTicked] = useState(false);
  async function record(): Promise<{ ok: true } | { ok: false; message: string }> {
    if (accepted) return { ok: true };
    const result = await authed(AcceptPoliciesDocument, {
      privacyVersion: POLICY_VERSIONS.PRIVACY,
      termsVersion: POLICY_VERSIONS.TERMS,
    });
    if (!result.data) return { ok: false, message: result.errors[0].message };
    setAccepted(result.data.acceptPolicies.accepted);
    return { ok: true };
  }
  return { accepted, ticked, setTicked, record, ready: accepted || ticked };
}

/** The tick box with links to both texts; once agreed, a line saying so with the same links. */
export function PolicyConsent({ consent }: { consent: ReturnType<typeof usePolicyConsent> }) {
  const t = useT();
  const open = (page: 'privacy' | 'terms') => void Taro.navigateTo({ url: `/pages/${page}/index` });
  const links = (
    <View className='policy-consent__links'>
      <Text className='policy-consent__link' {...pressable(() => open('privacy'))}>
        {t('《隐私政策》', 'Privacy policy')}
      </Text>
      <Text className='policy-consent__link' {...pressable(() => open('terms'))}>
        {t('《用户协议》', 'User agreement')}
      </Text>
    </View>
  );
  if (consent.accepted) {
    return (
      <View className='policy-consent--done'>
        <Text className='policy-consent__text'>
          {t('您已同意隐私政策和用户协议。', 'You agreed to the privacy policy and the user agreement.')}
        </Text>
        {links}
      </View>
    );
  }
  return (
    <View>
      <View
        className='policy-consent'
        {...pressable(() => consent.setTicked(!consent.ticked))}
        role='checkbox'
        aria-checked={consent.ticked ? 'true' : 'false'}
      >
        <Icon
          name={consent.ticked ? 'done' : 'info'}
          color={consent.ticked ? '#146c3a' : '#5b6472'}
          size={44}
          className='policy-consent__box'
        />
        <Text className='policy-consent__text'>
          {t('我已阅读并同意隐私政策和用户协议', 'I have read and agree to the privacy policy and the user agreement')}
        </Text>
      </View>
      {links}
    </View>
  );
}
