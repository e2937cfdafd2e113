import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { ApplicationProgressDocument, type ApplicationProgressQuery } from '@citizen/shared';
import { graphql, type ApiError } from '../../api/client';
import { chinaDateTime, statusLabel } from '../../features/applications/labels';
import { useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { Notice } from '../../components/Notice';
import { Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/ask/ask.scss';

const TITLE = ['办件进度查询', 'Progress lookup'] as const;
type Progress = ApplicationProgressQuery['applicationProgress'];

/**
 * Progress by application number and query code, without signing in: for family
 * members and hall staff. Shows the service, status, departments and dates, nothing
 * about the person.
 */
export default function ProgressPage() {
  const t = useT();
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [state, setState] = useState<{
    loading: boolean;
    progress: Progress | null;
    error: ApiError | null;
    problem: string | null;
  }>({ loading: false, progress: null, error: null, problem: null });

  async function look() {
    const n = number.trim().toUpperCase();
    const c = code.trim().toUpperCase();
    if (!/^SQ\d{16}$/.test(n))
      return setState({
        loading: false,
        progress: null,
        error: null,
        problem: t(
          '申请编号为SQ开头的18位，如 SQ2026112112345678',
          'An application number is SQ and 16 digits, e.g. SQ2026112112345678',
        ),
      });
    if (!/^[0-9A-Z]{6}$/.test(c))
      return setState({
        loading: false,
        progress: null,
        error: null,
        problem: t('查询码为6位字母或数字', 'The query code has 6 letters or digits'),
      });
    setState({ loading: true, progress: null, error: null, problem: null });
    const result = await graphql(ApplicationProgressDocument, { number: n, queryCode: c });
    setState({
      loading: false,
      progress: result.data?.applicationProgress ?? null,
      error: result.data ? null : result.errors[0],
      problem: null,
    });
  }

  const progress = state.progress;
  return (
    <Screen title={TITLE} className='form progress'>
      <Text className='ask__context'>
        {t(
          '无需登录。申请编号和查询码在申请人的提交页和消息中。',
          'No sign-in needed. The number and query code are on the applicant’s submission page and in their message.',
        )}
      </Text>
      <Text className='progress__label'>{t('申请编号', 'Application number')}</Text>
      <Input
        className='progress__input progress__number'
        aria-label={t('申请编号', 'Application number')}
        placeholder='SQ2026…'
        value={number}
        onInput={(e) => setNumber(e.detail.value)}
      />
      <Text className='progress__label'>{t('查询码', 'Query code')}</Text>
      <Input
        className='progress__input progress__code'
        aria-label={t('查询码', 'Query code')}
        placeholder={t('6位查询码', '6-character code')}
        value={code}
        onInput={(e) => setCode(e.detail.value)}
      />
      {state.problem ? <Notice kind='error'>{state.problem}</Notice> : null}
      {state.error ? <Notice kind='error'>{state.error.message}</Notice> : null}
      <ActionButton
        className='primary-button progress__look'
        label={t('查询', 'Look up')}
        disabled={state.loading}
        onClick={() => void look()}
      />
      {state.loading ? <Loading label={t('正在查询…', 'Looking…')} /> : null}
      {progress ? (
        <View className='progress__result' aria-live='polite'>
          <Text className='list__title'>{localized(progress.service.title, progress.service.titleEn)}</Text>
          <Text className='progress__line progress__status'>
            {t('状态', 'Status')}：{statusLabel(progress.status)}
          </Text>
          <Text className='progress__line'>
            {t('编号', 'Number')} {progress.number}
          </Text>
          {progress.departments.map((d) => (
            <Text key={d.name} className='progress__line'>
              {localized(d.name, d.nameEn)}：{statusLabel(d.status)}（{chinaDateTime(d.updatedAt)}）
            </Text>
          ))}
          <Text className='progress__line'>
            {t('提交于', 'Sent')} {chinaDateTime(progress.submittedAt)}　{t('更新于', 'Updated')}{' '}
            {chinaDateTime(progress.updatedAt)}
          </Text>
        </View>
      ) : null}
      <ActionButton
        className='secondary-button'
        label={t('返回', 'Back')}
        onClick={() => goBack('/pages/home/index')}
      />
    </Screen>
  );
}
