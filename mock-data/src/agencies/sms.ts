import Router from 'koa-router';
import { validatePhone } from '@citizen/shared';
import { Agency, openapiDocument, s } from './agency';

export interface SmsMessage {
  messageId: string;
  phone: string;
  templateId: string;
  params: Record<string, string>;
  status: 'delivered';
  sentAt: string;
}

/**
 * The SMS gateway's outbox: what a phone would have received, readable by tests.
 * A send with an idempotency key already seen returns the first message and sends
 * nothing, as real gateways do for client retries.
 */
export class SmsGateway {
  readonly outbox: SmsMessage[] = [];
  private serial = 0;
  private readonly byKey = new Map<string, SmsMessage>();

  send(phone: string, templateId: string, params: Record<string, string>, idempotencyKey?: string): SmsMessage {
    const seen = idempotencyKey ? this.byKey.get(idempotencyKey) : undefined;
    if (seen) return seen;
    const message: SmsMessage = {
      messageId: `SMS${String(++this.serial).padStart(10, '0')}`,
      phone,
      templateId,
      params,
      status: 'delivered',
      sentAt: new Date().toISOString(),
    };
    this.outbox.push(message);
    if (idempotencyKey) this.byKey.set(idempotencyKey, message);
    return message;
  }
}

export function smsAgency(gateway: SmsGateway): Agency {
  const router = new Router();
  router.post('/v1/messages', (ctx) => {
    const { phone, templateId, params } = (ctx.request.body ?? {}) as {
      phone?: string;
      templateId?: string;
      params?: Record<string, string>;
    };
    const checked = validatePhone(phone ?? '');
    if (!checked.ok || typeof templateId !== 'string' || !templateId) {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'a valid mainland mobile phone and a templateId are required' };
      return;
    }
    const message = gateway.send(checked.value, templateId, params ?? {}, ctx.get('idempotency-key') || undefined);
    ctx.body = { messageId: message.messageId, status: message.status };
  });
  // Test and operator view of what was sent; a real gateway has delivery reports instead.
  router.get('/dev/outbox', (ctx) => {
    const phone = typeof ctx.query.phone === 'string' ? ctx.query.phone : undefined;
    ctx.body = { messages: phone ? gateway.outbox.filter((m) => m.phone === phone) : gateway.outbox };
  });
  router.delete('/dev/outbox', (ctx) => {
    gateway.outbox.length = 0;
    ctx.status = 204;
  });

  const message = s.obj({
    messageId: s.str,
    phone: s.str,
    templateId: s.str,
    params: { type: 'object' },
    status: s.str,
    sentAt: s.str,
  });
  return {
    name: 'sms',
    title: 'SMS gateway',
    router,
    openapi: openapiDocument('sms', 'SMS gateway', [
      {
        method: 'post',
        path: '/v1/messages',
        summary: 'Send a templated SMS',
        body: s.obj({ phone: s.str, templateId: s.str, params: { type: 'object', additionalProperties: s.str } }, [
          'phone',
          'templateId',
        ]),
        response: s.obj({ messageId: s.str, status: s.str }),
        errors: { '400': 'Bad phone or template' },
      },
      {
        method: 'get',
        path: '/dev/outbox',
        summary: 'Messages sent so far (simulator only)',
        query: ['phone'],
        response: s.obj({ messages: s.arr(message) }),
      },
      { method: 'delete', path: '/dev/outbox', summary: 'Empty the outbox (simulator only)', response: s.obj({}) },
    ]),
  };
}
