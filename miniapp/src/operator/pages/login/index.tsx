import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { OperatorSignInDocument } from '@citizen/shared';
import { graphql } from '../../../api/client';
import { saveOperatorSession } from '../../lib/session';
import { ConsoleShell } from '../../lib/ConsoleShell';

export default function OperatorLogin() {
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
    void Taro.redirectTo({ url: '/operator/pages/tiles/index' });
  }

  return (
    <ConsoleShell title='登录'>
      <View className='panel' style={{ maxWidth: '420PX' }}>
        {error ? <View className='message message--error' role='alert'><Text>{error}</Text></View> : null}
        <Text className='label'>用户名</Text>
        <Input className='input op-username' value={username} onInput={(e) => setUsername(e.detail.value)} aria-label='用户名' />
        <Text className='label'>密码</Text>
        <Input className='input op-password' password value={password} onInput={(e) => setPassword(e.detail.value)} onConfirm={() => void signIn()} aria-label='密码' />
        <View style={{ marginTop: '16PX' }}>
          <View className='btn' role='button' aria-label='登录后台' onClick={() => !busy && void signIn()}>
            <Text>{busy ? '登录中…' : '登录'}</Text>
          </View>
        </View>
      </View>
    </ConsoleShell>
  );
}
