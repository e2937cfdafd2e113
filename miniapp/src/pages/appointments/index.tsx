import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '@citizen/shared';
import type { ApiError } from '../../api/client';
import { useMyAppointments, type Appointment } from '../../features/appointments/useAppointments';
import { useSlotPicker } from '../../features/appointments/useSlotPicker';
import { SlotPicker } from '../../features/appointments/SlotPicker';
import { appointmentStatus, appointmentTime, hallAddress, hallName } from '../../features/appointments/labels';
import { AccessNeeded, isAccessError } from '../../features/identity/access';
import { usePreferences, useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { Screen } from '../../components/Screen';
import { useDialogs } from '../../components/dialogs';
import { CaseRatingPanel } from '../../features/ratings/CaseRatingPanel';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/applications/applications.scss';
import '../../features/appointments/appointments.scss';

const TITLE = ['我的预约', 'My appointments'] as const;

/**
 * The citizen's appointments: upcoming first, with where and when (China time) and
 * the status in words; an upcoming one can be moved to another slot at the same hall
 * ("改约") or cancelled after a confirmation. Cancelled and past ones stay, greyed.
 */
export default function AppointmentsPage() {
  const tr = useT();
  const { locale } = usePreferences();
  const dialogs = useDialogs();
  const { appointments, error, reload, cancel, cancelling, reschedule, moving } = useMyAppointments();
  const [moveOf, setMoveOf] = useState<Appointment | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const back = () => goBack('/pages/me/index');
  const backButton = <ActionButton className='secondary-button' label={tr('返回', 'Back')} onClick={back} />;

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function askToCancel(appointment: Appointment) {
    const yes = await dialogs.confirm({
      title: tr('取消预约', 'Cancel appointment'),
      content: tr(
        `确定取消 ${appointmentTime(appointment.startsAt)} 在${hallName(appointment.hall)}的“${appointment.serviceTitle}”预约吗？`,
        `Cancel "${localized(appointment.serviceTitle, appointment.serviceTitleEn)}" on ${appointmentTime(appointment.startsAt)} at ${hallName(appointment.hall)}?`,
      ),
      confirmText: tr('确定取消', 'Cancel it'),
      cancelText: tr('暂不取消', 'Keep it'),
      danger: true,
    });
    if (!yes) return;
    setProblem(null);
    const outcome = await cancel(appointment.id);
    if (!outcome) return;
    if ('done' in outcome) dialogs.notify(tr('已取消预约', 'Appointment cancelled'));
    else setProblem(outcome.error);
  }

  if (!appointments && error) {
    return (
      <Screen title={TITLE} className='list appointments'>
        <AccessNeeded
          error={error}
          what={tr('您的预约', 'your appointments')}
          returnTo='/pages/appointments/index'
          onSignedIn={() => void reload()}
        />
        {!isAccessError(error) ? (
          <ErrorState error={{ ...error, message: errorMessage(error.code, locale) }} onRetry={() => void reload()} />
        ) : null}
        {backButton}
      </Screen>
    );
  }
  if (!appointments) {
    return (
      <Screen title={TITLE}>
        <Loading label={tr('正在加载…', 'Loading…')} />
      </Screen>
    );
  }

  if (moveOf) {
    return (
      <Screen title={TITLE} className='form appointments'>
        {dialogs.view}
        <Reschedule
          appointment={moveOf}
          moving={moving}
          onConfirm={async (startsAt) => {
            const outcome = await reschedule(moveOf.id, startsAt);
            if (!outcome) return null;
            if ('error' in outcome) return outcome.error;
            setMoveOf(null);
            dialogs.notify(tr('已改约', 'Appointment moved'));
            return null;
          }}
          onClose={() => setMoveOf(null)}
        />
      </Screen>
    );
  }

  return (
    <Screen title={TITLE} className='list appointments'>
      {dialogs.view}
      {error ? <Notice kind='error'>{errorMessage(error.code, locale)}</Notice> : null}
      {problem ? <Notice kind='error'>{errorMessage(problem.code, locale)}</Notice> : null}
      {appointments.length === 0 ? (
        <View>
          <Empty
            label={tr(
              '您还没有预约。在「办事」中选择可预约的服务即可在线预约。',
              'You have no appointments. Choose a service that takes bookings under Services.',
            )}
          />
          <ActionButton
            className='primary-button'
            label={tr('去办事', 'Services')}
            onClick={() => void Taro.switchTab({ url: '/pages/services/index' })}
          />
        </View>
      ) : null}
      {appointments.map((appointment) => {
        const status = appointmentStatus(appointment);
        const service = localized(appointment.serviceTitle, appointment.serviceTitleEn);
        const when = appointmentTime(appointment.startsAt);
        return (
          <View
            key={appointment.id}
            className={`list__row appointments__row appointments__row--${status.tone}`}
            aria-label={[service, status.text, when, hallName(appointment.hall)].join(tr('，', ', '))}
            data-appointment-id={appointment.id}
          >
            <View className='list__row-head'>
              <Text className='list__title'>{service}</Text>
              <Text className={`appointments__status appointments__status--${status.tone}`}>{status.text}</Text>
            </View>
            <Text className='list__line'>{when}</Text>
            <Text className='list__line'>{hallName(appointment.hall)}</Text>
            <Text className='list__line'>{hallAddress(appointment.hall)}</Text>
            {/* Kept (not cancelled) and its time has come: attended, so it may be rated (好差评). */}
            {appointment.status !== 'CANCELLED' && Date.parse(appointment.startsAt) <= Date.now() ? (
              <CaseRatingPanel kind='APPOINTMENT' caseId={appointment.id} />
            ) : null}
            {appointment.changeable ? (
              <View className='appointments__actions'>
                <ActionButton
                  className='secondary-button appointments__reschedule'
                  label={tr('改约', 'Change time')}
                  disabled={cancelling}
                  onClick={() => {
                    setProblem(null);
                    setMoveOf(appointment);
                  }}
                />
                <ActionButton
                  className='secondary-button appointments__cancel'
                  label={tr('取消预约', 'Cancel')}
                  disabled={cancelling}
                  onClick={() => void askToCancel(appointment)}
                />
              </View>
            ) : null}
          </View>
        );
      })}
      <View style={{ height: '24px' }} />
      {backButton}
    </Screen>
  );
}

/** Another slot at the same hall for the same service; the old place is freed by the BFF in the same step. */
function Reschedule({
  appointment,
  moving,
  onConfirm,
  onClose,
}: {
  appointment: Appointment;
  moving: boolean;
  onConfirm: (startsAt: string) => Promise<ApiError | null>;
  onClose: () => void;
}) {
  const tr = useT();
  const { locale } = usePreferences();
  const picker = useSlotPicker(
    appointment.hall.id,
    appointment.serviceId,
    new Date(Date.parse(appointment.startsAt) + 8 * 3600_000).toISOString().slice(0, 10),
  );
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function confirm() {
    if (!picker.selected) return;
    setFailure(null);
    const error = await onConfirm(picker.selected.startsAt);
    if (!error) return;
    setFailure(error);
    if (error.code === 'SLOT_FULL' || error.code === 'SLOT_IN_PAST' || error.code === 'SLOT_NOT_FOUND')
      void picker.reload();
  }

  return (
    <View className='appointments__move'>
      <Text className='book__title'>
        {tr('改约', 'Change time')}：{localized(appointment.serviceTitle, appointment.serviceTitleEn)}
      </Text>
      <Text className='book__line'>
        {tr('当前预约', 'Now booked')}：{appointmentTime(appointment.startsAt)}
      </Text>
      <Text className='book__line'>{hallName(appointment.hall)}</Text>
      <SlotPicker picker={picker} currentStartsAt={appointment.startsAt} />
      {failure ? <Notice kind='error'>{errorMessage(failure.code, locale)}</Notice> : null}
      <Text className='book__chosen' aria-live='polite'>
        {picker.selected
          ? tr(`改到：${picker.date} ${picker.selected.time}`, `Move to: ${picker.date} ${picker.selected.time}`)
          : tr('请选择新的时段', 'Choose a new time')}
      </Text>
      <ActionButton
        className='primary-button appointments__confirm-move'
        label={moving ? tr('正在改约…', 'Moving…') : tr('确认改约', 'Confirm new time')}
        disabled={!picker.selected || moving}
        onClick={() => void confirm()}
      />
      <ActionButton
        className='secondary-button appointments__keep'
        label={tr('不改了，返回列表', 'Keep it, back to the list')}
        onClick={onClose}
      />
    </View>
  );
}
