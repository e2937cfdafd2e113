import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  DeleteCarMoveCodeDocument,
  GenerateCarMoveCodeDocument,
  MyVehiclesDocument,
  RegenerateCarMoveCodeDocument,
  SetCarMoveCodePausedDocument,
  type MyVehiclesQuery,
} from '@citizen/shared';
import type { ApiError } from '../../../api/client';
import { authed, cachedMe } from '../../../features/identity/session';
import { stepUpUrl } from '../../../features/identity/levels';
import { clock, plateTypeLabel, reasonLabel, statusLabel } from '../../../features/car-move/labels';
import { openDocumentPdf } from '../../../features/results/download';
import { QuietHours } from '../../../features/car-move-codes/QuietHours';
import { useT } from '../../../preferences';
import { formatDate } from '../../../preferences/format';
import { ActionButton } from '../../../components/ActionButton';
import { Card } from '../../../components/Card';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { useDialogs } from '../../../components/dialogs';
import '../../../components/form.scss';
import '../../../features/car-move/car-move.scss';
import '../../../features/car-move-codes/car-move-codes.scss';

const TITLE = ['我的车辆', 'My vehicles'] as const;
type Vehicle = MyVehiclesQuery['myVehicles'][number];

/**
 * 我的车辆: the citizen's vehicles as the vehicle register holds them, each with its
 * 挪车码 (generate, print, pause, regenerate, delete) and the requests and code notices
 * about it with their answers. An open code notice is answered on the same page as an
 * SMS link opens.
 */
export default function MyVehiclesPage() {
  const t = useT();
  const dialogs = useDialogs();
  const [vehicles, setVehicles] = useState<Vehicle[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function load() {
    setError(null);
    const result = await authed(MyVehiclesDocument, {});
    if (result.data) setVehicles(result.data.myVehicles);
    else setError(result.errors[0]);
  }
  useDidShow(() => void load());

  /** Runs one change to a code, then reads the list again (a code's notices may have changed too). */
  async function change(id: string, run: () => Promise<{ errors: ApiError[]; data: unknown }>, done: string) {
    setBusy(id);
    setNotice(null);
    const result = await run();
    setBusy(null);
    if (result.data) {
      setNotice({ kind: 'ok', text: done });
      await load();
    } else setNotice({ kind: 'error', text: result.errors[0].message });
  }

  async function regenerate(v: Vehicle) {
    const ok = await dialogs.confirm({
      title: t('重新生成挪车码', 'Make a new code'),
      content: t(
        '旧的挪车码会立即失效，请打印新的并替换车上的贴纸。',
        'The old code stops working at once: print the new one and replace the sticker in the car.',
      ),
      confirmText: t('重新生成', 'Make a new code'),
    });
    if (ok && v.code)
      await change(
        v.id,
        () => authed(RegenerateCarMoveCodeDocument, { id: v.code!.id }),
        t('已生成新的挪车码，旧码已失效', 'A new code is ready; the old one no longer works'),
      );
  }

  async function remove(v: Vehicle) {
    const ok = await dialogs.confirm({
      title: t('删除挪车码', 'Delete the code'),
      content: t(
        '删除后扫码将无法通知您，已收到的通知仍会保留。',
        'Scanning it will no longer reach you; notices already received stay here.',
      ),
      confirmText: t('删除', 'Delete'),
      danger: true,
    });
    if (ok && v.code)
      await change(
        v.id,
        () => authed(DeleteCarMoveCodeDocument, { id: v.code!.id }),
        t('挪车码已删除', 'The code was deleted'),
      );
  }

  async function print(v: Vehicle) {
    if (!v.code) return;
    setBusy(v.id);
    const opened = await openDocumentPdf(v.code.pdfPath, `挪车码-${v.maskedPlate}`);
    setBusy(null);
    if (!opened)
      setNotice({
        kind: 'error',
        text: t('挪车码文件暂时无法打开，请稍后再试', 'The sticker could not be opened. Please try again later.'),
      });
  }

  if (error) {
    const stepUp =
      error.code === 'ASSURANCE_LEVEL_TOO_LOW' || error.code === 'UNAUTHENTICATED'
        ? stepUpUrl(2, cachedMe(), '/car-owner/pages/vehicles/index')
        : null;
    return (
      <Screen title={TITLE} className='form vehicles'>
        {stepUp ? (
          <View>
            <Notice kind='error'>
              {t('查看名下车辆需要先完成实名认证', 'Verify your real name to see the vehicles registered to you')}
            </Notice>
            <ActionButton
              className='primary-button'
              label={t('去实名认证', 'Verify my real name')}
              onClick={() => void Taro.navigateTo({ url: stepUp })}
            />
          </View>
        ) : (
          <ErrorState error={error} onRetry={() => void load()} />
        )}
      </Screen>
    );
  }
  if (!vehicles) {
    return (
      <Screen title={TITLE}>
        <Loading />
      </Screen>
    );
  }
  return (
    <Screen title={TITLE} className='form vehicles'>
      <Text className='form__intro'>
        {t(
          '车辆信息来自交警车驾管系统。为车辆生成挪车码贴在挡风玻璃内侧，他人扫码即可通知您挪车，看不到您的电话。',
          'Vehicles come from the traffic police register. Put a car-moving code behind the windscreen: anyone can scan it to ask you to move the car, without seeing your number.',
        )}
      </Text>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {dialogs.view}
      {vehicles.length === 0 ? (
        <Empty
          label={t(
            '交警车驾管系统中没有登记在您名下的车辆',
            'The traffic police register has no vehicles registered to you',
          )}
        />
      ) : null}
      {vehicles.map((v) => (
        <Card
          key={v.id}
          className='vehicles__card'
          title={`${v.maskedPlate} · ${plateTypeLabel(v.plateType)}`}
          icon='car'
        >
          <Text className='vehicles__line'>{v.vehicle}</Text>
          {v.code ? (
            <View className='vehicles__code'>
              <Text className={`vehicles__badge${v.code.status === 'PAUSED' ? ' vehicles__badge--paused' : ''}`}>
                {v.code.status === 'PAUSED' ? t('挪车码已暂停', 'Code paused') : t('挪车码使用中', 'Code active')}
              </Text>
              <Text className='vehicles__muted'>
                {t(`生成于 ${formatDate(v.code.createdAt)}`, `Made on ${formatDate(v.code.createdAt)}`)}
              </Text>
              <View className='vehicles__actions'>
                <ActionButton
                  className='primary-button vehicles__print'
                  label={t('打印挪车码', 'Print the code')}
                  loading={busy === v.id}
                  onClick={() => void print(v)}
                />
                <ActionButton
                  className='secondary-button vehicles__pause'
                  label={v.code.status === 'PAUSED' ? t('恢复使用', 'Resume') : t('暂停使用', 'Pause')}
                  onClick={() =>
                    void change(
                      v.id,
                      () =>
                        authed(SetCarMoveCodePausedDocument, { id: v.code!.id, paused: v.code!.status !== 'PAUSED' }),
                      v.code!.status === 'PAUSED'
                        ? t('挪车码已恢复', 'The code works again')
                        : t('挪车码已暂停，扫码将无法通知您', 'The code is paused; scanning it reaches no one'),
                    )
                  }
                />
                <ActionButton
                  className='secondary-button vehicles__regenerate'
                  label={t('重新生成', 'Make a new code')}
                  onClick={() => void regenerate(v)}
                />
                <ActionButton
                  className='secondary-button vehicles__delete'
                  label={t('删除', 'Delete')}
                  onClick={() => void remove(v)}
                />
              </View>
            </View>
          ) : (
            <ActionButton
              className='primary-button vehicles__generate'
              label={t('生成挪车码', 'Make a car-moving code')}
              loading={busy === v.id}
              onClick={() =>
                void change(
                  v.id,
                  () => authed(GenerateCarMoveCodeDocument, { vehicleId: v.id }),
                  t('挪车码已生成，可以打印了', 'The code is ready to print'),
                )
              }
            />
          )}
          <Text className='vehicles__muted vehicles__heading'>{t('挪车通知', 'Requests to move it')}</Text>
          {v.notices.length === 0 ? <Text className='vehicles__muted'>{t('暂无', 'None so far')}</Text> : null}
          {v.notices.map((n) => (
            <View key={n.request.id} className='vehicles__notice'>
              <Text className='vehicles__line'>{`${formatDate(n.request.createdAt)} ${clock(n.request.createdAt)} · ${reasonLabel(n.request.reason)}${n.viaCode ? t(' · 扫码通知', ' · by code') : ''}`}</Text>
              <Text className='vehicles__muted'>
                {t('状态：', 'Status: ')}
                {statusLabel(n.request.status)}
              </Text>
              {n.request.timeline
                .filter((e) => e.status === 'ACKNOWLEDGED' || e.status === 'MOVED')
                .map((e) => (
                  <Text
                    key={e.status}
                    className='vehicles__muted'
                  >{`${t('您的回复', 'Your answer')} ${clock(e.at)}：${statusLabel(e.status)}`}</Text>
                ))}
              {n.answerToken ? (
                <ActionButton
                  className='secondary-button vehicles__answer'
                  label={t('回复', 'Answer')}
                  onClick={() => void Taro.navigateTo({ url: `/pages/car-move-answer/index?t=${n.answerToken}` })}
                />
              ) : null}
            </View>
          ))}
        </Card>
      ))}
      {/* Quiet hours are car moving's (issue 21): they hold code notices' SMS too, unless urgent. */}
      <QuietHours />
      <ActionButton
        className='secondary-button'
        label={t('一键挪车（通知他人挪车）', 'Ask someone else to move their car')}
        onClick={() => void Taro.navigateTo({ url: '/pages/car-move/index' })}
      />
    </Screen>
  );
}
