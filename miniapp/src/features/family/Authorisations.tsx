import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  AcceptAuthorisationDocument,
  HomeScreenDocument,
  MyAuthorisationsDocument,
  RevokeAuthorisationDocument,
  type HomeScreenQuery,
  type MyAuthorisationsQuery,
} from '@citizen/shared';
import { authed } from '../identity/session';
import { graphql } from '../../api/client';
import { platform } from '../../platform';
import { DEFAULT_REGION } from '../catalogue/useHomeScreen';
import { scopeLabel } from './grant';
import type { ApiError } from '../../api/client';
import { t, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import type { Dialogs } from '../../components/dialogs';
import { startActing } from './acting';
import { relationName } from './labels';

type Authorisation = MyAuthorisationsQuery['myAuthorisations'][number];

const STATUS: Record<string, readonly [string, string]> = {
  PENDING: ['待接受', 'Waiting to be accepted'],
  ACTIVE: ['生效中', 'Active'],
  REVOKED: ['已撤销', 'Revoked'],
  EXPIRED: ['已到期', 'Expired'],
};

/** A scope in words: service:<id>, category:<id>, wallet (masked view only), appointments. */
export function scopeName(scope: string): string {
  if (scope === 'wallet') return t('电子证照（仅脱敏查看）', 'Licences (masked view only)');
  if (scope === 'appointments') return t('预约', 'Appointments');
  const [kind, id] = scope.split(':');
  if (kind === 'category') return t(`${id}类事项`, `Services in ${id}`);
  if (kind === 'service') return t(`事项 ${id}`, `Service ${id}`);
  return scope;
}

/**
 * 我的授权: authorisations between adults the citizen gave and received (issue 17),
 * newest first, masked. Given (active or waiting): 撤销 at once. Received and waiting:
 * 接受 or 拒绝 (a refusal is a revocation). Received and active: 为TA办理 (the switch)
 * and 撤销. Each refusal from the BFF is said in words.
 */
export function Authorisations({ dialogs }: { dialogs: Dialogs }) {
  const tr = useT();
  const [items, setItems] = useState<Authorisation[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const latest = useRef(0);
  // Services and categories by their titles, read only when a scope names one.
  const [catalogue, setCatalogue] = useState<HomeScreenQuery | null>(null);
  const needsTitles = !!items?.some((a) => a.scopes.some((s) => s.startsWith('service:') || s.startsWith('category:')));
  useEffect(() => {
    if (!needsTitles || catalogue) return;
    void graphql(HomeScreenDocument, { platform: platform.name, region: DEFAULT_REGION ?? null }).then(
      (result) => result.data && setCatalogue(result.data),
    );
  }, [needsTitles, catalogue]);
  const words = (scope: string) => scopeLabel(scope, catalogue, scopeName);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const result = await authed(MyAuthorisationsDocument, {});
    if (ticket !== latest.current) return;
    if (result.data) {
      setItems(result.data.myAuthorisations);
      setError(null);
    } else setError(result.errors[0] ?? null);
  }, []);
  // Mounted once the relations came, after the page's own show: Taro does not replay that show to it, so it reads on mount, and again on each later show.
  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => void load());

  async function run(id: string, step: () => Promise<ApiError | null>, done: string) {
    if (busy) return;
    setBusy(id);
    setError(null);
    const failure = await step();
    setBusy(null);
    if (failure) return setError(failure);
    dialogs.notify(done, { icon: 'none' });
    void load();
  }

  const accept = (a: Authorisation) =>
    run(
      a.id,
      async () => (await authed(AcceptAuthorisationDocument, { id: a.id })).errors[0] ?? null,
      tr('已接受授权', 'Authorisation accepted'),
    );
  async function revoke(a: Authorisation) {
    const yes = await dialogs.confirm({
      title: a.direction === 'GIVEN' ? tr('撤销授权', 'Revoke authorisation') : tr('放弃授权', 'Give up authorisation'),
      content:
        a.direction === 'GIVEN'
          ? tr(
              `撤销后 ${a.maskedName} 将立即不能再为您办理。确定撤销？`,
              `${a.maskedName} will no longer be able to act for you, from now. Revoke?`,
            )
          : tr(
              `撤销后您将不能再为 ${a.maskedName} 办理。确定撤销？`,
              `You will no longer be able to act for ${a.maskedName}. Revoke?`,
            ),
      confirmText: tr('撤销', 'Revoke'),
      cancelText: tr('不撤销', 'Keep it'),
      danger: true,
    });
    if (!yes) return;
    await run(
      a.id,
      async () => (await authed(RevokeAuthorisationDocument, { id: a.id })).errors[0] ?? null,
      tr('已撤销授权', 'Authorisation revoked'),
    );
  }
  const actFor = (a: Authorisation) =>
    run(
      a.id,
      async () => (await startActing(a.actAsRef!)).errors[0] ?? null,
      tr(`已切换为 ${a.maskedName} 办理`, `Now acting for ${a.maskedName}`),
    );

  if (!items) {
    return error ? (
      <View className='family__authorisations'>
        <Text className='family__section'>{tr('我的授权', 'My authorisations')}</Text>
        <Notice kind='error'>{error.message}</Notice>
        <ActionButton className='secondary-button' label={tr('重试', 'Try again')} onClick={() => void load()} />
      </View>
    ) : null;
  }

  const section = (direction: 'GIVEN' | 'RECEIVED', title: string, none: string) => {
    const rows = items.filter((a) => a.direction === direction);
    return (
      <View className={`family__authorisations-${direction.toLowerCase()}`}>
        <Text className='family__subsection'>{title}</Text>
        {rows.length === 0 ? <Text className='family__why'>{none}</Text> : null}
        {rows.map((a) => {
          const open = a.status === 'ACTIVE' || a.status === 'PENDING';
          return (
            <View
              key={a.id}
              className={`family__member family__authorisation family__authorisation--${a.status.toLowerCase()}`}
            >
              <View className='family__member-head'>
                <Text className='family__name'>{a.maskedName}</Text>
                <Text className='family__facts'>
                  {relationName(a.relation)} · {tr(...(STATUS[a.status] ?? [a.status, a.status]))}
                </Text>
              </View>
              <Text className='family__until'>
                {tr(`范围：${a.scopes.map(words).join('、')}`, `Scope: ${a.scopes.map(words).join(', ')}`)}
              </Text>
              <Text className='family__why'>{tr(`有效至 ${a.until}`, `Until ${a.until}`)}</Text>
              {direction === 'RECEIVED' && a.status === 'PENDING' ? (
                <ActionButton
                  className='primary-button family__accept'
                  label={tr(`接受 ${a.maskedName} 的授权`, `Accept ${a.maskedName}'s authorisation`)}
                  disabled={busy !== null}
                  onClick={() => void accept(a)}
                />
              ) : null}
              {direction === 'RECEIVED' && a.status === 'ACTIVE' && a.actAsRef ? (
                <ActionButton
                  className='primary-button family__act'
                  label={tr(`为TA办理（${a.maskedName}）`, `Act for ${a.maskedName}`)}
                  disabled={busy !== null}
                  onClick={() => void actFor(a)}
                />
              ) : null}
              {open ? (
                <ActionButton
                  className='secondary-button family__revoke'
                  label={
                    direction === 'RECEIVED' && a.status === 'PENDING'
                      ? tr('拒绝', 'Decline')
                      : tr(`撤销（${a.maskedName}）`, `Revoke (${a.maskedName})`)
                  }
                  disabled={busy !== null}
                  onClick={() => void revoke(a)}
                />
              ) : null}
            </View>
          );
        })}
      </View>
    );
  };

  return (
    <View className='family__authorisations'>
      <Text className='family__section'>{tr('我的授权', 'My authorisations')}</Text>
      {error ? <Notice kind='error'>{error.message}</Notice> : null}
      {section(
        'GIVEN',
        tr('我给出的授权', 'Given by me'),
        tr('您没有授权他人为您办理。', 'You have not authorised anyone to act for you.'),
      )}
      {section(
        'RECEIVED',
        tr('我收到的授权', 'Given to me'),
        tr('没有人授权您为其办理。', 'Nobody has authorised you to act for them.'),
      )}
    </View>
  );
}
