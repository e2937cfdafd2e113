import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { maskAddress, maskIdNumber, maskName, maskPlate } from '@citizen/shared';
import { heldLicences, licenceTitle, maskLicenceNumber, type HeldLicence } from '../agency-records/licences';
import type { AgencyRecordLoaders } from '../agency-records/loaders';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { chinaCalendar } from '../../time/chinaTime';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { Messages } from '../messages/service';
import type { OperatorRow, OperatorService } from '../operators/service';
import { auditActor, writeAudit } from '../audit/writer';
import type { CitizenDirectory } from '../identity/citizens';

/** The words for each kind-specific field and how it is masked when not shown in full. */
const FIELD_LABELS: Record<string, { zh: string; en: string; mask?: (value: string) => string }> = {
  name: { zh: '姓名', en: 'Name', mask: maskName },
  sex: { zh: '性别', en: 'Sex' },
  ethnicity: { zh: '民族', en: 'Ethnicity' },
  birthDate: { zh: '出生日期', en: 'Date of birth', mask: (v) => `${v.slice(0, 4)}-**-**` },
  address: { zh: '住址', en: 'Address', mask: maskAddress },
  bank: { zh: '发卡银行', en: 'Bank' },
  businessName: { zh: '名称', en: 'Business name' },
  type: { zh: '类型', en: 'Type' },
  operator: { zh: '经营者', en: 'Operator', mask: maskName },
  plate: { zh: '号牌号码', en: 'Plate', mask: maskPlate },
  brand: { zh: '品牌型号', en: 'Make and model' },
  vehicleType: { zh: '车辆类型', en: 'Vehicle type' },
  color: { zh: '车身颜色', en: 'Colour' },
  drivingClass: { zh: '准驾车型', en: 'Class' },
};

/** A code lives this long; long enough to scan, short enough that a screenshot goes stale. */
export const CODE_TTL_S = 60;
/** Licences expiring within this many days draw a reminder in Messages. */
const EXPIRY_NOTICE_DAYS = 60;

interface CodePayload {
  /** licence id */
  l: string;
  /** citizen id */
  c: string;
  /** expiry, seconds since the epoch */
  e: number;
  /** nonce: a code checks once */
  n: string;
}

/**
 * The licence wallet: the citizen's electronic licences from the licence library
 * (one batch call per request), masked unless shown in full at level 3 (logged); a
 * 60-second code per licence, signed with our key, for a counter clerk to scan once.
 */
export class Wallet {
  private readonly codeKey: Buffer;

  constructor(
    private readonly deps: {
      db: Db;
      citizens: CitizenDirectory;
      identity: IdentityService;
      operators: OperatorService;
      messages: Messages;
      secret: Uint8Array;
      now: () => Date;
    },
  ) {
    // A key of its own, derived from the session secret: a licence code is never a session token.
    this.codeKey = createHmac('sha256', Buffer.from(deps.secret)).update('licence-code/v1').digest();
  }

  private async holder(account: AccountRow): Promise<{ citizenId: string; idNumber: string; name: string }> {
    this.deps.identity.requireLevel(account, 2);
    const person = await this.deps.citizens.person(account.citizen_id!);
    return { citizenId: person.id, idNumber: person.idNumber, name: person.name };
  }

  private view(licence: HeldLicence, holderName: string, full: boolean) {
    const title = licenceTitle(licence.kind);
    const today = chinaCalendar(this.deps.now()).day;
    return {
      id: licence.licenceId,
      kind: licence.kind,
      title: title.zh,
      titleEn: title.en,
      holderName: full ? holderName : maskName(holderName),
      number: full ? licence.number : maskLicenceNumber(licence.kind, licence.number),
      issuer: licence.issuer,
      issuedOn: licence.issuedOn ?? '',
      validUntil: licence.validUntil,
      expired: licence.validUntil !== null && licence.validUntil < today,
      full,
      fields: Object.entries(licence.fields ?? {}).map(([key, value]) => {
        const label = FIELD_LABELS[key] ?? { zh: key, en: key };
        return { label: label.zh, labelEn: label.en, value: full || !label.mask ? value : label.mask(value) };
      }),
    };
  }

  /** Masked licences. (Expiry reminders come from the daily sweep, expirySweep.ts: opening the wallet writes nothing.) */
  async myLicences(account: AccountRow, loaders: AgencyRecordLoaders) {
    const holder = await this.holder(account);
    const licences = await heldLicences(holder, loaders);
    return licences.map((l) => this.view(l, holder.name, false));
  }

  /**
   * Leaves one reminder in Messages for each licence expiring within EXPIRY_NOTICE_DAYS
   * (once per licence and validity: the event key). @returns how many were new.
   */
  async remindExpiring(citizenId: string, licences: HeldLicence[]): Promise<number> {
    const today = chinaCalendar(this.deps.now()).day;
    const soon = new Date(Date.parse(`${today}T00:00:00Z`) + EXPIRY_NOTICE_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const expiring = licences.filter((l) => l.validUntil && l.validUntil >= today && l.validUntil <= soon);
    if (!expiring.length) return 0;
    let posted = 0;
    await this.deps.db.transaction().execute(async (trx) => {
      for (const licence of expiring) {
        const title = licenceTitle(licence.kind);
        if (
          await this.deps.messages.post(trx, {
            citizenId,
            kind: 'LICENCE',
            eventKey: `licence:${licence.licenceId}:expires:${licence.validUntil}`,
            topic: 'LICENCE_EXPIRY',
            title: `${title.zh}即将到期`,
            titleEn: `Your ${title.en.toLowerCase()} expires soon`,
            body: `您的${title.zh}将于 ${licence.validUntil} 到期，请及时办理换领。`,
            bodyEn: `Your ${title.en.toLowerCase()} expires on ${licence.validUntil}. Please renew it in time.`,
            link: `/pages/licence/index?id=${licence.licenceId}`,
            params: { licence: title.zh, date: licence.validUntil! },
          })
        )
          posted++;
      }
    });
    return posted;
  }

  /** One licence. @throws LICENCE_NOT_FOUND for one that is not the citizen's; ASSURANCE_LEVEL_TOO_LOW for full below level 3, FACE_STALE when the face pass is older than FACE_FRESH_MIN. */
  async licence(account: AccountRow, id: string, full: boolean, loaders: AgencyRecordLoaders) {
    if (full) this.deps.identity.requireFreshFace(account);
    const holder = await this.holder(account);
    const licence = (await heldLicences(holder, loaders)).find((l) => l.licenceId === id);
    if (!licence) throw new AppError('LICENCE_NOT_FOUND', undefined, { field: 'id' });
    if (full) {
      // Who saw a full licence, and when: an anonymous actor (the citizen's id), never the details.
      await writeAudit(this.deps.db, {
        at: this.deps.now(),
        actor: auditActor.citizen(holder.citizenId),
        action: 'licence.view-full',
        subject: `licence:${licence.licenceId}`,
        detail: { kind: licence.kind },
      });
    }
    return this.view(licence, holder.name, full);
  }

  private sign(payload: CodePayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${createHmac('sha256', this.codeKey).update(body).digest().subarray(0, 18).toString('base64url')}`;
  }

  /** @throws LICENCE_NOT_FOUND when the licence is not the citizen's (a code is only made for one's own). */
  async code(
    account: AccountRow,
    licenceId: string,
    loaders: AgencyRecordLoaders,
  ): Promise<{ token: string; expiresAt: string }> {
    const holder = await this.holder(account);
    if (!(await heldLicences(holder, loaders)).some((l) => l.licenceId === licenceId))
      throw new AppError('LICENCE_NOT_FOUND', undefined, { field: 'licenceId' });
    const expires = Math.floor(this.deps.now().getTime() / 1000) + CODE_TTL_S;
    return {
      token: this.sign({ l: licenceId, c: holder.citizenId, e: expires, n: randomBytes(12).toString('base64url') }),
      expiresAt: new Date(expires * 1000).toISOString(),
    };
  }

  /**
   * For a clerk: genuine (our signature), unexpired, unused (each code checks once), and
   * the licence still the holder's in the library. @throws LICENCE_CODE_INVALID / _EXPIRED / _USED,
   * OPERATOR_ROLE_REQUIRED, UNAUTHENTICATED.
   */
  async verify(operator: OperatorRow | null, token: string, loaders: AgencyRecordLoaders) {
    const clerk = this.deps.operators.requireRole(operator, 'clerk');
    const [body, signature] = String(token ?? '')
      .trim()
      .split('.');
    const expected = body ? createHmac('sha256', this.codeKey).update(body).digest().subarray(0, 18) : Buffer.alloc(0);
    const given = Buffer.from(signature ?? '', 'base64url');
    if (!body || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new AppError('LICENCE_CODE_INVALID', undefined, { field: 'token' });
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CodePayload;
    const now = this.deps.now();
    if (payload.e * 1000 <= now.getTime()) throw new AppError('LICENCE_CODE_EXPIRED', undefined, { field: 'token' });
    const citizen = await this.deps.citizens.find(payload.c);
    if (!citizen) throw new AppError('LICENCE_CODE_INVALID', undefined, { field: 'token' });
    const { idNumber, name } = citizen;
    const licence = (await heldLicences({ idNumber }, loaders)).find((l) => l.licenceId === payload.l);
    if (!licence) throw new AppError('LICENCE_CODE_INVALID', undefined, { field: 'token' });
    // Spent on its first check: a copy (a screenshot passed on) is refused after.
    const used = await this.deps.db
      .insertInto('licence_code_uses')
      .values({
        nonce: payload.n,
        licence_id: payload.l,
        operator_id: clerk.id,
        used_at: now.toISOString(),
        citizen_id: payload.c,
      })
      .onConflict((oc) => oc.column('nonce').doNothing())
      .executeTakeFirst();
    if (Number(used.numInsertedOrUpdatedRows ?? 0) !== 1)
      throw new AppError('LICENCE_CODE_USED', undefined, { field: 'token' });
    await writeAudit(this.deps.db, {
      at: now.toISOString(),
      actor: auditActor.operator(clerk.username),
      action: 'licence.verify',
      subject: `licence:${licence.licenceId}`,
      detail: { kind: licence.kind },
    });
    const title = licenceTitle(licence.kind);
    const today = chinaCalendar(now).day;
    return {
      kind: licence.kind,
      title: title.zh,
      holderName: name,
      maskedIdNumber: maskIdNumber(idNumber),
      number: maskLicenceNumber(licence.kind, licence.number),
      issuer: licence.issuer,
      validUntil: licence.validUntil,
      expired: licence.validUntil !== null && licence.validUntil < today,
      checkedAt: now.toISOString(),
    };
  }
}
