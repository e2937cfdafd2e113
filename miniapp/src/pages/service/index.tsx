import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ServiceDocument } from '@citizen/shared';
import { useQuery } from '../../api/useQuery';
import { cachedMe, signIn } from '../../features/identity/session';
import { LEVEL_NAMES, stepUpUrl } from '../../features/identity/levels';
import { ActionButton } from '../../components/ActionButton';
import { ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import './index.scss';

/**
 * A service: what it is, who decides it, how long and how much, what it needs, and
 * "开始办理". Services not yet online say so and point to 12345.
 */
export default function ServicePage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const fallbackTitle = decodeURIComponent(params.title ?? '服务');
  const query = useQuery(ServiceDocument, { id });
  const back = () => goBack('/pages/home/index');

  if (query.loading && !query.data) return <Loading />;
  if (!query.data) {
    return (
      <View className='service'>
        <ErrorState error={query.errors[0]} onRetry={() => void query.refetch()} />
        <ActionButton className='service__back' onClick={back} label='返回' />
      </View>
    );
  }
  const service = query.data.service;
  if (!service) {
    return (
      <View className='service'>
        <Text className='service__title'>{fallbackTitle}</Text>
        <Text className='service__text'>该服务正在接入，暂不能在线办理。您可以拨打 12345 咨询办理方式。</Text>
        <ActionButton className='service__back' onClick={back} label='返回' />
      </View>
    );
  }

  // Applying needs a signed-in citizen at least, whatever the service's own level.
  const required = Math.max(1, service.requiredLevel);
  const here = `/pages/service/index?id=${encodeURIComponent(service.id)}&title=${encodeURIComponent(service.title)}`;

  async function start() {
    let me = cachedMe();
    if (!me) {
      const { confirm } = await Taro.showModal({ title: '需要登录', content: `办理“${service!.title}”需要先登录。`, confirmText: '登录' });
      if (!confirm) return;
      const result = await signIn();
      if (!result.data) {
        void Taro.showToast({ title: result.errors[0].message, icon: 'none', duration: 2500 });
        return;
      }
      me = result.data;
    }
    const stepUp = stepUpUrl(required, me, here);
    if (stepUp) {
      const { confirm } = await Taro.showModal({ title: '需要身份认证', content: `办理“${service!.title}”需要${LEVEL_NAMES[required]}。认证完成后将回到本页。`, confirmText: '去认证' });
      if (confirm) void Taro.navigateTo({ url: stepUp });
      return;
    }
    void Taro.navigateTo({ url: `/pages/apply/index?serviceId=${encodeURIComponent(service!.id)}` });
  }

  const level = cachedMe()?.level ?? 0;
  return (
    <View className='service'>
      <Text className='service__title'>{service.title}</Text>
      {service.bundle ? <Text className='service__tag'>多部门并联审批 · 一次申请</Text> : null}
      <Text className='service__text'>{service.description}</Text>

      <View className='service__facts'>
        <View className='service__fact'>
          <Text className='service__fact-label'>办理部门</Text>
          <Text className='service__fact-value'>{service.departments.map((d) => d.name).join('、')}</Text>
        </View>
        <View className='service__fact'>
          <Text className='service__fact-label'>承诺时限</Text>
          <Text className='service__fact-value'>{service.promisedDays} 个工作日</Text>
        </View>
        <View className='service__fact'>
          <Text className='service__fact-label'>收费</Text>
          <Text className='service__fact-value'>{service.fees}</Text>
        </View>
        <View className='service__fact'>
          <Text className='service__fact-label'>身份要求</Text>
          <Text className='service__fact-value'>
            {LEVEL_NAMES[required]}
            {level >= required ? '（您已满足）' : '（开始办理时引导您完成）'}
          </Text>
        </View>
      </View>

      <View className='service__materials'>
        <Text className='service__section-title'>所需材料</Text>
        {service.materials.length === 0 ? <Text className='service__material'>无需提交材料，信息由部门联网核验。</Text> : null}
        {service.materials.map((material) => (
          <View key={material.id} className='service__material'>
            <Text>
              {material.name}
              {material.required ? '' : '（选交）'}
            </Text>
            {material.licenceKind ? <Text className='service__free'>电子证照免提交</Text> : <Text className='service__muted'>拍照上传</Text>}
          </View>
        ))}
      </View>

      <ActionButton className='primary-button service__start' label='开始办理' onClick={() => void start()} />
      <ActionButton className='secondary-button service__back-link' onClick={back} label='返回' />
    </View>
  );
}
