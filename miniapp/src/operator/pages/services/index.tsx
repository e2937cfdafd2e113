import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { ConsoleServicesDocument, type ConsoleServicesQuery, type ServiceState } from '@citizen/shared';
import { asOperator, stateName } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { useT } from '../../../preferences';
import { Btn, Chips } from '../../services/inputs';
import { errorText } from '../../services/messages';
import '../../services/services.scss';

const STATES: ServiceState[] = ['DRAFT', 'PUBLISHED', 'UNPUBLISHED'];

/** Every service the console knows, with its state and live version, filtered by state, department and words. */
export default function ServicesPage() {
  const t = useT();
  const [services, setServices] = useState<ConsoleServicesQuery['consoleServices'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<ServiceState | null>(null);
  const [department, setDepartment] = useState<string | null>(null);
  const [words, setWords] = useState('');

  useEffect(() => {
    void asOperator(ConsoleServicesDocument, {}).then((r) =>
      r.data ? setServices(r.data.consoleServices) : setError(errorText(r.errors[0])),
    );
  }, []);

  const departments = [...new Set((services ?? []).flatMap((s) => s.departments))].sort();
  const shown = (services ?? []).filter(
    (s) =>
      (!state || s.state === state) &&
      (!department || s.departments.includes(department)) &&
      (!words || s.title.includes(words) || s.id.includes(words)),
  );
  const open = (id?: string) => void Taro.navigateTo({ url: `/operator/pages/service/index${id ? `?id=${id}` : ''}` });

  return (
    <ConsoleShell title={['办事服务', 'Services']}>
      <View className='panel'>
        <View className='row'>
          <Text>{t('状态：', 'State:')}</Text>
          <Chips
            group={t('状态', 'State')}
            options={STATES.map((s) => [s, stateName(s)] as [ServiceState, string])}
            selected={(v) => v === state}
            onToggle={(v) => setState(state === v ? null : v)}
          />
        </View>
        <View className='row'>
          <Text>{t('部门：', 'Department:')}</Text>
          <Chips
            group={t('部门', 'Department')}
            options={departments.map((d) => [d, d] as [string, string])}
            selected={(v) => v === department}
            onToggle={(v) => setDepartment(department === v ? null : v)}
          />
        </View>
        <View className='row'>
          <Input
            className='input services-search'
            value={words}
            placeholder={t('按名称或编号查找', 'Find by title or id')}
            aria-label={t('按名称或编号查找', 'Find by title or id')}
            onInput={(e) => setWords(e.detail.value.trim())}
          />
          <Btn label={t('新建服务', 'New service')} onClick={() => open()} />
        </View>
      </View>
      {error ? (
        <View className='message message--error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='panel'>
        {services === null && !error ? <Text>{t('正在加载…', 'Loading…')}</Text> : null}
        {services && shown.length === 0 ? <Text>{t('没有符合条件的服务', 'No services match')}</Text> : null}
        {shown.map((s) => (
          <View key={s.id} className='row console-service' role='link' onClick={() => open(s.id)}>
            <Text style={{ minWidth: '200PX', fontWeight: 600 }}>{s.title}</Text>
            <Text style={{ minWidth: '220PX', color: '#4a5361' }}>{s.id}</Text>
            <Text className={`state state--${s.state}`}>{stateName(s.state)}</Text>
            <Text style={{ color: '#4a5361' }}>
              {s.liveVersion ? `v${s.liveVersion}` : ''} {s.departments.join(' ')}
            </Text>
          </View>
        ))}
      </View>
    </ConsoleShell>
  );
}
