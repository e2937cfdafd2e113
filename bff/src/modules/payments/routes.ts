import type Router from 'koa-router';
import { requestIdOf } from '../../observability/requestId';
import type { Payments } from './service';
import { isPlatform } from './service';

/** A notification is small; anything larger is not one. */
const MAX_NOTIFY_BYTES = 64 * 1024;

/**
 * POST /payments/notify/<wechat|alipay|baidu>: the platforms' server-side payment
 * notifications. The raw body is read as sent, because the signature covers its bytes.
 */
export function addPaymentRoutes(router: Router, payments: Payments): void {
  router.post('/payments/notify/:platform', async (ctx) => {
    const platform = ctx.params.platform ?? '';
    if (!isPlatform(platform)) {
      ctx.status = 404;
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > MAX_NOTIFY_BYTES) {
        ctx.status = 413;
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const ack = await payments.notify(platform, Buffer.concat(chunks).toString('utf8'), ctx.headers, requestIdOf(ctx));
    ctx.status = ack.status;
    ctx.type = ack.type;
    ctx.body = ack.body;
  });
}
