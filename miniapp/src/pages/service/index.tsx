import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ActionButton } from '../../components/ActionButton';
import './index.scss';

/** A service's page. Its details, form and submission arrive with the service-applications feature. */
export default function ServicePage() {
  const { params } = useRouter();
  const title = decodeURIComponent(params.title ?? '服务');
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.switchTab({ url: '/pages/home/index' });
  };
  return (
    <View className='service'>
      <Text className='service__title'>{title}</Text>
      <Text className='service__text'>该服务正在接入，暂不能在线办理。您可以拨打 12345 咨询办理方式。</Text>
      <ActionButton className='service__back' onClick={back} label='返回' />
    </View>
  );
}
