import { Text, View } from '@tarojs/components';
import { platform } from '../../platform';
import './index.scss';

const PLATFORM_NAMES = { WECHAT: '微信', ALIPAY: '支付宝', BAIDU: '百度', H5: '网页' } as const;

/** The citizen's own page. Sign-in and real-name verification come with the identity feature. */
export default function MePage() {
  return (
    <View className='me'>
      <View className='me__card'>
        <Text className='me__title'>未登录</Text>
        <Text className='me__text'>登录并完成实名认证后，可办理需要身份核验的服务。</Text>
      </View>
      <View className='me__row'>
        <Text>当前平台</Text>
        <Text>{PLATFORM_NAMES[platform.name]}</Text>
      </View>
    </View>
  );
}
