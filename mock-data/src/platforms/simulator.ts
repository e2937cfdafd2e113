import { createHash, randomBytes } from 'node:crypto';
import type { World } from '../data/generate';

/**
 * What WeChat, Alipay and Baidu have in common behind their different API shapes:
 * single-use login codes that expire, face verification sessions whose result only
 * the server may ask for, and template messages. Each platform file maps its own
 * wire format onto this.
 */
export type FaceOutcome = 'pending' | 'pass' | 'fail' | 'cancel';

interface LoginCode {
  user: string;
  issuedAt: number;
  used: boolean;
}
interface FaceSession {
  id: string;
  name: string;
  idNumber: string;
  outcome: FaceOutcome;
  score: number | null;
  createdAt: number;
}
export interface PlatformMessage {
  to: string;
  templateId: string;
  data: unknown;
  sentAt: string;
}

export type CodeProblem = 'INVALID' | 'USED' | 'EXPIRED';

export class PlatformSimulator {
  private readonly codes = new Map<string, LoginCode>();
  private readonly faces = new Map<string, FaceSession>();
  readonly messages: PlatformMessage[] = [];

  constructor(
    readonly platform: 'wechat' | 'alipay' | 'baidu',
    private readonly world: World,
    private readonly codeTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The stand-in for wx.login / my.getAuthCode / swan.getLoginCode. `user` names a simulated platform user. */
  issueCode(user?: string, options: { expired?: boolean } = {}): string {
    const code = randomBytes(16).toString('hex');
    // An expired code (for tests) is one issued a moment longer ago than it lives.
    const issuedAt = options.expired ? this.now() - this.codeTtlMs - 1 : this.now();
    this.codes.set(code, { user: user || randomBytes(8).toString('hex'), issuedAt, used: false });
    return code;
  }

  /** Stable per-platform user id (openid / user_id), as the platform derives it. */
  userId(user: string): string {
    return createHash('sha256').update(`${this.platform}:${user}`).digest('base64url').slice(0, 28);
  }

  /** The cross-app id (WeChat's unionid): the same user, a different derivation. */
  unionId(user: string): string {
    return createHash('sha256').update(`union:${user}`).digest('base64url').slice(0, 28);
  }

  redeemCode(code: string): { ok: true; user: string } | { ok: false; problem: CodeProblem } {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, problem: 'INVALID' };
    if (entry.used) return { ok: false, problem: 'USED' };
    if (this.now() - entry.issuedAt > this.codeTtlMs) return { ok: false, problem: 'EXPIRED' };
    entry.used = true;
    return { ok: true, user: entry.user };
  }

  startFace(name: string, idNumber: string): FaceSession {
    const session: FaceSession = {
      id: randomBytes(12).toString('hex'),
      name,
      idNumber,
      outcome: 'pending',
      score: null,
      createdAt: this.now(),
    };
    this.faces.set(session.id, session);
    return session;
  }

  /**
   * What the person's face scan produced (driven by the H5 simulator page or a test).
   * A pass for a name that does not belong to the ID number in the population register
   * becomes a fail, as the police photo would not match.
   */
  completeFace(id: string, outcome: Exclude<FaceOutcome, 'pending'>): FaceSession | null {
    const session = this.faces.get(id);
    if (!session || session.outcome !== 'pending') return null;
    const person = this.world.personById.get(session.idNumber);
    const genuine = person !== undefined && person.name === session.name;
    session.outcome = outcome === 'pass' && !genuine ? 'fail' : outcome;
    session.score = session.outcome === 'pass' ? 92 : session.outcome === 'fail' ? 31 : null;
    return session;
  }

  face(id: string): FaceSession | null {
    return this.faces.get(id) ?? null;
  }

  sendMessage(to: string, templateId: string, data: unknown): PlatformMessage {
    const message = { to, templateId, data, sentAt: new Date(this.now()).toISOString() };
    this.messages.push(message);
    return message;
  }
}
