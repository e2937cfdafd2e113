import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DashboardDocument } from '@citizen/shared';
import { useT } from '../../preferences';
import { formatDay, localized } from '../../preferences/format';
import { useRecord } from './useRecord';
import { agencyDown, TYPE_TITLES, type RecordType } from './labels';
import './records.scss';

const KINDS: RecordType[] = [
  'providentFund',
  'socialInsurance',
  'medicalInsurance',
  'driving',
  'exitEntry',
  'qualifications',
  'realEstate',
  'vaccinations',
];
const AGENCY_OF: Record<string, string> = {
  providentFund: 'provident-fund',
  socialInsurance: 'social-insurance',
  medicalInsurance: 'medical-insurance',
  driving: 'traffic-police',
  exitEntry: 'exit-entry',
  qualifications: 'talent',
  realEstate: 'real-estate',
  vaccinations: 'health',
};

/**
 * 我的 at a glance, for a verified citizen (the Me page shows it from level 2): 待办
 * first, then a line per record kind; a line whose agency is down says so and the rest stay.
 */
export function Dashboard() {
  const tr = useT();
  const { data, errors, loading } = useRecord(DashboardDocument);
  if (loading && !data)
    return (
      <View className='dashboard' aria-busy='true'>
        <Text className='dashboard__line'>{tr('正在加载…', 'Loading…')}</Text>
      </View>
    );
  if (!data)
    return (
      <View className='dashboard' role='alert'>
        <Text className='dashboard__line'>{errors[0]?.message}</Text>
      </View>
    );
  const { todos, summaries } = data.dashboard;
  const open = (url: string | null | undefined) => url && void Taro.navigateTo({ url });
  return (
    <View className='dashboard list'>
      <Text className='list__title'>{tr('待办', 'To do')}</Text>
      {todos.length === 0 ? (
        <Text className='dashboard__todo'>{tr('暂无待办事项', 'Nothing to do')}</Text>
      ) : (
        todos.map((todo, i) => (
          <View key={`${todo.kind}-${i}`} className='dashboard__todo' role='button' onClick={() => open(todo.link)}>
            <Text>
              {localized(todo.title, todo.titleEn)}
              {todo.dueOn ? ` · ${formatDay(todo.dueOn)}` : ''}
            </Text>
          </View>
        ))
      )}
      <Text className='list__title'>{tr('我的记录', 'My records')}</Text>
      {summaries.map((line, i) => {
        const kind = KINDS[i]!;
        const title = tr(...TYPE_TITLES[kind]);
        return (
          <View
            key={kind}
            className='dashboard__line'
            role='button'
            onClick={() => open(`/pages/records/index?type=${kind}`)}
          >
            <Text>
              {title}：{line ? localized(line.text, line.textEn) : agencyDown(AGENCY_OF[kind])}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
