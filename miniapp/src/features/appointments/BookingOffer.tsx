import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ServiceHallsDocument } from '@citizen/shared';
import { useQuery } from '../../api/useQuery';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import './appointments.scss';

/**
 * On the page of a service that is not applied for online: when halls take bookings
 * for it, how many, and "预约办理". Nothing while asking or when none do (the page's
 * own words about 12345 stand).
 */
export function BookingOffer({ serviceId }: { serviceId: string }) {
  const tr = useT();
  const halls = useQuery(ServiceHallsDocument, { serviceId });
  const count = halls.data?.serviceHalls.length ?? 0;
  if (count === 0) return null;
  return (
    <View className='booking-offer'>
      <Text className='booking-offer__text'>
        {tr(
          `可预约到 ${count} 个办事大厅现场办理，免排队。`,
          `${count} ${count === 1 ? 'hall takes' : 'halls take'} bookings for this service: book a time and skip the queue.`,
        )}
      </Text>
      <ActionButton
        className='primary-button service__book'
        label={tr('预约办理', 'Book a visit')}
        onClick={() => void Taro.navigateTo({ url: `/pages/book/index?serviceId=${encodeURIComponent(serviceId)}` })}
      />
    </View>
  );
}
