import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useApplication } from '../../features/applications/useApplication';
import { MoreInfoForm } from '../../features/applications/MoreInfoForm';
import { WithdrawPanel } from '../../features/applications/WithdrawPanel';
import { ApplicationFee } from '../../features/payments/ApplicationFee';
import { ResultCard } from '../../features/results/ResultCard';
import { RatingSummary } from '../../features/ratings/RatingSummary';
import { StatusBadge } from '../../features/applications/StatusBadge';
import { FINAL_STATUSES, chinaDateTime, statusLabel } from '../../features/applications/labels';
import { useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { useDialogs } from '../../components/dialogs';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/applications/applications.scss';

const TITLE = ['办件详情', 'Application'] as const;

/**
 * One application: its number, where it stands (each department's part for a
 * bundle), what happened when, the answers sent, and the answer to a request for
 * more. Kept fresh every few seconds while it can still move.
 */
export default function ApplicationPage() {
  const t = useT();
  const dialogs = useDialogs();
  const { params } = useRouter();
  const { application, error, refreshing, reload, replace } = useApplication(decodeURIComponent(params.id ?? ''));

  // From the list: back to it, not a second copy of it on the page stack.
  const openList = () => {
    const pages = Taro.getCurrentPages();
    if (pages.length > 1 && pages[pages.length - 2]?.route === 'pages/applications/index') void Taro.navigateBack();
    else void Taro.navigateTo({ url: '/pages/applications/index' });
  };

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!application && error) {
    return (
      <Screen title={TITLE} className='application'>
        <ErrorState error={error} onRetry={() => void reload()} />
        <View className='form'>
          <ActionButton
            className='secondary-button'
            label={t('返回', 'Back')}
            onClick={() => goBack('/pages/me/index')}
          />
        </View>
      </Screen>
    );
  }
  if (!application) {
    return (
      <Screen title={TITLE}>
        <Loading />
      </Screen>
    );
  }
  const department = (d: { name: string; nameEn: string }) => localized(d.name, d.nameEn);

  const final = FINAL_STATUSES.includes(application.status);
  // Newest first: what the citizen came to see is what happened last.
  const timeline = [...application.timeline].reverse();

  return (
    <Screen title={TITLE} className='form application'>
      <View className='application__card' aria-live='polite'>
        <Text className='application__title'>{localized(application.service.title, application.service.titleEn)}</Text>
        <StatusBadge status={application.status} className='application__status' />
        {application.statusReason && application.status !== 'MORE_INFO_REQUESTED' ? (
          <Text className='application__reason'>
            {application.status === 'REJECTED' ? t('原因：', 'Reason: ') : ''}
            {application.statusReason}
          </Text>
        ) : null}
        <View className='application__number'>
          <Text>
            {t('办件编号', 'Application number')}{' '}
            <Text className='application__number-value'>{application.number}</Text>
          </Text>
          <View
            className='application__copy'
            role='button'
            aria-label={t('复制办件编号', 'Copy the application number')}
            onClick={() =>
              void Taro.setClipboardData({ data: application.number })
                .then(() => dialogs.notify(t('已复制办件编号', 'Application number copied')))
                .catch(() => undefined)
            }
          >
            <Text>{t('复制', 'Copy')}</Text>
          </View>
        </View>
        {application.queryCode ? (
          <Text className='application__muted application__query-code'>
            {t('查询码', 'Query code')} <Text className='application__number-value'>{application.queryCode}</Text>
            {t(
              '（家人凭编号和查询码可在“办件进度查询”查看进度，无需登录）',
              ' (with the number, family can follow it under Progress lookup without signing in)',
            )}
          </Text>
        ) : null}
        <Text className='application__muted'>
          {t('提交于', 'Sent')} {chinaDateTime(application.createdAt)}　{t('更新于', 'Updated')}{' '}
          {chinaDateTime(application.updatedAt)}
        </Text>
      </View>

      {dialogs.view}
      {error ? (
        <Notice kind='error'>
          {t(`暂时无法刷新：${error.message}`, `Could not refresh just now: ${error.message}`)}
        </Notice>
      ) : null}

      {application.status === 'MORE_INFO_REQUESTED' ? (
        <MoreInfoForm
          application={application}
          onAnswered={(updated) => {
            replace(updated);
            dialogs.notify(t('已提交补充材料', 'Your answer was sent'));
          }}
        />
      ) : null}

      {application.result ? <ResultCard result={application.result} /> : null}
      {application.status === 'COMPLETED' || application.status === 'REJECTED' ? (
        <RatingSummary kind='APPLICATION' caseId={application.id} rating={application.rating} />
      ) : null}
      {application.payment ? <ApplicationFee payment={application.payment} /> : null}
      <WithdrawPanel application={application} dialogs={dialogs} onChanged={replace} />

      {application.service.bundle ? (
        <View className='application__section application__departments'>
          <Text className='application__section-title'>{t('多部门并联审批', 'Several departments at once')}</Text>
          {application.departments.map((d) => (
            <View
              key={d.department.code}
              className={`application__row application__department application__department--${d.department.code}`}
            >
              <View className='application__row-head'>
                <Text>{department(d.department)}</Text>
                <StatusBadge
                  status={d.status}
                  className='application__department-status'
                  subject={department(d.department)}
                />
              </View>
              {d.reason ? <Text className='application__muted'>{d.reason}</Text> : null}
              {d.receiptNo ? (
                <Text className='application__muted'>
                  {t('回执号', 'Receipt')} {d.receiptNo}
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      ) : application.departments[0] ? (
        <View className='application__section'>
          <Text className='application__muted'>
            {t('办理部门：', 'Handled by: ')}
            {department(application.departments[0].department)}
            {application.departments[0].receiptNo
              ? t(
                  `　回执号 ${application.departments[0].receiptNo}`,
                  ` · receipt ${application.departments[0].receiptNo}`,
                )
              : ''}
          </Text>
        </View>
      ) : null}

      <View className='application__section application__timeline'>
        <Text className='application__section-title'>{t('办理进度（最新在上）', 'Progress (newest first)')}</Text>
        {timeline.map((event, i) => (
          <View
            key={`${event.at}-${event.status}-${event.department?.code ?? 'all'}-${i}`}
            className='application__row application__event'
          >
            <View className='application__row-head'>
              <Text>
                {event.department ? `${department(event.department)}${t('：', ': ')}` : ''}
                {statusLabel(event.status)}
              </Text>
              <Text className='application__muted'>{chinaDateTime(event.at)}</Text>
            </View>
            {event.note ? <Text className='application__muted'>{event.note}</Text> : null}
          </View>
        ))}
      </View>

      <View className='application__section application__answers'>
        <Text className='application__section-title'>{t('申请信息', 'Your answers')}</Text>
        {application.answers.map((answer) => (
          <View key={answer.fieldId} className='application__row'>
            <Text className='application__muted'>
              {localized(answer.label, answer.labelEn)}
              {answer.prefilled ? t('（来自政府部门数据）', ' (from government records)') : ''}
            </Text>
            <Text>{answer.display}</Text>
          </View>
        ))}
      </View>

      <Text className='application__updated'>
        {final
          ? t('办理已结束', 'This application is closed')
          : refreshing
            ? t('正在刷新…', 'Refreshing…')
            : t('页面会自动刷新办理进度', 'Progress updates by itself on this page')}
      </Text>
      <ActionButton
        className='secondary-button application__refresh'
        label={t('刷新', 'Refresh')}
        onClick={() => void reload()}
      />
      <View style={{ height: '24px' }} />
      <ActionButton
        className='secondary-button application__ask'
        label={t('对此办件有疑问？问12345', 'A question about this? Ask 12345')}
        onClick={() =>
          void Taro.navigateTo({
            url: `/pages/ask/index?serviceId=${encodeURIComponent(application.service.id)}&applicationNumber=${encodeURIComponent(application.number)}`,
          })
        }
      />
      <View style={{ height: '24px' }} />
      <ActionButton className='secondary-button' label={t('我的办件', 'My applications')} onClick={openList} />
      <View style={{ height: '24px' }} />
      <ActionButton className='secondary-button' label={t('返回', 'Back')} onClick={() => goBack('/pages/me/index')} />
    </Screen>
  );
}
