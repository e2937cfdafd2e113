import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AgencyStatusDocument, type AgencyStatusQuery } from '@citizen/shared';
import { asOperator } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';

const BREAKER = { CLOSED: '正常', OPEN: '熔断中', HALF_OPEN: '探测恢复中' } as const;

/** Each agency's reachability and breaker, refreshed every 10 seconds. */
export default function AgenciesPage() {
  const [agencies, setAgencies] = useState<AgencyStatusQuery['agencyStatus'] | null>(null);
  useEffect(() => {
    const load = () => void asOperator(AgencyStatusDocument, {}).then((r) => r.data && setAgencies(r.data.agencyStatus));
    load();
    const timer = setInterval(load, 10_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <ConsoleShell title='部门系统状态'>
      <View className='panel'>
        {agencies === null ? <Text>正在加载…</Text> : null}
        {(agencies ?? []).map((a) => (
          <View key={a.name} className='row agency-row'>
            <Text style={{ minWidth: '240PX' }}>{a.title}</Text>
            <Text className={`state state--${a.reachable ? 'PUBLISHED' : 'UNPUBLISHED'}`}>{a.reachable ? `可访问 ${a.latencyMs ?? ''}ms` : '不可访问'}</Text>
            <Text>{BREAKER[a.breaker]}</Text>
            <Text style={{ color: '#5b6472' }}>调用 {a.calls} · 失败 {a.failures}</Text>
          </View>
        ))}
      </View>
    </ConsoleShell>
  );
}
