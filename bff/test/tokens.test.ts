import { randomBytes } from 'node:crypto';
import { TokenIssuer } from '../src/modules/identity/tokens';

/**
 * Access tokens (modules/identity/tokens.ts). Verified tokens are kept per instance until
 * they expire, so a citizen's requests do not verify the same signature again and again:
 * the kept answer must end at the token's own expiry, and a token signed with another key
 * must never be taken for a kept one.
 */
describe('access tokens', () => {
  const claims = { accountId: 'acc-1', sessionId: 'ses-1' };

  it('answers a verified token again until its expiry, then EXPIRED, as a fresh check would', async () => {
    const issuer = new TokenIssuer(randomBytes(32), 2);
    // Signed so that it expires about a second from now (expiry is in whole seconds).
    const expiresAtS = Math.floor(Date.now() / 1000) + 1;
    const { token } = await issuer.issueAccess(claims, new Date((expiresAtS - 2) * 1000));
    expect(await issuer.verifyAccess(token)).toEqual({ ok: true, claims });
    expect(await issuer.verifyAccess(token)).toEqual({ ok: true, claims });
    await new Promise((resolve) => setTimeout(resolve, expiresAtS * 1000 - Date.now() + 20));
    expect(await issuer.verifyAccess(token)).toEqual({ ok: false, problem: 'EXPIRED' });
    expect(await new TokenIssuer(randomBytes(32), 2).verifyAccess(token)).toEqual({ ok: false, problem: 'INVALID' });
  });

  it('refuses a token changed by one character, and one signed with another secret, though a good one is kept', async () => {
    const secret = randomBytes(32);
    const issuer = new TokenIssuer(secret, 600);
    const { token } = await issuer.issueAccess(claims);
    expect((await issuer.verifyAccess(token)).ok).toBe(true);
    const [header, payload, signature] = token.split('.');
    const otherSub = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'acc-2' }),
    ).toString('base64url');
    expect(await issuer.verifyAccess(`${header}.${otherSub}.${signature}`)).toEqual({ ok: false, problem: 'INVALID' });
    const forged = (await new TokenIssuer(randomBytes(32), 600).issueAccess(claims)).token;
    expect(await issuer.verifyAccess(forged)).toEqual({ ok: false, problem: 'INVALID' });
    // Still the good one's answer after the failures.
    expect(await issuer.verifyAccess(token)).toEqual({ ok: true, claims });
  });
});
