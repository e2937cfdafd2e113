import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MyApplicationsDocument, type MyApplicationsQuery } from '@citizen/shared';
import { authed } from '../../features/identity/session';
import { StatusBadge } from '../../features/applications/StatusBadge';
import { chinaDate, statusLabel } from '../../features/applications/labels';
import { useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { Notice } from '../../components/Notice';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import type { ApiError } from '../../api/client';
import '../../components/form.scss';
import '../../features/applications/applications.scss';

type Row = MyApplicationsQuery['myApplications']['items'][number];
const PAGE_SIZE = 20;
const TITLE = ['我的办件', 'My applications'] as const;

/** The citizen's applications, newest first, a page at a time. */
export default function ApplicationsPage() {
  const t = useT();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const latest = useRef(0);

  /** The first page again: on show (statuses move) and on pull-down. */
  async function refresh() {
    const ticket = ++latest.current;
    const result = await authed(MyApplicationsDocument, { first: PAGE_SIZE, after: null });
    if (ticket !== latest.current) return;
    if (!result.data) return setError(result.errors[0]);
    setError(null);
    setRows(result.data.myApplications.items);
    setCursor(result.data.myApplications.nextCursor);
  }

  async function more() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    const ticket = latest.current;
    const result = await authed(MyApplicationsDocument, { first: PAGE_SIZE, after: cursor });
    setLoadingMore(false);
    if (ticket !== latest.current) return;
    if (!result.data) return setError(result.errors[0]);
    setError(null);
    // A refresh may have brought some of these already.
    setRows((current) => {
      const seen = new Set((current ?? []).map((r) => r.id));
      return [...(current ?? []), ...result.data!.myApplications.items.filter((r) => !seen.has(r.id))];
    });
    setCursor(result.data.myApplications.nextCursor);
  }

  useDidShow(() => void refresh());
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  if (!rows && error) {
    if (error.code === 'UNAUTHENTICATED') {
      return (
        <Screen title={TITLE} className='list'>
          <Empty
            label={t(
              '登录后可查看您的办件。请在「我的」页面登录。',
              'Sign in to see your applications. Sign in on the Me tab.',
            )}
          />
          <ActionButton
            className='primary-button'
            label={t('去登录', 'Go to sign in')}
            onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}
          />
        </Screen>
      );
    }
    return (
      <Screen title={TITLE} className='list'>
        <ErrorState error={error} onRetry={() => void refresh()} />
        <ActionButton
          className='secondary-button'
          label={t('返回', 'Back')}
          onClick={() => goBack('/pages/me/index')}
        />
      </Screen>
    );
  }
  if (!rows) {
    return (
      <Screen title={TITLE}>
        <Loading />
      </Screen>
    );
  }

  return (
    <Screen title={TITLE} className='list applications'>
      {error ? <Notice kind='error'>{error.message}</Notice> : null}
      {rows.length === 0 ? (
        <View>
          <Empty
            label={t(
              '您还没有办件。在「办事」中选择服务即可在线申请。',
              'You have no applications yet. Choose a service on the Services tab to apply online.',
            )}
          />
          <ActionButton
            className='primary-button'
            label={t('去办事', 'Go to Services')}
            onClick={() => void Taro.switchTab({ url: '/pages/services/index' })}
          />
        </View>
      ) : (
        rows.map((row) => {
          const title = localized(row.service.title, row.service.titleEn);
          return (
            <View
              key={row.id}
              className='list__row applications__row'
              role='button'
              aria-label={t(
                `${title}，${statusLabel(row.status)}，编号 ${row.number}，${chinaDate(row.createdAt)}`,
                `${title}, ${statusLabel(row.status)}, number ${row.number}, ${chinaDate(row.createdAt)}`,
              )}
              data-application-id={row.id}
              onClick={() => void Taro.navigateTo({ url: `/pages/application/index?id=${encodeURIComponent(row.id)}` })}
            >
              <View className='list__row-head'>
                <Text className='list__title'>{title}</Text>
                <StatusBadge status={row.status} className='applications__status' />
              </View>
              <Text className='list__line'>
                {t('编号', 'Number')} {row.number}
              </Text>
              <Text className='list__line'>
                {t('提交于', 'Sent on')} {chinaDate(row.createdAt)}
                {row.service.bundle ? t('　多部门并联审批', ' · several departments') : ''}
              </Text>
              {row.statusReason ? <Text className='list__line'>{row.statusReason}</Text> : null}
            </View>
          );
        })
      )}
      {cursor ? (
        <ActionButton
          className='secondary-button applications__more'
          label={loadingMore ? t('正在加载…', 'Loading…') : t('加载更多', 'Load more')}
          onClick={() => void more()}
          disabled={loadingMore}
        />
      ) : null}
      {rows.length > 0 && !cursor ? (
        <Text className='list__line' style={{ textAlign: 'center' }}>
          {t('已显示全部办件', 'That is all your applications')}
        </Text>
      ) : null}
      <View style={{ height: '24px' }} />
      <ActionButton className='secondary-button' label={t('返回', 'Back')} onClick={() => goBack('/pages/me/index')} />
    </Screen>
  );
}
