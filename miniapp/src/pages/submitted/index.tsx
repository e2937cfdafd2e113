import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ApplicationDocument, type ApplicationFieldsFragment } from '@citizen/shared';
import { authed } from '../../features/identity/session';
import { useT } from '../../preferences';
import { formatDateTime, localized } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { ListCell, ListGroup } from '../../components/ListCell';
import { Screen } from '../../components/Screen';
import { ErrorState, Loading } from '../../components/StateView';
import type { ApiError } from '../../api/client';
import '../../components/form.scss';
import './index.scss';

const TITLE = ['提交成功', 'Application sent'] as const;

/**
 * What a citizen sees right after sending an application: that it arrived, its number,
 * what happens next and when, and where to follow it. (The app used to jump straight
 * to the detail page, which said none of that.) `days` is the service's promise,
 * passed by the form that knew it.
 */
export default function SubmittedPage() {
  const t = useT();
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const days = Number(params.days ?? '0');
  const [application, setApplication] = useState<ApplicationFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const result = await authed(ApplicationDocument, { id });
    if (result.data) setApplication(result.data.application);
    else setError(result.errors[0]);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!application) {
    return (
      <Screen title={TITLE}>{error ? <ErrorState error={error} onRetry={() => void load()} /> : <Loading />}</Screen>
    );
  }
  const departments = application.departments.map((d) => localized(d.department.name, d.department.nameEn));
  const openDetail = () =>
    void Taro.redirectTo({ url: `/pages/application/index?id=${encodeURIComponent(application.id)}` });
  return (
    <Screen title={TITLE} className='form submitted'>
      <View className='submitted__head' role='status'>
        <Icon name='done' color='#146c3a' size={112} />
        <Text className='submitted__title'>{t('提交成功', 'Your application was sent')}</Text>
        <Text className='submitted__service'>{localized(application.service.title, application.service.titleEn)}</Text>
      </View>
      <ListGroup>
        <ListCell
          title={t('办件编号', 'Application number')}
          value={application.number}
          className='submitted__number'
        />
        <ListCell title={t('提交时间', 'Sent at')} value={formatDateTime(application.createdAt)} />
      </ListGroup>
      <Card title={t('接下来', 'What happens next')} icon='clock' className='submitted__next'>
        <Text className='submitted__step'>
          {t(
            `1. ${departments.join('、')}${departments.length > 1 ? '同时' : ''}审核${days > 0 ? `，承诺 ${days} 个工作日内办结` : ''}。`,
            `1. ${departments.join(', ')} ${departments.length > 1 ? 'review it at the same time' : 'reviews it'}${days > 0 ? `, within ${days} working day${days === 1 ? '' : 's'}` : ''}.`,
          )}
        </Text>
        <Text className='submitted__step'>
          {t(
            '2. 每一步进展（受理、需补充材料、办结）都会发到「消息」。',
            '2. Every step (accepted, more information needed, decided) arrives in Messages.',
          )}
        </Text>
        <Text className='submitted__step'>
          {t(
            '3. 如需补充材料，请在办件详情里直接补充，无需重新申请。',
            '3. If more information is needed, add it on the application’s page; no need to apply again.',
          )}
        </Text>
      </Card>
      <Card title={t('如何查看进度', 'How to follow it')} icon='search'>
        <Text className='submitted__step'>
          {t(
            '随时在「我的 › 我的办件」查看，或点击下方按钮。',
            'Any time under Me › My applications, or with the button below.',
          )}
        </Text>
      </Card>
      <ActionButton
        className='primary-button submitted__detail'
        label={t('查看办件进度', 'Follow this application')}
        onClick={openDetail}
      />
      <ActionButton
        className='secondary-button submitted__home'
        label={t('返回首页', 'Back to home')}
        onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}
      />
    </Screen>
  );
}
