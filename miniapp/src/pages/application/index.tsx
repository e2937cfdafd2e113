import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useApplication } from '../../features/applications/useApplication';
import { MoreInfoForm } from '../../features/applications/MoreInfoForm';
import { StatusBadge } from '../../features/applications/StatusBadge';
import { FINAL_STATUSES, STATUS_LABELS, chinaDateTime } from '../../features/applications/labels';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/StateView';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/applications/applications.scss';

/**
 * One application: its number, where it stands (each department's part for a
 * bundle), what happened when, the answers sent, and the answer to a request for
 * more. Kept fresh every few seconds while it can still move.
 */
export default function ApplicationPage() {
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
      <View className='application'>
        <ErrorState error={error} onRetry={() => void reload()} />
        <View className='form'>
          <ActionButton className='secondary-button' label='返回' onClick={() => goBack('/pages/me/index')} />
        </View>
      </View>
    );
  }
  if (!application) return <Loading />;

  const final = FINAL_STATUSES.includes(application.status);
  // Newest first: what the citizen came to see is what happened last.
  const timeline = [...application.timeline].reverse();

  return (
    <View className='form application'>
      <View className='application__card' aria-live='polite'>
        <Text className='application__title'>{application.service.title}</Text>
        <StatusBadge status={application.status} className='application__status' />
        {application.statusReason && application.status !== 'MORE_INFO_REQUESTED' ? <Text className='application__reason'>{application.status === 'REJECTED' ? '原因：' : ''}{application.statusReason}</Text> : null}
        <View className='application__number'>
          <Text>
            办件编号 <Text className='application__number-value'>{application.number}</Text>
          </Text>
          <View
            className='application__copy'
            role='button'
            aria-label='复制办件编号'
            onClick={() => void Taro.setClipboardData({ data: application.number }).then(() => Taro.showToast({ title: '已复制办件编号', icon: 'none' })).catch(() => undefined)}
          >
            <Text>复制</Text>
          </View>
        </View>
        <Text className='application__muted'>提交于 {chinaDateTime(application.createdAt)}　更新于 {chinaDateTime(application.updatedAt)}</Text>
      </View>

      {error ? <Notice kind='error'>{`暂时无法刷新：${error.message}`}</Notice> : null}

      {application.status === 'MORE_INFO_REQUESTED' ? <MoreInfoForm application={application} onAnswered={(updated) => { replace(updated); void Taro.showToast({ title: '已提交补充材料', icon: 'none' }); }} /> : null}

      {application.service.bundle ? (
        <View className='application__section application__departments'>
          <Text className='application__section-title'>多部门并联审批</Text>
          {application.departments.map((d) => (
            <View key={d.department.code} className={`application__row application__department application__department--${d.department.code}`}>
              <View className='application__row-head'>
                <Text>{d.department.name}</Text>
                <StatusBadge status={d.status} className='application__department-status' subject={d.department.name} />
              </View>
              {d.reason ? <Text className='application__muted'>{d.reason}</Text> : null}
              {d.receiptNo ? <Text className='application__muted'>回执号 {d.receiptNo}</Text> : null}
            </View>
          ))}
        </View>
      ) : application.departments[0] ? (
        <View className='application__section'>
          <Text className='application__muted'>办理部门：{application.departments[0].department.name}{application.departments[0].receiptNo ? `　回执号 ${application.departments[0].receiptNo}` : ''}</Text>
        </View>
      ) : null}

      <View className='application__section application__timeline'>
        <Text className='application__section-title'>办理进度（最新在上）</Text>
        {timeline.map((event, i) => (
          <View key={`${event.at}-${event.status}-${event.department?.code ?? 'all'}-${i}`} className='application__row application__event'>
            <View className='application__row-head'>
              <Text>{event.department ? `${event.department.name}：` : ''}{STATUS_LABELS[event.status]}</Text>
              <Text className='application__muted'>{chinaDateTime(event.at)}</Text>
            </View>
            {event.note ? <Text className='application__muted'>{event.note}</Text> : null}
          </View>
        ))}
      </View>

      <View className='application__section application__answers'>
        <Text className='application__section-title'>申请信息</Text>
        {application.answers.map((answer) => (
          <View key={answer.fieldId} className='application__row'>
            <Text className='application__muted'>{answer.label}{answer.prefilled ? '（🔒 来自政府部门数据）' : ''}</Text>
            <Text>{answer.display}</Text>
          </View>
        ))}
      </View>

      <Text className='application__updated'>{final ? '办理已结束' : refreshing ? '正在刷新…' : '页面会自动刷新办理进度'}</Text>
      <ActionButton className='secondary-button application__refresh' label='刷新' onClick={() => void reload()} />
      <View style={{ height: '24px' }} />
      <ActionButton className='secondary-button' label='我的办件' onClick={openList} />
      <View style={{ height: '24px' }} />
      <ActionButton className='secondary-button' label='返回' onClick={() => goBack('/pages/me/index')} />
    </View>
  );
}
