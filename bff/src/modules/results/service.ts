import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { maskIdNumber, maskName } from '@citizen/shared';
import type { Db } from '../../db';
import type { Database, IssuedDocumentTable } from '../../db/schema';
import { AppError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import { DEPARTMENTS, isDepartment } from '../applications/definitions';
import { applicationsInScope, type ApplicationService } from '../applications/service';
import type { EffectiveAccount } from '../identity/auth';
import { grantedServices } from '../family/scopes';
import type { AccountRow } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import type { Messages } from '../messages/service';
import { sameSignature } from '../payments/channels';
import { renderPdf } from './pdf';
import { resultRule } from './rules';
import type { CitizenDirectory } from '../identity/citizens';

export const DELIVER_RESULT = 'results.deliver';

/** What the public page may say about a document: genuine or not, what, when, for whom (masked). */
export type Verification =
  | { genuine: true; title: string; titleEn: string; issuer: string; issuedAt: string; holder: string; number: string }
  | { genuine: false };

interface Details {
  /** Lines printed on the document, in order. */
  lines: Array<[string, string]>;
  applicationNumber: string;
}

const RANDOM_BYTES = 10;
const TAG_CHARS = 12;

/**
 * Results delivered. When an application completes (in the transaction that records
 * it) a delivery is queued on the outbox; the delivery issues the service's result once
 * (the row is unique per application): a licence through the licence library, which the
 * wallet reads, or a signed document kept here and drawn as a PDF with a QR code of its
 * public verification page. A verification code is a random part and its HMAC tag, so a
 * code with any character changed fails before anything is looked up.
 */
export class Results {
  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      citizens: CitizenDirectory;
      upstream: UpstreamClient;
      outbox: Outbox;
      applications: ApplicationService;
      messages: Messages;
      logger: Logger;
      signingKey: string;
      /** Where /verify/<code> is reached: printed in the QR code. */
      publicUrl: string;
      font: { path: string; name: string };
      now: () => Date;
    },
  ) {
    deps.outbox.on(DELIVER_RESULT, (p: { applicationId: string }) => this.deliver(p.applicationId));
  }

  /** Queues the delivery of a completed application's result, in the completion's transaction. */
  async onCompleted(trx: Transaction<Database>, applicationId: string): Promise<void> {
    await this.deps.outbox.enqueue(trx, DELIVER_RESULT, { applicationId });
  }

  private tag(random: string): string {
    return createHmac('sha256', this.deps.signingKey)
      .update(`document:${random}`)
      .digest('hex')
      .slice(0, TAG_CHARS)
      .toUpperCase();
  }

  private newCode(): string {
    const random = randomBytes(RANDOM_BYTES).toString('hex').toUpperCase();
    return `${random}${this.tag(random)}`;
  }

  /** Outbox: issues the result once; an agency down throws, and the outbox tries again later. */
  private async deliver(applicationId: string): Promise<void> {
    if (
      await this.deps.db
        .selectFrom('issued_documents')
        .select('id')
        .where('application_id', '=', applicationId)
        .executeTakeFirst()
    )
      return;
    const view = await this.deps.applications.byId(applicationId);
    if (!view?.row.citizen_id || view.row.status !== 'COMPLETED') return;
    const { row, definition } = view;
    const citizen = await this.deps.citizens.find(row.citizen_id!);
    if (!citizen) return;
    const { name, idNumber } = citizen;
    const answers = view.stored.answers as Record<string, string>;
    const rule = resultRule(row.service_id);
    const department = definition.departments.find(isDepartment);
    const issuer = department ? DEPARTMENTS[department].name : '政务服务中心';
    const now = this.deps.now();
    const lines: Array<[string, string]> = [
      ['证件号码', maskIdNumber(idNumber)],
      ['办件编号', row.number],
      ['事项名称', definition.title],
    ];
    let licenceId: string | null = null;

    if (rule.kind === 'LICENCE') {
      // Step 1: the licence library issues it, once per application number.
      const validUntil = rule.validMonths
        ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + rule.validMonths, now.getUTCDate()))
            .toISOString()
            .slice(0, 10)
        : null;
      const fields =
        rule.licenceKind === 'BUSINESS_LICENCE'
          ? {
              businessName: answers.businessName ?? '',
              type: '个体工商户',
              operator: name,
              scope: answers.businessScope ?? '',
            }
          : {
              endorsementType: answers.endorsementType ?? '',
              visits: answers.visits ?? '1',
              permitNumber: answers.permitNumber ?? '',
            };
      const { status, body } = await this.deps.upstream.request<{ licence?: { licenceId: string; number: string } }>(
        'licences',
        {
          method: 'POST',
          path: '/v1/licences',
          headers: { 'idempotency-key': `result:${row.id}` },
          body: { reference: row.number, kind: rule.licenceKind, holderIdNumber: idNumber, issuer, validUntil, fields },
          deadline: null,
        },
      );
      if ((status !== 200 && status !== 201) || !body?.licence)
        throw new AppError('AGENCY_UNAVAILABLE', `licences answered ${status} to an issue`, { agency: 'licences' });
      licenceId = body.licence.licenceId;
      lines.push(['证照编号', body.licence.number]);
      if (validUntil) lines.push(['有效期至', validUntil]);
    } else if (row.service_id === 'si-payment-record') {
      // Step 1: the contribution record the certificate states, as the bureau holds it today.
      const months = ['6', '12', '24', '60'].includes(answers.months ?? '') ? answers.months! : '12';
      const { status, body } = await this.deps.upstream.request<{ payments?: Array<{ month: string; base: number }> }>(
        'social-insurance',
        {
          method: 'GET',
          path: `/v1/insured/${encodeURIComponent(idNumber)}/payments`,
          query: { months },
          deadline: null,
        },
      );
      if (status !== 200 || !body?.payments)
        throw new AppError('AGENCY_UNAVAILABLE', `social-insurance answered ${status} to a record`, {
          agency: 'social-insurance',
        });
      const paid = body.payments;
      lines.push(['证明期间', paid.length ? `${paid[paid.length - 1]!.month} 至 ${paid[0]!.month}` : '无缴费记录']);
      lines.push(['累计缴费月数', `${paid.length} 个月`]);
      if (paid[0]) lines.push(['当前缴费基数', `${(paid[0].base / 100).toFixed(2)} 元`]);
    } else {
      lines.push(['审批结果', '准予许可']);
    }

    // Step 2: the record and the citizen's message, together and once.
    const code = this.newCode();
    const issuedAt = now.toISOString();
    const id = randomUUID();
    const details: Details = { lines, applicationNumber: row.number };
    await this.deps.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('issued_documents')
        .values({
          id,
          citizen_id: row.citizen_id,
          application_id: row.id,
          kind: rule.kind,
          title: rule.title,
          title_en: rule.titleEn,
          verify_code: code,
          holder_name_enc: this.deps.vault.encrypt(name),
          details_enc: this.deps.vault.encrypt(JSON.stringify(details)),
          licence_id: licenceId,
          issuer,
          issued_at: issuedAt,
        })
        .onConflict((oc) => oc.column('application_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return;
      const where = rule.kind === 'LICENCE' ? '我的证照' : '我的证明';
      await this.deps.messages.post(trx, {
        citizenId: row.citizen_id!,
        kind: 'APPLICATION',
        eventKey: `result:${row.id}`,
        topic: 'APPLICATION_PROGRESS',
        title: `${rule.title}已送达`,
        titleEn: `${rule.titleEn} issued`,
        body: `您的申请（编号 ${row.number}）已办结，${rule.title}已存入“${where}”，可随时查看和下载。`,
        bodyEn: `Your application ${row.number} is complete: the ${rule.titleEn} is in ${rule.kind === 'LICENCE' ? 'My licences' : 'My documents'}, to view and download.`,
        link: rule.kind === 'LICENCE' ? '/pages/licences/index' : `/pages/document/index?id=${id}`,
        params: { service: definition.title, number: row.number, result: rule.title },
      });
    });
    this.deps.logger.info({ application: row.id, kind: rule.kind }, 'result delivered');
  }

  /** The result of one of the citizen's applications, or null (none yet, or not theirs). */
  async ofApplication(citizenId: string | null, applicationId: string): Promise<IssuedDocumentTable | null> {
    if (!citizenId) return null;
    return (
      (await this.deps.db
        .selectFrom('issued_documents')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('citizen_id', '=', citizenId)
        .executeTakeFirst()) ?? null
    );
  }

  /** The citizen's results, newest first. */
  async mine(account: AccountRow): Promise<IssuedDocumentTable[]> {
    if (!account.citizen_id) return [];
    let query = this.deps.db.selectFrom('issued_documents').selectAll().where('citizen_id', '=', account.citizen_id);
    // A helper on an authorisation: documents of services in scope only (issue 17).
    const acting = (account as EffectiveAccount).acting;
    const granted = acting ? grantedServices(acting.grant) : null;
    if (granted)
      query = query.where('application_id', 'in', applicationsInScope(this.deps.db, account.citizen_id, granted));
    return query.orderBy('issued_at', 'desc').orderBy('id').limit(200).execute();
  }

  /** The application a citizen's document was issued on, or null when it is not theirs. */
  async applicationOf(documentId: string, citizenId: string): Promise<string | null> {
    const row = /^[0-9a-f-]{36}$/.test(String(documentId))
      ? await this.deps.db
          .selectFrom('issued_documents')
          .select('application_id')
          .where('id', '=', String(documentId))
          .where('citizen_id', '=', citizenId)
          .executeTakeFirst()
      : undefined;
    return row?.application_id ?? null;
  }

  /** One of the citizen's documents. @throws NOT_FOUND for another citizen's, the same as for none. */
  async get(account: AccountRow, id: string): Promise<IssuedDocumentTable> {
    const row =
      account.citizen_id && /^[0-9a-f-]{36}$/.test(id)
        ? await this.deps.db
            .selectFrom('issued_documents')
            .selectAll()
            .where('id', '=', id)
            .where('citizen_id', '=', account.citizen_id)
            .executeTakeFirst()
        : undefined;
    if (!row) throw new AppError('NOT_FOUND', undefined, { field: 'id' });
    return row;
  }

  verifyUrl(code: string): string {
    return `${this.deps.publicUrl.replace(/\/$/, '')}/verify/${code}`;
  }

  /** The document as a PDF, drawn from what was recorded when it was issued. */
  async pdf(row: IssuedDocumentTable): Promise<Buffer> {
    const details = JSON.parse(this.deps.vault.decrypt(row.details_enc)) as Details;
    return renderPdf(
      {
        title: row.title,
        titleEn: row.title_en,
        holderName: this.deps.vault.decrypt(row.holder_name_enc),
        lines: details.lines,
        issuer: row.issuer,
        issuedAt: row.issued_at,
        verifyCode: row.verify_code,
        verifyUrl: this.verifyUrl(row.verify_code),
      },
      this.deps.font,
    );
  }

  /** The public check of a code: its tag first (constant time), then the record. */
  async verify(code: string): Promise<Verification> {
    const upper = code.toUpperCase();
    if (!/^[0-9A-F]{32}$/.test(upper)) return { genuine: false };
    const random = upper.slice(0, RANDOM_BYTES * 2);
    if (!sameSignature(this.tag(random), upper.slice(RANDOM_BYTES * 2))) return { genuine: false };
    const row = await this.deps.db
      .selectFrom('issued_documents')
      .selectAll()
      .where('verify_code', '=', upper)
      .executeTakeFirst();
    if (!row) return { genuine: false };
    const details = JSON.parse(this.deps.vault.decrypt(row.details_enc)) as Details;
    return {
      genuine: true,
      title: row.title,
      titleEn: row.title_en,
      issuer: row.issuer,
      issuedAt: row.issued_at,
      holder: maskName(this.deps.vault.decrypt(row.holder_name_enc)),
      number: details.applicationNumber,
    };
  }
}
