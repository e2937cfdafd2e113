import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { CreateOperatorDocument, type OperatorRole } from '@citizen/shared';
import { asOperator, ROLE_NAMES } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';

/** Admins add operators; the BFF refuses anyone else. */
export default function OperatorsPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<OperatorRole>('EDITOR');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function create() {
    const result = await asOperator(CreateOperatorDocument, { username: username.trim(), password, role });
    setMessage(result.data ? { kind: 'ok', text: `已创建 ${result.data.createOperator.username}（${ROLE_NAMES[result.data.createOperator.role]}）` } : { kind: 'error', text: result.errors[0].message });
  }

  return (
    <ConsoleShell title='操作员'>
      {message ? <Text className={`message message--${message.kind}`}>{message.text}</Text> : null}
      <View className='panel' style={{ maxWidth: '480PX' }}>
        <Text className='label'>用户名</Text>
        <Input className='input' value={username} onInput={(e) => setUsername(e.detail.value)} aria-label='新操作员用户名' />
        <Text className='label'>初始密码（至少12位，含字母和数字）</Text>
        <Input className='input' password value={password} onInput={(e) => setPassword(e.detail.value)} aria-label='新操作员密码' />
        <Text className='label'>角色</Text>
        <View className='row'>
          {(Object.keys(ROLE_NAMES) as OperatorRole[]).map((r) => (
            <View key={r} className={`chip${role === r ? ' chip--on' : ''}`} role='button' aria-label={ROLE_NAMES[r]} onClick={() => setRole(r)}>
              <Text>{ROLE_NAMES[r]}</Text>
            </View>
          ))}
        </View>
        <View className='btn' role='button' aria-label='创建操作员' onClick={() => void create()}><Text>创建</Text></View>
      </View>
    </ConsoleShell>
  );
}
