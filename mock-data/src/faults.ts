import type { Middleware } from 'koa';

/**
 * Switchable faults per agency, so tests and benchmarks can make one agency slow,
 * flaky, down or hanging while the others answer normally.
 */
export interface Fault {
  /** Added before the agency answers. */
  latencyMs: number;
  /** Share of calls (0-1) answered with 500. */
  errorRate: number;
  /** ok: normal; down: every call 503; hang: no answer until the client gives up. */
  mode: 'ok' | 'down' | 'hang';
}

export const NO_FAULT: Fault = { latencyMs: 0, errorRate: 0, mode: 'ok' };

export class FaultBoard {
  private readonly faults = new Map<string, Fault>();
  constructor(private readonly defaultLatencyMs = 0) {}

  get(agency: string): Fault {
    return this.faults.get(agency) ?? { ...NO_FAULT, latencyMs: this.defaultLatencyMs };
  }

  set(agency: string, change: Partial<Fault>): Fault {
    const next = { ...this.get(agency), ...change };
    this.faults.set(agency, next);
    return next;
  }

  reset(): void {
    this.faults.clear();
  }

  all(agencies: readonly string[]): Record<string, Fault> {
    return Object.fromEntries(agencies.map((a) => [a, this.get(a)]));
  }

  /** Reads MOCK_FAULTS: `agency=key:value,key:value;agency=down`. Throws on a bad entry. */
  applySpec(spec: string): void {
    for (const entry of spec.split(';').map((s) => s.trim()).filter(Boolean)) {
      const [agency, settings] = entry.split('=');
      if (!agency || !settings) throw new Error(`MOCK_FAULTS: cannot read "${entry}"`);
      const change: Partial<Fault> = {};
      for (const part of settings.split(',')) {
        const [key, value] = part.split(':');
        if (key === 'down' || key === 'hang' || key === 'ok') change.mode = key;
        else if (key === 'latency' || key === 'latencyMs') change.latencyMs = Number(value);
        else if (key === 'errorRate') change.errorRate = Number(value);
        else throw new Error(`MOCK_FAULTS: unknown setting "${key}" for ${agency}`);
      }
      if (Number.isNaN(change.latencyMs) || Number.isNaN(change.errorRate)) throw new Error(`MOCK_FAULTS: bad number in "${entry}"`);
      this.set(agency.trim(), change);
    }
  }

  /** Koa middleware that applies the agency's fault before its routes run. */
  middleware(agency: string): Middleware {
    return async (ctx, next) => {
      const fault = this.get(agency);
      if (fault.mode === 'hang') {
        // Hold the connection long past any sane client timeout, then drop it.
        await new Promise((resolve) => setTimeout(resolve, 120_000).unref());
        ctx.req.socket.destroy();
        return;
      }
      if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      if (fault.mode === 'down') {
        ctx.status = 503;
        ctx.set('Retry-After', '5');
        ctx.body = { error: 'SERVICE_UNAVAILABLE', message: `${agency} is down (simulated)` };
        return;
      }
      if (fault.errorRate > 0 && Math.random() < fault.errorRate) {
        ctx.status = 500;
        ctx.body = { error: 'INTERNAL_ERROR', message: `${agency} failed (simulated)` };
        return;
      }
      await next();
    };
  }
}
