import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage, type MeFieldsFragment } from '@citizen/shared';
import type { ApiError } from '../../api/client';
import { cachedMe, signIn } from './session';
import { stepUpUrl } from './levels';
import { t, usePreferences, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import type { Dialogs } from '../../components/dialogs';
import './identity.scss';

/**
 * What to do when the BFF says the citizen is not signed in or not verified enough:
 * the wallet (level 2 to list, 3 for full details) and appointments (level 2 to book)
 * both meet it. The verification pages bring the citizen back to `returnTo`.
 */

/** What a level is called in a sentence ("... needs real-name verification"). */
export function levelWords(level: number): string {
  return level >= 3 ? t('实名 + 人脸识别认证', 'face verification') : t('实名认证', 'real-name verification');
}

/**
 * The verification page that lifts the citizen to `required`. The BFF's own word
 * (`current`, from the error) wins over the stored view, which may be stale.
 */
export function stepUpTarget(required: number, current: unknown, returnTo: string): string {
  const me = cachedMe();
  const level = typeof current === 'number' ? current : Math.min(me?.level ?? 0, required - 1);
  return (
    stepUpUrl(required, { ...(me ?? ({} as MeFieldsFragment)), level }, returnTo) ??
    `/pages/face/index?returnTo=${encodeURIComponent(returnTo)}`
  );
}

/** Whether AccessNeeded answers this error (otherwise the page shows it with a retry). */
export function isAccessError(error: ApiError): boolean {
  return error.code === 'UNAUTHENTICATED' || error.code === 'ASSURANCE_LEVEL_TOO_LOW' || error.code === 'FACE_STALE';
}

/**
 * FACE_STALE: the citizen is at level 3, but a sensitive act needs a face pass of the
 * last few minutes. The face page is the step, whatever the stored level says.
 */
function faceAgainUrl(returnTo: string): string {
  return `/pages/face/index?returnTo=${encodeURIComponent(returnTo)}`;
}

/** The level an ASSURANCE_LEVEL_TOO_LOW error asks for, or `fallback`. */
export function requiredLevel(error: ApiError, fallback: number): number {
  const level = error.details?.requiredLevel;
  return typeof level === 'number' ? level : fallback;
}

/**
 * Asks whether to verify now (the step opens on "去认证"); `what` names what needs it. In
 * elder mode the page's dialogs ask in the page, not in a pop-up.
 * @returns whether the citizen went to verify.
 */
export async function offerStepUp(
  dialogs: Dialogs,
  error: ApiError,
  fallbackLevel: number,
  what: string,
  returnTo: string,
): Promise<boolean> {
  const required = requiredLevel(error, fallbackLevel);
  if (error.code === 'FACE_STALE') {
    const again = await dialogs.confirm({
      title: t('需要重新人脸识别', 'Face verification again'),
      content: t(
        `为保护您的账户，${what}需要重新进行人脸识别。完成后将回到本页。`,
        `To protect your account, ${what} needs a fresh face verification. You will come back here afterwards.`,
      ),
      confirmText: t('去识别', 'Verify'),
      cancelText: t('取消', 'Cancel'),
    });
    if (again) void Taro.navigateTo({ url: faceAgainUrl(returnTo) });
    return again;
  }
  const confirm = await dialogs.confirm({
    title: t('需要身份认证', 'Verification needed'),
    content: t(
      `${what}需要先完成${levelWords(required)}。认证完成后将回到本页。`,
      `${what} needs ${levelWords(required)} first. You will come back here afterwards.`,
    ),
    confirmText: t('去认证', 'Verify'),
    cancelText: t('取消', 'Cancel'),
  });
  if (confirm) void Taro.navigateTo({ url: stepUpTarget(required, error.details?.currentLevel, returnTo) });
  return confirm;
}

/**
 * In place of a list the citizen may not see yet: sign in (after signing out here) or
 * verify, each with its button. Null for any other error (the caller shows it).
 */
export function AccessNeeded({
  error,
  what,
  returnTo,
  onSignedIn,
}: {
  error: ApiError;
  what: string;
  returnTo: string;
  onSignedIn: () => void;
}) {
  const tr = useT();
  const { locale } = usePreferences();
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (error.code === 'UNAUTHENTICATED') {
    const signInNow = async () => {
      setBusy(true);
      const result = await signIn();
      setBusy(false);
      if (result.data) onSignedIn();
      else setFailed(result.errors[0]);
    };
    return (
      <View className='access' role='alert'>
        <Text className='access__text'>{tr(`登录后可查看${what}。`, `Sign in to see ${what}.`)}</Text>
        {failed ? <Notice kind='error'>{errorMessage(failed.code, locale)}</Notice> : null}
        <ActionButton
          className='primary-button access__button'
          label={tr('登录', 'Sign in')}
          disabled={busy}
          onClick={() => void signInNow()}
        />
      </View>
    );
  }
  if (error.code === 'FACE_STALE') {
    return (
      <View className='access' role='alert'>
        <Text className='access__text'>
          {tr(
            `为保护您的账户，查看${what}需要重新进行人脸识别。`,
            `To protect your account, seeing ${what} needs a fresh face verification.`,
          )}
        </Text>
        <ActionButton
          className='primary-button access__button'
          label={tr('去识别', 'Verify my face')}
          onClick={() => void Taro.navigateTo({ url: faceAgainUrl(returnTo) })}
        />
      </View>
    );
  }
  if (error.code === 'ASSURANCE_LEVEL_TOO_LOW') {
    const required = requiredLevel(error, 2);
    return (
      <View className='access' role='alert'>
        <Text className='access__text'>
          {tr(
            `查看${what}需要先完成${levelWords(required)}，以确认是您本人。`,
            `To see ${what}, first complete ${levelWords(required)} so we know it is you.`,
          )}
        </Text>
        <ActionButton
          className='primary-button access__button'
          label={tr('去认证', 'Verify now')}
          onClick={() => void Taro.navigateTo({ url: stepUpTarget(required, error.details?.currentLevel, returnTo) })}
        />
      </View>
    );
  }
  return null;
}
