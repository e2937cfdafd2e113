import type { Middleware } from 'koa';

/**
 * Switchable faults per agency, so tests and benchmarks can make one agency slow,
 * flaky, throttling, down or hanging while the others answer normally.
 */
export interface Fault {
  /** Added before the agency answers. */
  latencyMs: number;
  /** Share of calls (0-1) answered with 500, drawn from the agency's seeded sequence. */
  errorRate: number;
  /** ok: normal; down: every call 503; throttle: every call 429 with Retry-After: 1; hang: no answer until the client gives up. */
  mode: 'ok' | 'down' | 'throttle' | 'hang';
}

export const FAULT_MODES: readonly Fault['mode'][] = ['ok', 'down', 'throttle', 'hang'];

export const NO_FAULT: Fault = { latencyMs: 0, errorRate: 0, mode: 'ok' };

/** mulberry32: a small seeded generator; the same seed gives the same sequence of draws. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable number per (seed, agency), so each agency draws from a sequence of its own. */
function streamSeed(seed: number, agency: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < agency.length; i++) h = Math.imul(h ^ agency.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class FaultBoard {
  private readonly faults = new Map<string, Fault>();
  private readonly draws = new Map<string, () => number>();

  /**
   * `seed` (MOCK_SEED) makes errorRate deterministic: each agency's n-th call after its
   * fault was set fails or not the same way in every run, so retry tests do not depend on chance.
   */
  constructor(
    private readonly defaultLatencyMs = 0,
    private readonly seed = 0,
  ) {}

  get(agency: string): Fault {
    return this.faults.get(agency) ?? { ...NO_FAULT, latencyMs: this.defaultLatencyMs };
  }

  set(agency: string, change: Partial<Fault>): Fault {
    const next = { ...this.get(agency), ...change };
    this.faults.set(agency, next);
    // Setting a fault starts the agency's sequence again: a test sees the same draws whatever ran before it.
    this.draws.delete(agency);
    return next;
  }

  reset(): void {
    this.faults.clear();
    this.draws.clear();
  }

  all(agencies: readonly string[]): Record<string, Fault> {
    return Object.fromEntries(agencies.map((a) => [a, this.get(a)]));
  }

  /** The agency's next draw in [0, 1) from its seeded sequence. */
  draw(agency: string): number {
    let next = this.draws.get(agency);
    if (!next) this.draws.set(agency, (next = seededRandom(streamSeed(this.seed, agency))));
    return next();
  }

  /** Reads MOCK_FAULTS: `agency=key:value,key:value;agency=down`. Throws on a bad entry. */
  applySpec(spec: string): void {
    for (const entry of spec
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [agency, settings] = entry.split('=');
      if (!agency || !settings) throw new Error(`MOCK_FAULTS: cannot read "${entry}"`);
      const change: Partial<Fault> = {};
      for (const part of settings.split(',')) {
        const [key, value] = part.split(':');
        if ((FAULT_MODES as readonly string[]).includes(key)) change.mode = key as Fault['mode'];
        else if (key === 'latency' || key === 'latencyMs') change.latencyMs = Number(value);
        else if (key === 'errorRate') change.errorRate = Number(value);
        else throw new Error(`MOCK_FAULTS: unknown setting "${key}" for ${agency}`);
      }
      if (Number.isNaN(change.latencyMs) || Number.isNaN(change.errorRate))
        throw new Error(`MOCK_FAULTS: bad number in "${entry}"`);
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
      if (fault.mode === 'throttle') {
        ctx.status = 429;
        ctx.set('Retry-After', '1');
        ctx.body = { error: 'TOO_MANY_REQUESTS', message: `${agency} asks callers to slow down (simulated)` };
        return;
      }
      if (fault.errorRate > 0 && this.draw(agency) < fault.errorRate) {
        ctx.status = 500;
        ctx.body = { error: 'INTERNAL_ERROR', message: `${agency} failed (simulated)` };
        return;
      }
      await next();
    };
  }
}
