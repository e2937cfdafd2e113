import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { VerifyLicenceCodeMutation } from '@citizen/shared';
import { calls } from '../../../../test/stand-ins/taro';
import { adapter, scannedCodes } from '../../../../test/stand-ins/platform';
import { bff, gqlError, resetStandIns } from '../../applications/__tests__/harness';
import { setPreferences } from '../../../preferences';
import VerifyPage from '../../../operator/pages/verify/index';

type Check = VerifyLicenceCodeMutation['verifyLicenceCode'];
const CHECK: Check = {
  kind: 'ID_CARD',
  title: '居民身份证',
  holderName: '张三',
  maskedIdNumber: '4****************2',
  number: '4****************2',
  issuer: '深圳市公安局福田分局',
  validUntil: '2036-01-01',
  expired: false,
  checkedAt: '2026-11-21T02:00:00Z',
};

function clerkSignedIn(): void {
  Taro.setStorageSync('operator.session', {
    token: 'op-token',
    expiresAt: '2026-11-21T10:00:00Z',
    operator: { id: 'op-1', username: 'clerk1', role: 'CLERK' },
  });
}

function paste(container: HTMLElement, code: string): void {
  fireEvent.change(container.querySelector('.verify__input') as HTMLElement, { target: { value: code } });
  fireEvent.click(container.querySelector('.verify__submit') as HTMLElement);
}

/** The result panel, once it is there. */
function result$(container: HTMLElement): Promise<HTMLElement> {
  return waitFor(() => {
    const found = container.querySelector('.verify__result');
    if (!found) throw new Error('no result yet');
    return found as HTMLElement;
  });
}

const scanCode = adapter.scanCode;
beforeEach(() => {
  resetStandIns();
  scannedCodes.length = 0;
  clerkSignedIn();
});
afterEach(() => {
  adapter.scanCode = scanCode;
  setPreferences({ locale: 'zh', elder: false });
});

describe('licence code check (console)', () => {
  it('shows a genuine code large and clear, as the signed-in operator, and clears the field', async () => {
    const sent = bff({ VerifyLicenceCode: () => ({ data: { verifyLicenceCode: CHECK } }) });
    const { container } = render(<VerifyPage />);
    paste(container, '  eyJsIjoi.c2lnbmF0dXJl  ');
    const result = await result$(container);
    expect(result.className).toContain('verify__result--genuine');
    expect(result.textContent).toContain('✓ 核验通过：证照真实有效');
    for (const text of [
      '居民身份证',
      '张三',
      '4****************2',
      '深圳市公安局福田分局',
      '2036-01-01',
      '2026-11-21 10:00',
    ])
      expect(result.textContent).toContain(text);
    expect(sent).toEqual([
      {
        operation: 'VerifyLicenceCode',
        variables: { token: 'eyJsIjoi.c2lnbmF0dXJl' },
        authorization: 'Bearer op-token',
      },
    ]);
    expect((container.querySelector('.verify__input') as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: '核验下一个' }));
    expect(container.querySelector('.verify__result')).toBeNull();
  });

  it('marks an expired licence in red and in words', async () => {
    bff({
      VerifyLicenceCode: () => ({
        data: {
          verifyLicenceCode: {
            ...CHECK,
            kind: 'DRIVING_LICENCE',
            title: '机动车驾驶证',
            validUntil: '2020-05-01',
            expired: true,
          },
        },
      }),
    });
    const { container } = render(<VerifyPage />);
    paste(container, 'code');
    const result = await result$(container);
    expect(result.className).toContain('verify__result--expired');
    expect(result.textContent).toContain('亮证码真实，但证照已过期');
    expect(screen.getByText('2020-05-01（已过期）').parentElement!.className).toContain('verify__field--alarm');
  });

  it.each([
    ['LICENCE_CODE_INVALID', '✕ 无效：不是本系统签发的亮证码', '亮证码无效，可能被篡改或不是本系统生成'],
    ['LICENCE_CODE_EXPIRED', '✕ 已过期：亮证码超过 60 秒有效期', '亮证码已过期，请让对方刷新后重新出示'],
    ['LICENCE_CODE_USED', '✕ 已使用：此亮证码已核验过一次', '亮证码已被核验过一次，请让对方刷新后重新出示'],
  ])('says %s in words', async (code, headline, message) => {
    bff({ VerifyLicenceCode: () => gqlError(code, { field: 'token' }) });
    const { container } = render(<VerifyPage />);
    paste(container, 'code');
    const result = await result$(container);
    expect(result.className).toContain('verify__result--refused');
    expect(result.getAttribute('role')).toBe('alert');
    expect(result.textContent).toContain(headline);
    expect(result.textContent).toContain(message);
  });

  it('asks for a code when the field is empty, without asking the BFF', async () => {
    const sent = bff({});
    const { container } = render(<VerifyPage />);
    paste(container, '   ');
    expect(await screen.findByText('请先扫码，或粘贴亮证码内容。')).toBeTruthy();
    expect(sent).toHaveLength(0);
  });

  it('scans with the camera where the platform has one, and checks what it read', async () => {
    const sent = bff({ VerifyLicenceCode: () => ({ data: { verifyLicenceCode: CHECK } }) });
    scannedCodes.push('scanned-code');
    const { container } = render(<VerifyPage />);
    fireEvent.click(screen.getByRole('button', { name: '扫码核验' }));
    await waitFor(() => expect(container.querySelector('.verify__result--genuine')).toBeTruthy());
    expect(sent.map((s) => s.variables)).toEqual([{ token: 'scanned-code' }]);
  });

  it('offers only the field in a browser, which has no scanner', () => {
    adapter.scanCode = null;
    bff({});
    render(<VerifyPage />);
    expect(screen.queryByRole('button', { name: '扫码核验' })).toBeNull();
    expect(screen.getByText('浏览器中无法调用摄像头扫码：请用扫码枪扫描，或将亮证码内容粘贴到下方。')).toBeTruthy();
  });

  it('sends an operator who is not signed in to sign in', () => {
    Taro.removeStorageSync('operator.session');
    bff({});
    render(<VerifyPage />);
    expect(calls.redirectTo).toEqual(['/operator/pages/login/index']);
  });

  it('speaks English', async () => {
    setPreferences({ locale: 'en' });
    bff({ VerifyLicenceCode: () => ({ data: { verifyLicenceCode: CHECK } }) });
    const { container } = render(<VerifyPage />);
    paste(container, 'code');
    const result = await result$(container);
    expect(result.textContent).toContain('Genuine: the licence is valid');
    expect(result.textContent).toContain('Resident ID card');
    expect(result.textContent).toContain('1 Jan 2036');
  });
});
