import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { CreateOperatorDocument, type OperatorRole } from '@citizen/shared';
import { asOperator, ROLE_NAMES, roleName } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { useT } from '../../../preferences';

/** Admins add operators; the BFF refuses anyone else. */
export default function OperatorsPage() {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<OperatorRole>('EDITOR');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function create() {
    const result = await asOperator(CreateOperatorDocument, { username: username.trim(), password, role });
    setMessage(
      result.data
        ? {
            kind: 'ok',
            text: t(
              `已创建 ${result.data.createOperator.username}（${roleName(result.data.createOperator.role)}）`,
              `Created ${result.data.createOperator.username} (${roleName(result.data.createOperator.role)})`,
            ),
          }
        : { kind: 'error', text: result.errors[0].message },
    );
  }

  return (
    <ConsoleShell title={['操作员', 'Operators']}>
      {message ? <Text className={`message message--${message.kind}`}>{message.text}</Text> : null}
      <View className='panel' style={{ maxWidth: '480PX' }}>
        <Text className='label'>{t('用户名', 'Username')}</Text>
        <Input
          className='input'
          value={username}
          onInput={(e) => setUsername(e.detail.value)}
          aria-label={t('新操作员用户名', 'New operator’s username')}
        />
        <Text className='label'>
          {t('初始密码（至少12位，含字母和数字）', 'First password (at least 12 characters, letters and digits)')}
        </Text>
        <Input
          className='input'
          password
          value={password}
          onInput={(e) => setPassword(e.detail.value)}
          aria-label={t('新操作员密码', 'New operator’s password')}
        />
        <Text className='label'>{t('角色', 'Role')}</Text>
        <View className='row' role='radiogroup' aria-label={t('角色', 'Role')}>
          {(Object.keys(ROLE_NAMES) as OperatorRole[]).map((r) => (
            <View
              key={r}
              className={`chip${role === r ? ' chip--on' : ''}`}
              role='radio'
              aria-checked={role === r}
              aria-label={roleName(r)}
              onClick={() => setRole(r)}
            >
              <Text>
                {role === r ? '✓ ' : ''}
                {roleName(r)}
              </Text>
            </View>
          ))}
        </View>
        <View
          className='btn'
          role='button'
          aria-label={t('创建操作员', 'Create operator')}
          onClick={() => void create()}
        >
          <Text>{t('创建', 'Create')}</Text>
        </View>
      </View>
    </ConsoleShell>
  );
}
