import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AuditLogDocument, type AuditLogQuery } from '@citizen/shared';
import { asOperator } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { useT } from '../../../preferences';

/** Who did what, when, before and after. Read only. */
export default function AuditPage() {
  const t = useT();
  const [entries, setEntries] = useState<AuditLogQuery['auditLog'] | null>(null);
  useEffect(() => {
    void asOperator(AuditLogDocument, { subject: null }).then((r) => setEntries(r.data?.auditLog ?? []));
  }, []);
  return (
    <ConsoleShell title={['操作日志', 'Audit log']}>
      <View className='panel'>
        {entries === null ? <Text>{t('正在加载…', 'Loading…')}</Text> : null}
        {(entries ?? []).map((e) => (
          <View key={e.id} className='row audit-entry'>
            <Text style={{ minWidth: '150PX' }}>{e.at.slice(0, 19).replace('T', ' ')}</Text>
            <Text style={{ minWidth: '100PX' }}>{e.actor}</Text>
            <Text style={{ minWidth: '120PX' }}>{e.action}</Text>
            <Text style={{ minWidth: '160PX' }}>{e.subject}</Text>
            <Text style={{ color: '#5b6472', wordBreak: 'break-all' }}>{e.detail.slice(0, 160)}</Text>
          </View>
        ))}
      </View>
    </ConsoleShell>
  );
}
