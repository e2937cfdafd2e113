import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ServiceHallsDocument, errorMessage, type HallFieldsFragment } from '@citizen/shared';
import type { ApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { useBooking, type Appointment } from '../../features/appointments/useAppointments';
import { useSlotPicker } from '../../features/appointments/useSlotPicker';
import { SlotPicker } from '../../features/appointments/SlotPicker';
import { appointmentTime, hallAddress, hallHours, hallName, serviceTitle } from '../../features/appointments/labels';
import { offerStepUp } from '../../features/identity/access';
import { usePreferences, useT } from '../../preferences';
import { Screen } from '../../components/Screen';
import { SubscribeButton } from '../../features/messages/SubscribeButton';
import { useDialogs, type Dialogs } from '../../components/dialogs';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/appointments/appointments.scss';

const TITLE = ['预约办理', 'Book a visit'] as const;
/** The BFF says the slot went (taken, or its time came) while the citizen looked: the day is read again. */
const SLOT_GONE = new Set(['SLOT_FULL', 'SLOT_IN_PAST', 'SLOT_NOT_FOUND']);

/**
 * Booking a visit for a service: the halls that offer it (chosen already when there is
 * one), a day in the next 14, a slot with places left, and confirm.
 */
export default function BookPage() {
  const tr = useT();
  const dialogs = useDialogs();
  const { locale } = usePreferences();
  const { params } = useRouter();
  const serviceId = decodeURIComponent(params.serviceId ?? '');
  const halls = useQuery(ServiceHallsDocument, { serviceId });
  const [hallId, setHallId] = useState<string | null>(null);
  const [booked, setBooked] = useState<Appointment | null>(null);
  const back = () => goBack('/pages/services/index');
  const backButton = <ActionButton className='secondary-button book__back' label={tr('返回', 'Back')} onClick={back} />;

  if (halls.loading && !halls.data) {
    return (
      <Screen title={TITLE}>
        <Loading label={tr('正在加载…', 'Loading…')} />
      </Screen>
    );
  }
  if (!halls.data) {
    const error = halls.errors[0];
    return (
      <Screen title={TITLE} className='form book'>
        <ErrorState
          error={{ ...error, message: errorMessage(error.code, locale) }}
          onRetry={() => void halls.refetch()}
        />
        {backButton}
      </Screen>
    );
  }

  const list = halls.data.serviceHalls;
  const title = serviceTitle(list, serviceId);
  const hall = list.find((h) => h.id === hallId) ?? (list.length === 1 ? list[0] : null);

  if (booked) {
    return (
      <Screen title={TITLE} className='form book'>
        <View className='book__done' role='status'>
          <Text className='book__done-title'>✓ {tr('预约成功', 'Booked')}</Text>
          <Text className='book__chosen'>{localizedServiceTitle(booked, locale)}</Text>
          <Text className='book__line'>{appointmentTime(booked.startsAt)}</Text>
          <Text className='book__line'>{hallName(booked.hall)}</Text>
          <Text className='book__line'>{hallAddress(booked.hall)}</Text>
          <Text className='book__line'>
            {tr(
              '请携带本人身份证件按时到达。前一天会在「消息」中提醒您。',
              'Please bring your ID and arrive on time. Messages will remind you the day before.',
            )}
          </Text>
        </View>
        <ActionButton
          className='primary-button book__mine'
          label={tr('查看我的预约', 'My appointments')}
          onClick={() => void Taro.redirectTo({ url: '/pages/appointments/index' })}
        />
        {backButton}
      </Screen>
    );
  }

  if (list.length === 0) {
    return (
      <Screen title={TITLE} className='form book'>
        <Empty label={tr('暂时没有可预约此项业务的办事大厅。', 'No hall books this service at the moment.')} />
        {backButton}
      </Screen>
    );
  }

  if (!hall) {
    return (
      <Screen title={TITLE} className='form book'>
        <Text className='book__title'>{title}</Text>
        <Text className='form__intro'>
          {tr(`${list.length} 个办事大厅可预约，请选择一个：`, `${list.length} halls take bookings. Choose one:`)}
        </Text>
        {list.map((h) => (
          <View
            key={h.id}
            className='book__hall'
            role='button'
            aria-label={`${hallName(h)}，${hallAddress(h)}`}
            data-hall-id={h.id}
            onClick={() => setHallId(h.id)}
          >
            <Text className='book__hall-name'>{hallName(h)}</Text>
            <Text className='book__line'>{hallAddress(h)}</Text>
            <Text className='book__line'>{hallHours(h)}</Text>
          </View>
        ))}
        {backButton}
      </Screen>
    );
  }

  return (
    <Screen title={TITLE} className='form book'>
      {dialogs.view}
      <BookingStep
        key={hall.id}
        hall={hall}
        serviceId={serviceId}
        title={title}
        dialogs={dialogs}
        onBooked={setBooked}
        onChangeHall={list.length > 1 ? () => setHallId(null) : undefined}
      />
      {backButton}
    </Screen>
  );
}

function localizedServiceTitle(appointment: Appointment, locale: 'zh' | 'en'): string {
  return locale === 'en' && appointment.serviceTitleEn ? appointment.serviceTitleEn : appointment.serviceTitle;
}

/** A day, a slot and confirm, at the chosen hall. */
function BookingStep({
  hall,
  serviceId,
  title,
  dialogs,
  onBooked,
  onChangeHall,
}: {
  hall: HallFieldsFragment;
  serviceId: string;
  title: string;
  dialogs: Dialogs;
  onBooked: (appointment: Appointment) => void;
  onChangeHall?: () => void;
}) {
  const tr = useT();
  const { locale } = usePreferences();
  const picker = useSlotPicker(hall.id, serviceId);
  const { book, booking } = useBooking();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const here = `/pages/book/index?serviceId=${encodeURIComponent(serviceId)}`;

  async function confirm() {
    const slot = picker.selected;
    if (!slot) return;
    setFailure(null);
    const outcome = await book(hall.id, serviceId, slot.startsAt);
    if (!outcome) return;
    if ('appointment' in outcome) return onBooked(outcome.appointment);
    const { error } = outcome;
    if (error.code === 'ASSURANCE_LEVEL_TOO_LOW') {
      await offerStepUp(dialogs, error, 2, tr('预约办事', 'Booking a visit'), here);
      return;
    }
    setFailure(error);
    if (SLOT_GONE.has(error.code)) void picker.reload();
  }

  return (
    <View>
      <Text className='book__title'>{title}</Text>
      <View className='book__hall book__hall--chosen'>
        <Text className='book__hall-name'>{hallName(hall)}</Text>
        <Text className='book__line'>{hallAddress(hall)}</Text>
        <Text className='book__line'>{hallHours(hall)}</Text>
      </View>
      {onChangeHall ? (
        <ActionButton
          className='secondary-button book__change-hall'
          label={tr('换一个大厅', 'Choose another hall')}
          onClick={onChangeHall}
        />
      ) : null}

      <SlotPicker picker={picker} />

      {failure ? (
        <View className='book__failure'>
          <Notice kind='error'>{errorMessage(failure.code, locale)}</Notice>
          {failure.code === 'APPOINTMENT_EXISTS' ? (
            <ActionButton
              className='secondary-button book__existing'
              label={tr('查看我的预约', 'My appointments')}
              onClick={() => void Taro.navigateTo({ url: '/pages/appointments/index' })}
            />
          ) : null}
        </View>
      ) : null}

      <Text className='book__chosen' aria-live='polite'>
        {picker.selected
          ? tr(
              `已选：${picker.days.find((d) => d.date === picker.date)?.spoken ?? picker.date} ${picker.selected.time}`,
              `Chosen: ${picker.days.find((d) => d.date === picker.date)?.spoken ?? picker.date}, ${picker.selected.time}`,
            )
          : tr('请选择一个时段', 'Choose a time')}
      </Text>
      {/* The reminder's platform message is asked for on this tap (WeChat's rule; Baidu's form). */}
      <SubscribeButton
        topic='APPOINTMENT_REMINDER'
        className='primary-button book__confirm'
        label={booking ? tr('正在预约…', 'Booking…') : tr('确认预约', 'Confirm booking')}
        disabled={!picker.selected || booking}
        onClick={() => void confirm()}
      />
    </View>
  );
}
