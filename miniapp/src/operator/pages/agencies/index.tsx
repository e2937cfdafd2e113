import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AgencyStatusDocument, type AgencyStatusQuery } from '@citizen/shared';
import { asOperator } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { useT } from '../../../preferences';
import { pair } from '../../../preferences/format';

const BREAKER = {
  CLOSED: ['正常', 'Normal'],
  OPEN: ['熔断中', 'Circuit open'],
  HALF_OPEN: ['探测恢复中', 'Probing recovery'],
} as const;

/** Each agency's reachability and breaker, refreshed every 10 seconds. */
export default function AgenciesPage() {
  const t = useT();
  const [agencies, setAgencies] = useState<AgencyStatusQuery['agencyStatus'] | null>(null);
  useEffect(() => {
    const load = () =>
      void asOperator(AgencyStatusDocument, {}).then((r) => r.data && setAgencies(r.data.agencyStatus));
    load();
    const timer = setInterval(load, 10_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <ConsoleShell title={['部门系统状态', 'Department systems']}>
      <View className='panel'>
        {agencies === null ? <Text>{t('正在加载…', 'Loading…')}</Text> : null}
        {(agencies ?? []).map((a) => (
          <View key={a.name} className='row agency-row'>
            <Text style={{ minWidth: '240PX' }}>{a.title}</Text>
            <Text className={`state state--${a.reachable ? 'PUBLISHED' : 'UNPUBLISHED'}`}>
              {a.reachable
                ? t(`可访问 ${a.latencyMs ?? ''}ms`, `Reachable ${a.latencyMs ?? ''}ms`)
                : t('不可访问', 'Unreachable')}
            </Text>
            <Text>{pair(BREAKER[a.breaker])}</Text>
            <Text style={{ color: '#5b6472' }}>
              {t(`调用 ${a.calls} · 失败 ${a.failures}`, `Calls ${a.calls} · failures ${a.failures}`)}
            </Text>
          </View>
        ))}
      </View>
    </ConsoleShell>
  );
}
