import { randomUUID } from 'node:crypto';
import Router from 'koa-router';
import type { Context } from 'koa';
import { Agency, openapiDocument, s, type Operation } from './agency';
import { bad, eventFeed, isRecord } from './feed';

/**
 * Government departments that receive service applications from the BFF and report
 * their progress on an event feed the BFF polls. Every department keeps its own
 * cases, receipt numbers and event sequence; handing over is idempotent per
 * Idempotency-Key, so a retried delivery never opens a second case.
 */

export const APPLICATION_STATUSES = [
  'RECEIVED',
  'ACCEPTED',
  'IN_REVIEW',
  'MORE_INFO_REQUESTED',
  'APPROVED',
  'REJECTED',
  'COMPLETED',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
const FINAL_STATUSES: readonly ApplicationStatus[] = ['REJECTED', 'COMPLETED'];
/** Statuses the simulator's decide route may set: everything after RECEIVED. */
const DECIDABLE_STATUSES: readonly ApplicationStatus[] = APPLICATION_STATUSES.filter((status) => status !== 'RECEIVED');

/** An application whose `answers.remark` contains this is asked for more information once. */
export const MORE_INFO_TRIGGER = '补正';
export const MORE_INFO_REASON = '请补充提交相关证明材料';

export interface DepartmentSpec {
  /** Agency name: path prefix, fault switch, OpenAPI file name. */
  name: string;
  title: string;
  titleZh: string;
  /** Receipt numbers read `<prefix>-<year>-<6-digit sequence>`. */
  receiptPrefix: string;
}

/** Every department that takes applications; the first two are record agencies that also take them. */
export const DEPARTMENTS: readonly DepartmentSpec[] = [
  { name: 'provident-fund', title: 'Housing provident fund', titleZh: '住房公积金管理中心', receiptPrefix: 'HPF' },
  { name: 'social-insurance', title: 'Social insurance', titleZh: '社会保险事业管理中心', receiptPrefix: 'SI' },
  { name: 'education', title: 'Education Bureau', titleZh: '教育局', receiptPrefix: 'EDU' },
  { name: 'tax', title: 'Tax Bureau', titleZh: '税务局', receiptPrefix: 'TAX' },
  {
    name: 'housing',
    title: 'Housing and Urban-Rural Development Bureau',
    titleZh: '住房和城乡建设局',
    receiptPrefix: 'HUD',
  },
  {
    name: 'market-regulation',
    title: 'Market Regulation Administration',
    titleZh: '市场监督管理局',
    receiptPrefix: 'AMR',
  },
  { name: 'exit-entry', title: 'Exit and Entry Administration', titleZh: '出入境管理局', receiptPrefix: 'EEA' },
  { name: 'talent', title: 'Talent Work Bureau', titleZh: '人才工作局', receiptPrefix: 'TAL' },
];

export function departmentSpec(name: string): DepartmentSpec {
  const spec = DEPARTMENTS.find((d) => d.name === name);
  if (!spec) throw new Error(`No department ${name}`);
  return spec;
}

export interface Attachment {
  /** record: an agency's record the citizen chose (a property certificate, a permit), by its key (issue 19). */
  kind: 'licence' | 'upload' | 'record';
  ref: string;
  name?: string;
}

export interface DepartmentEvent {
  seq: number;
  eventId: string;
  receiptNo: string;
  reference: string;
  status: ApplicationStatus;
  reason: string | null;
  at: string;
}

interface Receipt {
  receiptNo: string;
  reference: string;
  status: 'RECEIVED';
  receivedAt: string;
}

interface SupplementAnswer {
  receiptNo: string;
  reference: string;
  status: 'IN_REVIEW';
  receivedAt: string;
}

interface Supplement {
  key: string;
  note: string;
  attachments: Attachment[];
  deliveries: number;
  answer: SupplementAnswer;
}

/** A withdrawal as answered the first time its key was seen. */
interface Withdrawal {
  key: string;
  answer: { reference: string; receiptNo: string | null; status: 'WITHDRAWN'; withdrawnAt: string };
  /** POSTs seen with this key, the first included. */
  deliveries: number;
}

interface Case {
  key: string;
  receipt: Receipt;
  serviceId: string;
  applicant: { idNumber: string; name: string };
  /** 代办人: who submitted it for the applicant (a parent, guardian or authorised helper); null when the applicant did. */
  agent: { idNumber: string; name: string } | null;
  answers: Record<string, string>;
  attachments: Attachment[];
  status: ApplicationStatus;
  reason: string | null;
  history: DepartmentEvent[];
  /** POSTs seen with this case's Idempotency-Key, the first included. */
  deliveries: number;
  supplements: Supplement[];
  /** A person decided on the dev route: no more automatic steps. */
  manual: boolean;
  /** The automatic path has already asked for more information once. */
  infoRequested: boolean;
  /** When the applicant withdrew it (their account was deleted): no more steps. */
  withdrawnAt: string | null;
  timer?: NodeJS.Timeout;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

function readAttachments(value: unknown): Attachment[] | string {
  if (!Array.isArray(value)) return 'attachments must be an array';
  const out: Attachment[] = [];
  for (const [i, item] of value.entries()) {
    if (
      !isRecord(item) ||
      (item.kind !== 'licence' && item.kind !== 'upload' && item.kind !== 'record') ||
      !nonEmpty(item.ref) ||
      (item.name !== undefined && typeof item.name !== 'string')
    ) {
      return `attachments[${i}] must be { kind: 'licence' | 'upload' | 'record', ref: string, name?: string }`;
    }
    out.push({ kind: item.kind, ref: item.ref, ...(item.name !== undefined ? { name: item.name } : {}) });
  }
  return out;
}

interface Application {
  reference: string;
  serviceId: string;
  applicant: { idNumber: string; name: string };
  agent: { idNumber: string; name: string } | null;
  answers: Record<string, string>;
  attachments: Attachment[];
}

function readApplication(body: unknown): Application | string {
  if (!isRecord(body)) return 'body must be a JSON object';
  if (!nonEmpty(body.reference)) return 'reference must be a non-empty string';
  if (!nonEmpty(body.serviceId)) return 'serviceId must be a non-empty string';
  const applicant = body.applicant;
  if (!isRecord(applicant) || !nonEmpty(applicant.idNumber) || !nonEmpty(applicant.name))
    return 'applicant must be { idNumber: string, name: string }';
  const agent = body.agent;
  if (agent !== undefined && agent !== null && (!isRecord(agent) || !nonEmpty(agent.idNumber) || !nonEmpty(agent.name)))
    return 'agent, when given, must be { idNumber: string, name: string }';
  if (!isRecord(body.answers) || !Object.values(body.answers).every((v) => typeof v === 'string'))
    return 'answers must be an object of strings';
  const attachments = readAttachments(body.attachments);
  if (typeof attachments === 'string') return attachments;
  return {
    reference: body.reference,
    serviceId: body.serviceId,
    applicant: { idNumber: applicant.idNumber, name: applicant.name },
    agent: isRecord(agent) ? { idNumber: String(agent.idNumber), name: String(agent.name) } : null,
    answers: { ...(body.answers as Record<string, string>) },
    attachments,
  };
}

function idempotencyKey(ctx: Context): string | null {
  const key = ctx.get('idempotency-key').trim();
  if (!key) {
    ctx.status = 400;
    ctx.body = bad('The Idempotency-Key header is required');
    return null;
  }
  if (key.length > 255) {
    ctx.status = 400;
    ctx.body = bad('The Idempotency-Key header is longer than 255 characters');
    return null;
  }
  return key;
}

/** The year in China (UTC+8), for receipt numbers. */
const chinaYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

/**
 * One department's desk: its cases, its event feed, its automatic progress. Mount its
 * routes on any agency router with `mount`, describe them with `operations`.
 */
export class ApplicationDesk {
  private readonly events: DepartmentEvent[] = [];
  private readonly byKey = new Map<string, Case>();
  private readonly byReference = new Map<string, Case>();
  private readonly byReceipt = new Map<string, Case>();
  private readonly withdrawals = new Map<string, Withdrawal>();
  /** References withdrawn before they arrived: a late hand-off of one is refused. */
  private readonly withdrawnReferences = new Set<string>();
  private serial = 0;
  private closed = false;
  readonly paceMs: number;

  constructor(
    readonly spec: DepartmentSpec,
    options: { paceMs: number },
  ) {
    this.paceMs = Math.max(0, Math.floor(options.paceMs));
  }

  /** Stops every automatic step, now and for cases still to come. */
  close(): void {
    this.closed = true;
    for (const c of this.byReceipt.values()) this.cancel(c);
  }

  /** Every case as the simulator shows it (for tests proving exactly-once handoff). */
  cases() {
    return [...this.byReceipt.values()].map((c) => ({
      reference: c.receipt.reference,
      receiptNo: c.receipt.receiptNo,
      status: c.status,
      reason: c.reason,
      deliveries: c.deliveries,
      serviceId: c.serviceId,
      applicant: c.applicant,
      agent: c.agent,
      answers: c.answers,
      attachments: c.attachments,
      supplements: c.supplements.map(({ note, attachments, deliveries }) => ({ note, attachments, deliveries })),
      automatic: !c.manual && this.paceMs > 0,
      withdrawnAt: c.withdrawnAt,
    }));
  }

  /** Every withdrawal with its deliveries (POSTs seen under its key). */
  withdrawalsSeen() {
    return [...this.withdrawals.values()].map((w) => ({ ...w.answer, key: w.key, deliveries: w.deliveries }));
  }

  private view(c: Case) {
    return {
      receiptNo: c.receipt.receiptNo,
      reference: c.receipt.reference,
      serviceId: c.serviceId,
      status: c.status,
      reason: c.reason,
      receivedAt: c.receipt.receivedAt,
      history: c.history,
    };
  }

  private emit(c: Case, status: ApplicationStatus, reason: string | null): DepartmentEvent {
    const event: DepartmentEvent = {
      seq: this.events.length + 1,
      // Unique across restarts of the simulator, so a consumer may de-duplicate on it.
      eventId: randomUUID(),
      receiptNo: c.receipt.receiptNo,
      reference: c.receipt.reference,
      status,
      reason,
      at: new Date().toISOString(),
    };
    this.events.push(event);
    c.history.push(event);
    c.status = status;
    c.reason = reason;
    return event;
  }

  private cancel(c: Case): void {
    if (c.timer) clearTimeout(c.timer);
    c.timer = undefined;
  }

  /** The next automatic step from where the case stands, or null to wait. */
  private nextStep(c: Case): { status: ApplicationStatus; reason: string | null } | null {
    switch (c.status) {
      case 'RECEIVED':
        return { status: 'ACCEPTED', reason: null };
      case 'ACCEPTED':
        return { status: 'IN_REVIEW', reason: null };
      case 'IN_REVIEW':
        if (!c.infoRequested && (c.answers.remark ?? '').includes(MORE_INFO_TRIGGER))
          return { status: 'MORE_INFO_REQUESTED', reason: MORE_INFO_REASON };
        return { status: 'APPROVED', reason: null };
      case 'APPROVED':
        return { status: 'COMPLETED', reason: null };
      default:
        // MORE_INFO_REQUESTED waits for a supplement; REJECTED and COMPLETED are final.
        return null;
    }
  }

  /** Schedules the case's next automatic step one pace from now. */
  private schedule(c: Case): void {
    this.cancel(c);
    if (this.closed || this.paceMs <= 0 || c.manual || !this.nextStep(c)) return;
    c.timer = setTimeout(() => {
      c.timer = undefined;
      const step = this.closed || c.manual ? null : this.nextStep(c);
      if (!step) return;
      if (step.status === 'MORE_INFO_REQUESTED') c.infoRequested = true;
      this.emit(c, step.status, step.reason);
      this.schedule(c);
    }, this.paceMs);
    c.timer.unref();
  }

  mount(router: Router): void {
    router.post('/v1/applications', (ctx) => {
      const key = idempotencyKey(ctx);
      if (key === null) return;
      const application = readApplication(ctx.request.body);
      if (typeof application === 'string') {
        ctx.status = 400;
        ctx.body = bad(application);
        return;
      }
      const seen = this.byKey.get(key);
      if (seen) {
        seen.deliveries += 1;
        ctx.status = 200;
        ctx.body = seen.receipt;
        return;
      }
      if (this.withdrawnReferences.has(application.reference)) {
        ctx.status = 409;
        ctx.body = { error: 'WITHDRAWN', message: `${application.reference} was withdrawn by the applicant` };
        return;
      }
      if (this.byReference.has(application.reference)) {
        ctx.status = 409;
        ctx.body = {
          error: 'DUPLICATE_REFERENCE',
          message: `${application.reference} was already handed over with another Idempotency-Key`,
        };
        return;
      }
      const receipt: Receipt = {
        receiptNo: `${this.spec.receiptPrefix}-${chinaYear()}-${String(++this.serial).padStart(6, '0')}`,
        reference: application.reference,
        status: 'RECEIVED',
        receivedAt: new Date().toISOString(),
      };
      const c: Case = {
        key,
        receipt,
        serviceId: application.serviceId,
        applicant: application.applicant,
        agent: application.agent,
        answers: application.answers,
        attachments: application.attachments,
        status: 'RECEIVED',
        reason: null,
        history: [],
        deliveries: 1,
        supplements: [],
        manual: false,
        infoRequested: false,
        withdrawnAt: null,
      };
      this.byKey.set(key, c);
      this.byReference.set(receipt.reference, c);
      this.byReceipt.set(receipt.receiptNo, c);
      this.emit(c, 'RECEIVED', null);
      this.schedule(c);
      ctx.status = 201;
      ctx.body = receipt;
    });

    // The applicant withdraws (in this app: their account was deleted). Idempotent by key;
    // a reference not yet received is remembered, so its late hand-off is refused.
    router.post('/v1/withdrawals', (ctx) => {
      const key = idempotencyKey(ctx);
      if (key === null) return;
      const seen = this.withdrawals.get(key);
      if (seen) {
        seen.deliveries += 1;
        ctx.status = 200;
        ctx.body = seen.answer;
        return;
      }
      const body = ctx.request.body;
      if (
        !isRecord(body) ||
        !nonEmpty(body.reference) ||
        (body.reason !== undefined && typeof body.reason !== 'string')
      ) {
        ctx.status = 400;
        ctx.body = bad('body must be { reference: string, reason?: string }');
        return;
      }
      const c = this.byReference.get(body.reference);
      if (c && FINAL_STATUSES.includes(c.status)) {
        ctx.status = 409;
        ctx.body = { error: 'WRONG_STATE', message: `The application is already ${c.status}` };
        return;
      }
      const withdrawnAt = c?.withdrawnAt ?? new Date().toISOString();
      if (c) {
        c.withdrawnAt = withdrawnAt;
        c.manual = true;
        this.cancel(c);
      } else {
        this.withdrawnReferences.add(body.reference);
      }
      const answer: Withdrawal['answer'] = {
        reference: body.reference,
        receiptNo: c?.receipt.receiptNo ?? null,
        status: 'WITHDRAWN',
        withdrawnAt,
      };
      this.withdrawals.set(key, { key, answer, deliveries: 1 });
      ctx.status = 201;
      ctx.body = answer;
    });

    router.get(
      '/v1/events',
      eventFeed(() => this.events),
    );

    router.get('/v1/applications/:receiptNo', (ctx) => {
      const c = this.byReceipt.get(ctx.params.receiptNo.toUpperCase());
      if (!c) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND', message: 'No application with that receipt number' };
        return;
      }
      ctx.body = this.view(c);
    });

    router.post('/v1/applications/:receiptNo/supplements', (ctx) => {
      const key = idempotencyKey(ctx);
      if (key === null) return;
      const c = this.byReceipt.get(ctx.params.receiptNo.toUpperCase());
      if (!c) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND', message: 'No application with that receipt number' };
        return;
      }
      const body = ctx.request.body;
      const attachments = isRecord(body) && body.attachments !== undefined ? readAttachments(body.attachments) : [];
      if (!isRecord(body) || typeof body.note !== 'string' || typeof attachments === 'string') {
        ctx.status = 400;
        ctx.body = bad(
          typeof attachments === 'string' ? attachments : 'body must be { note: string, attachments?: [...] }',
        );
        return;
      }
      const seen = c.supplements.find((supplement) => supplement.key === key);
      if (seen) {
        seen.deliveries += 1;
        ctx.status = 200;
        ctx.body = seen.answer;
        return;
      }
      if (c.status !== 'MORE_INFO_REQUESTED') {
        ctx.status = 409;
        ctx.body = {
          error: 'WRONG_STATE',
          message: `A supplement is only taken when more information was requested; the application is ${c.status}`,
        };
        return;
      }
      const event = this.emit(c, 'IN_REVIEW', null);
      const answer: SupplementAnswer = {
        receiptNo: c.receipt.receiptNo,
        reference: c.receipt.reference,
        status: 'IN_REVIEW',
        receivedAt: event.at,
      };
      c.supplements.push({ key, note: body.note, attachments, deliveries: 1, answer });
      this.schedule(c);
      ctx.status = 201;
      ctx.body = answer;
    });

    // Simulator only: a person (or a test) plays the department's officer.
    router.post('/dev/applications/:reference/decide', (ctx) => {
      const { status, reason } = (isRecord(ctx.request.body) ? ctx.request.body : {}) as {
        status?: unknown;
        reason?: unknown;
      };
      if (
        !DECIDABLE_STATUSES.includes(status as ApplicationStatus) ||
        (reason !== undefined && reason !== null && typeof reason !== 'string')
      ) {
        ctx.status = 400;
        ctx.body = bad(`status must be one of ${DECIDABLE_STATUSES.join(', ')}; reason a string if given`);
        return;
      }
      const c = this.byReference.get(ctx.params.reference);
      if (!c) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND', message: 'No application with that reference' };
        return;
      }
      if (FINAL_STATUSES.includes(c.status) || c.withdrawnAt) {
        ctx.status = 409;
        ctx.body = {
          error: 'WRONG_STATE',
          message: c.withdrawnAt ? 'The application was withdrawn' : `The application is already ${c.status}`,
        };
        return;
      }
      // A manual decision takes the case over: no more automatic steps for it.
      c.manual = true;
      this.cancel(c);
      this.emit(c, status as ApplicationStatus, typeof reason === 'string' ? reason : null);
      ctx.body = this.view(c);
    });

    router.get('/dev/withdrawals', (ctx) => {
      ctx.body = { withdrawals: this.withdrawalsSeen() };
    });

    router.get('/dev/applications', (ctx) => {
      const reference = typeof ctx.query.reference === 'string' ? ctx.query.reference : undefined;
      ctx.body = { applications: this.cases().filter((c) => reference === undefined || c.reference === reference) };
    });
  }

  operations(): Operation[] {
    const attachment = s.obj(
      { kind: { type: 'string', enum: ['licence', 'upload', 'record'] }, ref: s.str, name: s.str },
      ['kind', 'ref'],
    );
    const status = { type: 'string', enum: [...APPLICATION_STATUSES] };
    const event = s.obj({
      seq: s.int,
      eventId: s.str,
      receiptNo: s.str,
      reference: s.str,
      status,
      reason: s.nullable(s.str),
      at: s.str,
    });
    const receipt = s.obj({
      receiptNo: s.str,
      reference: s.str,
      status: { type: 'string', enum: ['RECEIVED'] },
      receivedAt: s.str,
    });
    const caseView = s.obj({
      receiptNo: s.str,
      reference: s.str,
      serviceId: s.str,
      status,
      reason: s.nullable(s.str),
      receivedAt: s.str,
      history: s.arr(event),
    });
    const prefix = this.spec.receiptPrefix;
    return [
      {
        method: 'post',
        path: '/v1/applications',
        headers: ['Idempotency-Key'],
        summary: `Hand over an application (header Idempotency-Key required). 201 with a new receipt (${prefix}-<year>-<seq>); the same key again answers 200 with the same receipt and opens nothing; the same reference under another key is 409 DUPLICATE_REFERENCE`,
        body: s.obj(
          {
            reference: s.str,
            serviceId: s.str,
            applicant: s.obj({ idNumber: s.str, name: s.str }),
            agent: s.nullable(s.obj({ idNumber: s.str, name: s.str })),
            answers: { type: 'object', additionalProperties: s.str },
            attachments: s.arr(attachment),
          },
          ['reference', 'serviceId', 'applicant', 'answers', 'attachments'],
        ),
        response: receipt,
        success: { '200': 'Replay of a key already seen: the same receipt', '201': 'Received: a new case' },
        errors: {
          '400': 'Missing Idempotency-Key or bad body',
          '409':
            'DUPLICATE_REFERENCE: the reference was handed over under another key; WITHDRAWN: the applicant withdrew it before it arrived',
        },
      },
      {
        method: 'post',
        path: '/v1/withdrawals',
        headers: ['Idempotency-Key'],
        summary:
          'The applicant withdraws an application (header Idempotency-Key required): 201 and the case takes no more steps; the same key again answers 200 with the same answer; a reference not received yet is remembered and its hand-off later refused (409 WITHDRAWN)',
        body: s.obj({ reference: s.str, reason: s.str }, ['reference']),
        response: s.obj({
          reference: s.str,
          receiptNo: s.nullable(s.str),
          status: { type: 'string', enum: ['WITHDRAWN'] },
          withdrawnAt: s.str,
        }),
        success: { '200': 'Replay of a key already seen: the same answer', '201': 'Withdrawn' },
        errors: {
          '400': 'Missing Idempotency-Key or bad body',
          '409': 'WRONG_STATE: the department already decided (REJECTED or COMPLETED)',
        },
      },
      {
        method: 'get',
        path: '/v1/events',
        query: ['after', 'limit'],
        summary:
          'Progress events with seq > after (default 0), oldest first, at most limit (1-200, default 100). lastSeq is the cursor for the next call: the last event given, else the feed’s latest seq',
        response: s.obj({ events: s.arr(event), lastSeq: s.int }),
        errors: { '400': 'Bad after or limit' },
      },
      {
        method: 'get',
        path: '/v1/applications/:receiptNo',
        params: ['receiptNo'],
        summary: 'One application’s current status and history',
        response: caseView,
        errors: { '404': 'Unknown receipt number' },
      },
      {
        method: 'post',
        path: '/v1/applications/:receiptNo/supplements',
        params: ['receiptNo'],
        headers: ['Idempotency-Key'],
        summary:
          'Supplement an application the department asked more information for (header Idempotency-Key required): 201 and the case is IN_REVIEW again; the same key again answers 200 with the same answer',
        body: s.obj({ note: s.str, attachments: s.arr(attachment) }, ['note']),
        response: s.obj({
          receiptNo: s.str,
          reference: s.str,
          status: { type: 'string', enum: ['IN_REVIEW'] },
          receivedAt: s.str,
        }),
        success: { '200': 'Replay of a key already seen', '201': 'Supplement taken' },
        errors: {
          '400': 'Missing Idempotency-Key or bad body',
          '404': 'Unknown receipt number',
          '409': 'WRONG_STATE: no more information was requested',
        },
      },
      {
        method: 'post',
        path: '/dev/applications/:reference/decide',
        params: ['reference'],
        summary:
          'Decide on an application as the department’s officer: appends the status; the case leaves automatic progress (simulator only)',
        body: s.obj({ status: { type: 'string', enum: DECIDABLE_STATUSES }, reason: s.str }, ['status']),
        response: caseView,
        errors: {
          '400': 'Bad status',
          '404': 'Unknown reference',
          '409': 'WRONG_STATE: already REJECTED or COMPLETED',
        },
      },
      {
        method: 'get',
        path: '/dev/withdrawals',
        summary: 'Every withdrawal with its deliveries (POSTs seen under its key) (simulator only)',
        response: s.obj({
          withdrawals: s.arr(
            s.obj({
              key: s.str,
              reference: s.str,
              receiptNo: s.nullable(s.str),
              status: s.str,
              withdrawnAt: s.str,
              deliveries: s.int,
            }),
          ),
        }),
      },
      {
        method: 'get',
        path: '/dev/applications',
        query: ['reference'],
        summary: 'Every case with its deliveries (POSTs seen under its key) (simulator only)',
        response: s.obj({
          applications: s.arr(
            s.obj({
              reference: s.str,
              receiptNo: s.str,
              status,
              reason: s.nullable(s.str),
              deliveries: s.int,
              serviceId: s.str,
              applicant: s.obj({ idNumber: s.str, name: s.str }),
              agent: s.nullable(s.obj({ idNumber: s.str, name: s.str })),
              answers: { type: 'object', additionalProperties: s.str },
              attachments: s.arr(attachment),
              supplements: s.arr({ type: 'object' }),
              automatic: s.bool,
              withdrawnAt: s.nullable(s.str),
            }),
          ),
        }),
      },
    ];
  }
}

export interface DepartmentAgency extends Agency {
  titleZh: string;
  desk: ApplicationDesk;
}

/** A department that only takes applications: its own agency, fault switch and OpenAPI. */
export function departmentAgency(spec: DepartmentSpec, options: { paceMs: number }): DepartmentAgency {
  const desk = new ApplicationDesk(spec, options);
  const router = new Router();
  desk.mount(router);
  return {
    name: spec.name,
    title: spec.title,
    titleZh: spec.titleZh,
    router,
    desk,
    openapi: openapiDocument(spec.name, `${spec.title} (${spec.titleZh})`, desk.operations()),
  };
}
