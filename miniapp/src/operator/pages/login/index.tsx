import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { OperatorSignInDocument } from '@citizen/shared';
import { graphql } from '../../../api/client';
import { saveOperatorSession } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';
import { useT } from '../../../preferences';

/** Staff sign in to the console with a username and password (not the citizen's platform login). */
export default function OperatorLogin() {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn() {
    setBusy(true);
    const result = await graphql(OperatorSignInDocument, { username: username.trim(), password });
    setBusy(false);
    if (!result.data) return setError(result.errors[0].message);
    saveOperatorSession(result.data.operatorSignIn);
    // A counter clerk may only check licence codes: straight to that page.
    void Taro.redirectTo({
      url:
        result.data.operatorSignIn.operator.role === 'CLERK'
          ? '/operator/pages/verify/index'
          : '/operator/pages/tiles/index',
    });
  }

  return (
    <ConsoleShell title={['登录', 'Sign in']}>
      <View className='panel' style={{ maxWidth: '420PX' }}>
        {error ? (
          <View className='message message--error' role='alert'>
            <Text>{error}</Text>
          </View>
        ) : null}
        <Text className='label'>{t('用户名', 'Username')}</Text>
        <Input
          className='input op-username'
          value={username}
          onInput={(e) => setUsername(e.detail.value)}
          aria-label={t('用户名', 'Username')}
        />
        <Text className='label'>{t('密码', 'Password')}</Text>
        <Input
          className='input op-password'
          password
          value={password}
          onInput={(e) => setPassword(e.detail.value)}
          onConfirm={() => void signIn()}
          aria-label={t('密码', 'Password')}
        />
        <View style={{ marginTop: '16PX' }}>
          <View
            className='btn'
            role='button'
            aria-label={t('登录后台', 'Sign in to the console')}
            onClick={() => !busy && void signIn()}
          >
            <Text>{busy ? t('登录中…', 'Signing in…') : t('登录', 'Sign in')}</Text>
          </View>
        </View>
      </View>
    </ConsoleShell>
  );
}
