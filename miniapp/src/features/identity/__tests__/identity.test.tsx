import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { POLICY_VERSIONS, type MeFieldsFragment } from '@citizen/shared';
import Taro from '@tarojs/taro';
import { calls, modalAnswers, routerParams, setRequestHandler } from '../../../../test/stand-ins/taro';
import RealNamePage from '../../../pages/realname/index';
import MePage from '../../../pages/me/index';
import LinkProofPage from '../../../pages/link-proof/index';
import { stepUpUrl } from '../levels';

const ME: MeFieldsFragment = {
  accountId: 'a1',
  platform: 'H5',
  level: 1,
  maskedPhone: null,
  faceVerifiedAt: null,
  realName: null,
  linkedPlatforms: [],
  pendingLink: null,
};
const SESSION = {
  accessToken: 'access',
  accessTokenExpiresAt: '2026-11-21T00:10:00Z',
  refreshToken: 'refresh',
  me: ME,
};

/** A stand-in BFF: answers by operation name, records what it was sent. */
function bff(answers: Record<string, (variables: any) => unknown>) {
  const sent: Array<{ operation: string; variables: any; authorization?: string }> = [];
  setRequestHandler(async ({ data, header }) => {
    const { query, variables } = data as { query: string; variables: any };
    const operation = /(?:query|mutation) (\w+)/.exec(query)![1];
    sent.push({ operation, variables, authorization: header?.authorization });
    const answer = answers[operation];
    if (!answer) throw new Error(`unexpected ${operation}`);
    return { statusCode: 200, data: answer(variables) };
  });
  return sent;
}

beforeEach(() => {
  Taro.clearStorageSync();
  for (const key of Object.keys(calls) as Array<keyof typeof calls>) calls[key].length = 0;
  for (const key of Object.keys(routerParams)) delete routerParams[key];
});

describe('stepUpUrl', () => {
  it('sends a citizen below level 2 to real-name, at level 2 to face, and nowhere once there', () => {
    const back = '/pages/service/index?id=x';
    expect(stepUpUrl(2, null, back)).toBe(`/pages/realname/index?required=2&returnTo=${encodeURIComponent(back)}`);
    expect(stepUpUrl(3, { ...ME, level: 1 }, back)).toBe(
      `/pages/realname/index?required=3&returnTo=${encodeURIComponent(back)}`,
    );
    expect(stepUpUrl(3, { ...ME, level: 2 }, back)).toBe(`/pages/face/index?returnTo=${encodeURIComponent(back)}`);
    expect(stepUpUrl(2, { ...ME, level: 3 }, back)).toBeNull();
  });
});

describe('real-name page', () => {
  const typeId = (digits: string) => {
    fireEvent.click(screen.getByRole('button', { name: '身份证号，点击输入' }));
    for (const key of digits) fireEvent.click(screen.getByRole('button', { name: key }));
  };

  it('checks the ID number as it is typed on the ID keyboard, before anything is sent', async () => {
    const sent = bff({});
    render(<RealNamePage />);
    typeId('110105194912310021');
    expect(screen.getByText('身份证号校验位不正确，请核对后重新输入')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    fireEvent.click(screen.getByRole('button', { name: 'X' }));
    expect(screen.queryByText('身份证号校验位不正确，请核对后重新输入')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '提交认证' }));
    expect(await screen.findByText('请输入身份证上的姓名（2至30个字）')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('signs in silently, submits, and shows the register’s answer with the tries left', async () => {
    const sent = bff({
      Login: () => ({ data: { login: SESSION } }),
      AcceptPolicies: () => ({
        data: {
          acceptPolicies: {
            privacyVersion: POLICY_VERSIONS.PRIVACY,
            termsVersion: POLICY_VERSIONS.TERMS,
            accepted: true,
          },
        },
      }),
      VerifyRealName: () => ({
        data: null,
        errors: [{ message: 'x', extensions: { code: 'REALNAME_MISMATCH', failuresLeft: 3 } }],
      }),
    });
    render(<RealNamePage />);
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
    typeId('11010519491231002X');
    // Without the privacy policy and the user agreement agreed to, nothing is sent.
    fireEvent.click(screen.getByRole('button', { name: '提交认证' }));
    expect(await screen.findByText('请先阅读并同意隐私政策和用户协议')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByRole('checkbox', { name: /我已阅读并同意隐私政策和用户协议/ }));
    fireEvent.click(screen.getByRole('button', { name: '提交认证' }));
    expect(await screen.findByText('姓名与身份证号不匹配，请核对后重试（今日还可尝试 3 次）')).toBeTruthy();
    // Consent is recorded, with the versions in force, before the ID number is sent.
    expect(sent.map((s) => s.operation)).toEqual(['Login', 'AcceptPolicies', 'VerifyRealName']);
    expect(sent[1]).toMatchObject({
      variables: { privacyVersion: POLICY_VERSIONS.PRIVACY, termsVersion: POLICY_VERSIONS.TERMS },
    });
    expect(sent[2]).toMatchObject({
      variables: { name: '张三', idNumber: '11010519491231002X' },
      authorization: 'Bearer access',
    });
  });

  it('goes back where the citizen came from once verified', async () => {
    routerParams.required = '2';
    routerParams.returnTo = encodeURIComponent('/pages/service/index?id=pf-balance');
    bff({
      Login: () => ({ data: { login: SESSION } }),
      AcceptPolicies: () => ({
        data: {
          acceptPolicies: {
            privacyVersion: POLICY_VERSIONS.PRIVACY,
            termsVersion: POLICY_VERSIONS.TERMS,
            accepted: true,
          },
        },
      }),
      VerifyRealName: () => ({
        data: {
          verifyRealName: {
            ...ME,
            level: 2,
            realName: { maskedName: '张*', maskedIdNumber: '1***************2X', verifiedAt: 'now' },
          },
        },
      }),
    });
    render(<RealNamePage />);
    fireEvent.click(screen.getByRole('checkbox', { name: /我已阅读并同意隐私政策和用户协议/ }));
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
    typeId('11010519491231002X');
    fireEvent.click(screen.getByRole('button', { name: '提交认证' }));
    await waitFor(() => expect(calls.redirectTo).toEqual(['/pages/service/index?id=pf-balance']));
  });
});

describe('me page', () => {
  it('refreshes an expired access token once and shows the masked identity and linked platforms', async () => {
    let meCalls = 0;
    const sent = bff({
      Login: () => ({ data: { login: SESSION } }),
      Me: () =>
        ++meCalls === 1
          ? { data: null, errors: [{ message: 'x', extensions: { code: 'TOKEN_EXPIRED' } }] }
          : {
              data: {
                me: {
                  ...ME,
                  level: 3,
                  maskedPhone: '138****5678',
                  realName: { maskedName: '张*', maskedIdNumber: '1***************2X', verifiedAt: 'now' },
                  linkedPlatforms: [
                    { accountId: 'a0', platform: 'WECHAT', linkedAt: '2026-11-01T00:00:00Z', current: false },
                    { accountId: 'a1', platform: 'H5', linkedAt: '2026-11-20T00:00:00Z', current: true },
                  ],
                },
              },
            },
      RefreshSession: ({ refreshToken }) => ({
        data: { refreshSession: { ...SESSION, accessToken: 'access-2', refreshToken: `${refreshToken}-2` } },
      }),
    });
    render(<MePage />);
    expect(await screen.findByText('张*')).toBeTruthy();
    expect(await screen.findByText('L3 已实名 + 人脸认证')).toBeTruthy();
    expect(screen.getByText('身份证号 1***************2X')).toBeTruthy();
    expect(screen.getByText('手机号 138****5678')).toBeTruthy();
    expect(screen.getByText('微信')).toBeTruthy();
    expect(screen.getByText('网页（当前）')).toBeTruthy();
    expect(sent.map((s) => s.operation)).toEqual(['Login', 'Me', 'RefreshSession', 'Me', 'Dashboard']);
    expect(sent[3].authorization).toBe('Bearer access-2');
  });
});

describe('joining an identity someone already uses', () => {
  const PENDING = {
    ...ME,
    pendingLink: { ways: ['FACE', 'PHONE_CODE'] as Array<'FACE' | 'PHONE_CODE'>, maskedPhone: '138****5678' },
  };

  it('sends the real-name page on to the proof of possession instead of showing an error', async () => {
    routerParams.required = '2';
    routerParams.returnTo = encodeURIComponent('/pages/service/index?id=pf-balance');
    bff({
      Login: () => ({ data: { login: SESSION } }),
      AcceptPolicies: () => ({
        data: {
          acceptPolicies: {
            privacyVersion: POLICY_VERSIONS.PRIVACY,
            termsVersion: POLICY_VERSIONS.TERMS,
            accepted: true,
          },
        },
      }),
      VerifyRealName: () => ({
        data: null,
        errors: [
          {
            message: 'x',
            extensions: {
              code: 'REALNAME_LINK_PROOF_REQUIRED',
              ways: ['FACE', 'PHONE_CODE'],
              maskedPhone: '138****5678',
            },
          },
        ],
      }),
    });
    render(<RealNamePage />);
    fireEvent.click(screen.getByRole('checkbox', { name: /我已阅读并同意隐私政策和用户协议/ }));
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
    fireEvent.click(screen.getByRole('button', { name: '身份证号，点击输入' }));
    for (const key of '11010519491231002X') fireEvent.click(screen.getByRole('button', { name: key }));
    fireEvent.click(screen.getByRole('button', { name: '提交认证' }));
    await waitFor(() =>
      expect(calls.redirectTo).toEqual([
        `/pages/link-proof/index?required=2&returnTo=${encodeURIComponent('/pages/service/index?id=pf-balance')}`,
      ]),
    );
  });

  it('offers face or a code to the bound phone, and goes on once the code proves it', async () => {
    routerParams.required = '2';
    const sent = bff({
      Login: () => ({ data: { login: SESSION } }),
      Me: () => ({ data: { me: PENDING } }),
      SendLinkCode: () => ({
        data: { sendLinkCode: { maskedPhone: '138****5678', expiresInSeconds: 300, resendAfterSeconds: 60 } },
      }),
      ProveLinkWithCode: ({ code }) =>
        code === '123456'
          ? {
              data: {
                proveLinkWithCode: {
                  ...ME,
                  level: 2,
                  realName: { maskedName: '张*', maskedIdNumber: '1***************2X', verifiedAt: 'now' },
                },
              },
            }
          : {
              data: null,
              errors: [{ message: 'x', extensions: { code: 'PHONE_CODE_WRONG', field: 'code', triesLeft: 4 } }],
            },
    });
    render(<LinkProofPage />);
    expect(await screen.findByText('方式二：发送验证码到已绑定手机 138****5678')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '用人脸识别确认' }));
    expect(calls.navigateTo.at(-1)).toBe(
      `/pages/face/index?returnTo=${encodeURIComponent('/pages/link-proof/index?required=2')}`,
    );
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(await screen.findByText('验证码已发送至 138****5678，5分钟内有效')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('验证码'), { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect(await screen.findByText('验证码不正确，请重新输入（还可输入 4 次）')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('验证码'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    await waitFor(() => expect(calls.switchTab).toEqual(['/pages/me/index']));
    expect(sent.map((s) => s.operation)).toEqual([
      'Login',
      'Me',
      'SendLinkCode',
      'ProveLinkWithCode',
      'ProveLinkWithCode',
    ]);
  });
});

describe('unlinking a platform', () => {
  it('asks for a fresh face pass when the server says FACE_STALE, then unlinks', async () => {
    let fresh = false;
    const linked = {
      ...ME,
      level: 3,
      realName: { maskedName: '张*', maskedIdNumber: '1***************2X', verifiedAt: 'now' },
      linkedPlatforms: [
        { accountId: 'a0', platform: 'ALIPAY' as const, linkedAt: '2026-11-01T00:00:00Z', current: false },
        { accountId: 'a1', platform: 'H5' as const, linkedAt: '2026-11-20T00:00:00Z', current: true },
      ],
    };
    const sent = bff({
      Login: () => ({ data: { login: SESSION } }),
      Me: () => ({ data: { me: linked } }),
      UnlinkPlatform: ({ accountId }) =>
        fresh
          ? {
              data: {
                unlinkPlatform: {
                  ...linked,
                  linkedPlatforms: linked.linkedPlatforms.filter((p) => p.accountId !== accountId),
                },
              },
            }
          : {
              data: null,
              errors: [{ message: 'x', extensions: { code: 'FACE_STALE', requiredLevel: 3, freshMinutes: 15 } }],
            },
    });
    // Confirm the unlink, then accept the offer of a fresh face pass; later confirm the unlink again.
    modalAnswers.push(true, true, true);
    render(<MePage />);
    fireEvent.click(await screen.findByRole('button', { name: '解除关联' }));
    // Confirm, then the server asks for a fresh face: the app offers it and comes back to Me.
    await waitFor(() => expect(calls.modals).toEqual(['解除关联', '需要重新人脸识别']));
    await waitFor(() =>
      expect(calls.navigateTo).toContain(`/pages/face/index?returnTo=${encodeURIComponent('/pages/me/index')}`),
    );
    fresh = true;
    fireEvent.click(screen.getByRole('button', { name: '解除关联' }));
    await waitFor(() => expect(screen.queryByText('支付宝')).toBeNull());
    expect(sent.filter((s) => s.operation === 'UnlinkPlatform').map((s) => s.variables)).toEqual([
      { accountId: 'a0' },
      { accountId: 'a0' },
    ]);
  });
});
