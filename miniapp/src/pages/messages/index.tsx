import { View } from '@tarojs/components';
import { Empty } from '../../components/StateView';

/** Messages about the citizen's affairs; they arrive once sign-in exists. */
export default function MessagesPage() {
  return (
    <View className='messages'>
      <Empty label='暂无消息。登录后，办件进度、挪车和预约提醒会显示在这里。' />
    </View>
  );
}
