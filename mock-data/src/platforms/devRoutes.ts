import type Router from 'koa-router';
import type { PlatformSimulator } from './simulator';
import { s, type Operation } from '../agencies/agency';

/**
 * Simulator-only routes every platform has: issue a login code (what the client SDK
 * would do), finish a face scan, read sent template messages.
 */
export function addDevRoutes(router: Router, simulator: PlatformSimulator): void {
  router.post('/dev/login-code', (ctx) => {
    const { user, expired } = (ctx.request.body ?? {}) as { user?: string; expired?: boolean };
    ctx.body = {
      code: simulator.issueCode(typeof user === 'string' ? user : undefined, { expired: expired === true }),
    };
  });
  router.post('/dev/face/:id/complete', (ctx) => {
    const { outcome } = (ctx.request.body ?? {}) as { outcome?: string };
    if (outcome !== 'pass' && outcome !== 'fail' && outcome !== 'cancel') {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'outcome must be pass, fail or cancel' };
      return;
    }
    const session = simulator.completeFace(ctx.params.id, outcome);
    if (!session) {
      ctx.status = 404;
      ctx.body = { error: 'NOT_FOUND', message: 'No pending face verification with that id' };
      return;
    }
    ctx.body = { id: session.id, outcome: session.outcome };
  });
  router.get('/dev/messages', (ctx) => {
    ctx.body = { messages: simulator.messages };
  });
}

export const devOperations: Operation[] = [
  {
    method: 'post',
    path: '/dev/login-code',
    summary:
      'Issue a login code for a simulated user (stand-in for the client SDK); expired: true gives one already expired',
    body: s.obj({ user: s.str, expired: s.bool }, []),
    response: s.obj({ code: s.str }),
  },
  {
    method: 'post',
    path: '/dev/face/:id/complete',
    summary: 'Finish a face scan with an outcome (stand-in for the camera)',
    params: ['id'],
    body: s.obj({ outcome: { type: 'string', enum: ['pass', 'fail', 'cancel'] } }),
    response: s.obj({ id: s.str, outcome: s.str }),
    errors: { '400': 'Bad outcome', '404': 'Unknown id' },
  },
  {
    method: 'get',
    path: '/dev/messages',
    summary: 'Template messages sent so far',
    response: s.obj({ messages: s.arr({ type: 'object' }) }),
  },
];
