import { randomUUID } from 'node:crypto';
import Router from 'koa-router';
import type { Context } from 'koa';
import { openapiDocument, s, type Agency, type Operation } from './agency';
import { bad, eventFeed, isRecord } from './feed';

/**
 * The 12345 citizen hotline: consultations, complaints and legal-aid questions become
 * tickets (idempotent per Idempotency-Key), a duty officer assigns and replies, and
 * every change is an event on a feed the BFF polls, like the departments' feeds. The
 * citizen's feedback closes a ticket (solved) or reopens it once (not solved).
 */

export const TICKET_CATEGORIES = ['CONSULT', 'COMPLAINT', 'LEGAL_AID'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const TICKET_EVENTS = ['RECEIVED', 'ASSIGNED', 'REPLIED', 'REOPENED', 'CLOSED'] as const;
export type TicketEventType = (typeof TICKET_EVENTS)[number];

export interface TicketEvent {
  seq: number;
  eventId: string;
  ticketNo: string;
  reference: string;
  type: TicketEventType;
  /** REPLIED: the answer; CLOSED: SOLVED or UNSOLVED. */
  reply: string | null;
  department: string | null;
  outcome: 'SOLVED' | 'UNSOLVED' | null;
  at: string;
}

interface Ticket {
  key: string;
  ticketNo: string;
  reference: string;
  category: TicketCategory;
  question: string;
  context: { serviceId: string | null; applicationNumber: string | null };
  photo: string | null;
  location: { latitude: number; longitude: number; address: string | null } | null;
  status: TicketEventType;
  reopened: number;
  deliveries: number;
  feedback: Array<{ key: string; solved: boolean; comment: string | null }>;
  manual: boolean;
  history: TicketEvent[];
  receivedAt: string;
  timer?: NodeJS.Timeout;
}

/** Who answers what: the duty officer routes by category. */
const ROUTED_TO: Record<TicketCategory, string> = {
  CONSULT: '12345热线知识库',
  COMPLAINT: '市政务服务数据管理局',
  LEGAL_AID: '市法律援助中心',
};
const AUTO_REPLY: Record<TicketCategory, string> = {
  CONSULT:
    '您好，您咨询的问题已由相关部门答复：请按办事指南准备材料，可在线办理或到政务服务大厅窗口办理。如仍有疑问，可再次提问。',
  COMPLAINT: '您好，您反映的问题已转交主管部门核查处理，处理结果将在5个工作日内反馈。感谢您的监督。',
  LEGAL_AID:
    '您好，法律援助中心已收到您的咨询。经初步了解，您的情况可申请法律援助，请携带身份证及相关材料到市法律援助中心窗口申请，或预约律师电话咨询。',
};
const REVIEW_REPLY = '您好，经复核，相关部门已重新办理您的诉求，具体情况已电话联系您说明。';

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

function readTicket(
  body: unknown,
):
  | Omit<
      Ticket,
      'key' | 'ticketNo' | 'status' | 'reopened' | 'deliveries' | 'feedback' | 'manual' | 'history' | 'receivedAt'
    >
  | string {
  if (!isRecord(body)) return 'body must be a JSON object';
  if (!text(body.reference, 64)) return 'reference must be a non-empty string of at most 64 characters';
  if (!TICKET_CATEGORIES.includes(body.category as TicketCategory))
    return `category must be one of ${TICKET_CATEGORIES.join(', ')}`;
  if (!text(body.question, 1000)) return 'question must be 1 to 1000 characters';
  const context = isRecord(body.context) ? body.context : {};
  const location = body.location;
  if (
    location !== undefined &&
    location !== null &&
    (!isRecord(location) || typeof location.latitude !== 'number' || typeof location.longitude !== 'number')
  ) {
    return 'location must be { latitude: number, longitude: number, address?: string }';
  }
  return {
    reference: body.reference,
    category: body.category as TicketCategory,
    question: body.question,
    context: {
      serviceId: typeof context.serviceId === 'string' ? context.serviceId : null,
      applicationNumber: typeof context.applicationNumber === 'string' ? context.applicationNumber : null,
    },
    photo: typeof body.photoRef === 'string' ? body.photoRef : null,
    location: isRecord(location)
      ? {
          latitude: location.latitude as number,
          longitude: location.longitude as number,
          address: typeof location.address === 'string' ? location.address : null,
        }
      : null,
  };
}

function idempotencyKey(ctx: Context): string | null {
  const key = ctx.get('idempotency-key').trim();
  if (!key || key.length > 255) {
    ctx.status = 400;
    ctx.body = bad('The Idempotency-Key header is required (at most 255 characters)');
    return null;
  }
  return key;
}

export class HotlineDesk {
  private readonly events: TicketEvent[] = [];
  private readonly byKey = new Map<string, Ticket>();
  private readonly byNo = new Map<string, Ticket>();
  private readonly byReference = new Map<string, Ticket>();
  private serial = 0;
  private closed = false;

  constructor(private readonly paceMs: number) {}

  close(): void {
    this.closed = true;
    for (const t of this.byNo.values()) if (t.timer) clearTimeout(t.timer);
  }

  private find(id: string): Ticket | undefined {
    return this.byNo.get(id.toUpperCase()) ?? this.byReference.get(id);
  }

  private emit(
    t: Ticket,
    type: TicketEventType,
    extra: { reply?: string; outcome?: 'SOLVED' | 'UNSOLVED' } = {},
  ): TicketEvent {
    const event: TicketEvent = {
      seq: this.events.length + 1,
      eventId: randomUUID(),
      ticketNo: t.ticketNo,
      reference: t.reference,
      type,
      reply: extra.reply ?? null,
      department: type === 'ASSIGNED' || type === 'REPLIED' ? ROUTED_TO[t.category] : null,
      outcome: extra.outcome ?? null,
      at: new Date().toISOString(),
    };
    this.events.push(event);
    t.history.push(event);
    t.status = type;
    return event;
  }

  /** Automatic duty officer: assigns, then replies, one pace apart (never once a person took the ticket over). */
  private schedule(t: Ticket): void {
    if (t.timer) clearTimeout(t.timer);
    t.timer = undefined;
    if (this.closed || this.paceMs <= 0 || t.manual) return;
    const next =
      t.status === 'RECEIVED' || t.status === 'REOPENED' ? 'ASSIGNED' : t.status === 'ASSIGNED' ? 'REPLIED' : null;
    if (!next) return;
    t.timer = setTimeout(() => {
      t.timer = undefined;
      if (this.closed || t.manual) return;
      this.emit(t, next, next === 'REPLIED' ? { reply: t.reopened ? REVIEW_REPLY : AUTO_REPLY[t.category] } : {});
      this.schedule(t);
    }, this.paceMs);
    t.timer.unref();
  }

  private view(t: Ticket) {
    return {
      ticketNo: t.ticketNo,
      reference: t.reference,
      category: t.category,
      status: t.status,
      reopened: t.reopened,
      receivedAt: t.receivedAt,
      history: t.history,
    };
  }

  tickets() {
    return [...this.byNo.values()].map((t) => ({
      ...this.view(t),
      question: t.question,
      context: t.context,
      photo: t.photo,
      location: t.location,
      deliveries: t.deliveries,
      feedback: t.feedback,
    }));
  }

  mount(router: Router): void {
    router.post('/v1/tickets', (ctx) => {
      const key = idempotencyKey(ctx);
      if (key === null) return;
      const read = readTicket(ctx.request.body);
      if (typeof read === 'string') {
        ctx.status = 400;
        ctx.body = bad(read);
        return;
      }
      const seen = this.byKey.get(key);
      if (seen) {
        seen.deliveries += 1;
        ctx.status = 200;
        ctx.body = {
          ticketNo: seen.ticketNo,
          reference: seen.reference,
          status: 'RECEIVED',
          receivedAt: seen.receivedAt,
        };
        return;
      }
      if (this.byReference.has(read.reference)) {
        ctx.status = 409;
        ctx.body = {
          error: 'DUPLICATE_REFERENCE',
          message: `${read.reference} was already taken under another Idempotency-Key`,
        };
        return;
      }
      const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
      const t: Ticket = {
        ...read,
        key,
        ticketNo: `GD${year}${String(++this.serial).padStart(7, '0')}`,
        status: 'RECEIVED',
        reopened: 0,
        deliveries: 1,
        feedback: [],
        manual: false,
        history: [],
        receivedAt: new Date().toISOString(),
      };
      this.byKey.set(key, t);
      this.byNo.set(t.ticketNo, t);
      this.byReference.set(t.reference, t);
      this.emit(t, 'RECEIVED');
      this.schedule(t);
      ctx.status = 201;
      ctx.body = { ticketNo: t.ticketNo, reference: t.reference, status: 'RECEIVED', receivedAt: t.receivedAt };
    });

    router.get(
      '/v1/events',
      eventFeed(() => this.events),
    );

    router.get('/v1/tickets/:ticketNo', (ctx) => {
      const t = this.byNo.get(ctx.params.ticketNo.toUpperCase());
      if (!t) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND', message: 'No ticket with that number' };
        return;
      }
      ctx.body = this.view(t);
    });

    // The citizen's word on a reply: solved closes; not solved reopens once, then closes as unsolved.
    router.post('/v1/tickets/:ticketNo/feedback', (ctx) => {
      const key = idempotencyKey(ctx);
      if (key === null) return;
      const t = this.byNo.get(ctx.params.ticketNo.toUpperCase());
      if (!t) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND', message: 'No ticket with that number' };
        return;
      }
      const body = ctx.request.body;
      if (!isRecord(body) || typeof body.solved !== 'boolean') {
        ctx.status = 400;
        ctx.body = bad('body must be { solved: boolean, comment?: string }');
        return;
      }
      if (t.feedback.some((f) => f.key === key)) {
        ctx.status = 200;
        ctx.body = this.view(t);
        return;
      }
      if (t.status !== 'REPLIED') {
        ctx.status = 409;
        ctx.body = { error: 'WRONG_STATE', message: `Feedback is taken on a replied ticket; this one is ${t.status}` };
        return;
      }
      t.feedback.push({
        key,
        solved: body.solved,
        comment: typeof body.comment === 'string' ? body.comment.slice(0, 200) : null,
      });
      if (body.solved) this.emit(t, 'CLOSED', { outcome: 'SOLVED' });
      else if (t.reopened === 0) {
        t.reopened += 1;
        this.emit(t, 'REOPENED');
        this.schedule(t);
      } else this.emit(t, 'CLOSED', { outcome: 'UNSOLVED' });
      ctx.status = 201;
      ctx.body = this.view(t);
    });

    // Simulator only: a person (or a test) plays the duty officer.
    router.post('/dev/tickets/:id/reply', (ctx) => {
      const t = this.find(ctx.params.id);
      const body = ctx.request.body;
      if (!t) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND', message: 'No ticket with that number or reference' };
        return;
      }
      if (!isRecord(body) || !text(body.reply, 2000)) {
        ctx.status = 400;
        ctx.body = bad('body must be { reply: string }');
        return;
      }
      if (t.status === 'CLOSED' || t.status === 'REPLIED') {
        ctx.status = 409;
        ctx.body = { error: 'WRONG_STATE', message: `The ticket is ${t.status}` };
        return;
      }
      t.manual = true;
      if (t.timer) clearTimeout(t.timer);
      this.emit(t, 'REPLIED', { reply: body.reply });
      ctx.body = this.view(t);
    });

    router.get('/dev/tickets', (ctx) => {
      const reference = typeof ctx.query.reference === 'string' ? ctx.query.reference : undefined;
      ctx.body = { tickets: this.tickets().filter((t) => reference === undefined || t.reference === reference) };
    });
  }

  operations(): Operation[] {
    const category = { type: 'string', enum: [...TICKET_CATEGORIES] };
    const event = s.obj({
      seq: s.int,
      eventId: s.str,
      ticketNo: s.str,
      reference: s.str,
      type: { type: 'string', enum: [...TICKET_EVENTS] },
      reply: s.nullable(s.str),
      department: s.nullable(s.str),
      outcome: s.nullable({ type: 'string', enum: ['SOLVED', 'UNSOLVED'] }),
      at: s.str,
    });
    const view = s.obj({
      ticketNo: s.str,
      reference: s.str,
      category,
      status: { type: 'string', enum: [...TICKET_EVENTS] },
      reopened: s.int,
      receivedAt: s.str,
      history: s.arr(event),
    });
    const receipt = s.obj({
      ticketNo: s.str,
      reference: s.str,
      status: { type: 'string', enum: ['RECEIVED'] },
      receivedAt: s.str,
    });
    return [
      {
        method: 'post',
        path: '/v1/tickets',
        headers: ['Idempotency-Key'],
        summary:
          'Open a ticket (header Idempotency-Key required): 201 with a ticket number GD<year><7 digits>; the same key again answers 200 with the same ticket; the same reference under another key is 409',
        body: s.obj(
          {
            reference: s.str,
            category,
            question: s.str,
            context: s.obj({ serviceId: s.str, applicationNumber: s.str }, []),
            photoRef: s.str,
            location: s.obj({ latitude: { type: 'number' }, longitude: { type: 'number' }, address: s.str }, [
              'latitude',
              'longitude',
            ]),
          },
          ['reference', 'category', 'question'],
        ),
        response: receipt,
        success: { '200': 'Replay of a key already seen', '201': 'A new ticket' },
        errors: { '400': 'Missing Idempotency-Key or bad body', '409': 'DUPLICATE_REFERENCE' },
      },
      {
        method: 'get',
        path: '/v1/events',
        query: ['after', 'limit'],
        summary:
          'Ticket events with seq > after, oldest first, at most limit (1-200, default 100); lastSeq is the cursor for the next call (lower than after when the hotline restarted)',
        response: s.obj({ events: s.arr(event), lastSeq: s.int }),
        errors: { '400': 'Bad after or limit' },
      },
      {
        method: 'get',
        path: '/v1/tickets/:ticketNo',
        params: ['ticketNo'],
        summary: 'One ticket and its history',
        response: view,
        errors: { '404': 'Unknown ticket' },
      },
      {
        method: 'post',
        path: '/v1/tickets/:ticketNo/feedback',
        params: ['ticketNo'],
        headers: ['Idempotency-Key'],
        summary:
          "The citizen's feedback on a reply: solved closes the ticket (CLOSED, SOLVED); not solved reopens it once (REOPENED), a second time closes it (CLOSED, UNSOLVED). The same key again changes nothing",
        body: s.obj({ solved: s.bool, comment: s.str }, ['solved']),
        response: view,
        success: { '200': 'Replay of a key already seen', '201': 'Feedback taken' },
        errors: {
          '400': 'Bad body',
          '404': 'Unknown ticket',
          '409': 'WRONG_STATE: the ticket is not waiting for feedback',
        },
      },
      {
        method: 'post',
        path: '/dev/tickets/:id/reply',
        params: ['id'],
        summary:
          'Reply as the duty officer, by ticket number or reference; the ticket leaves automatic handling (simulator only)',
        body: s.obj({ reply: s.str }),
        response: view,
        errors: { '400': 'Bad body', '404': 'Unknown ticket', '409': 'WRONG_STATE: closed or already replied' },
      },
      {
        method: 'get',
        path: '/dev/tickets',
        query: ['reference'],
        summary: 'Every ticket with its deliveries and feedback (simulator only)',
        response: s.obj({ tickets: s.arr({ type: 'object' }) }),
      },
    ];
  }
}

export interface HotlineAgency extends Agency {
  desk: HotlineDesk;
}

export function hotlineAgency(options: { paceMs: number }): HotlineAgency {
  const desk = new HotlineDesk(options.paceMs);
  const router = new Router();
  desk.mount(router);
  return {
    name: 'hotline',
    title: '12345 citizen hotline (12345热线)',
    router,
    desk,
    openapi: openapiDocument('hotline', '12345 citizen hotline (12345政务服务便民热线)', desk.operations()),
  };
}
