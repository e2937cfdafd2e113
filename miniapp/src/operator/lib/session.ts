import Taro from '@tarojs/taro';
import type { OperatorSignInMutation, TypedDocumentString } from '@citizen/shared';
import { failure, graphql, type ApiResult } from '../../api/client';
import { t } from '../../preferences';

/** The console's own session, apart from any citizen's: a token from operatorSignIn. */
const KEY = 'operator.session';
type Session = OperatorSignInMutation['operatorSignIn'];

export function operatorSession(): Session | null {
  try {
    return (Taro.getStorageSync(KEY) as Session) || null;
  } catch {
    return null;
  }
}

export function saveOperatorSession(session: Session | null): void {
  if (session) Taro.setStorageSync(KEY, session);
  else Taro.removeStorageSync(KEY);
}

/** Runs a console operation as the signed-in operator; without a session, back to sign-in. */
export async function asOperator<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<ApiResult<TResult>> {
  const session = operatorSession();
  if (!session) {
    void Taro.redirectTo({ url: '/operator/pages/login/index' });
    return failure('UNAUTHENTICATED');
  }
  const result = await graphql(document, variables, { accessToken: session.token });
  if (result.errors[0]?.code === 'UNAUTHENTICATED') {
    saveOperatorSession(null);
    void Taro.redirectTo({ url: '/operator/pages/login/index' });
  }
  return result;
}

export const ROLE_NAMES = { CLERK: '窗口核验员', EDITOR: '编辑', PUBLISHER: '发布员', ADMIN: '管理员' } as const;
export const STATE_NAMES = {
  DRAFT: '草稿',
  PUBLISHED: '已发布',
  SCHEDULED: '待上线',
  EXPIRED: '已过期',
  UNPUBLISHED: '已下线',
} as const;
const ROLE_NAMES_EN: Record<keyof typeof ROLE_NAMES, string> = {
  CLERK: 'Counter clerk',
  EDITOR: 'Editor',
  PUBLISHER: 'Publisher',
  ADMIN: 'Administrator',
};
const STATE_NAMES_EN: Record<keyof typeof STATE_NAMES, string> = {
  DRAFT: 'Draft',
  PUBLISHED: 'Published',
  SCHEDULED: 'Scheduled',
  EXPIRED: 'Expired',
  UNPUBLISHED: 'Unpublished',
};

/** A role and a tile state in the current language. */
export const roleName = (role: keyof typeof ROLE_NAMES): string => t(ROLE_NAMES[role], ROLE_NAMES_EN[role]);
export const stateName = (state: keyof typeof STATE_NAMES): string => t(STATE_NAMES[state], STATE_NAMES_EN[state]);
