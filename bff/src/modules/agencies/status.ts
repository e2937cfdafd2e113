import { AGENCIES, type AgencyName } from '@citizen/shared';
import type { Logger } from 'pino';
import type { Metrics } from '../../upstream/metrics';
import type { AgencyProbe, ProbeResult } from './probe';

export interface AgencyHealth {
  name: AgencyName;
  /** Answered its last health check and its breaker is not open. */
  reachable: boolean;
  latencyMs: number | null;
  /** When the last check finished; null before the first. */
  checkedAt: Date | null;
}

/**
 * Each instance's view of the agencies, refreshed in the background: the home screen
 * and the operators' board read it instead of probing per request, so a hanging agency
 * costs them nothing (its probe times out here, once per refresh, for everyone). An
 * open breaker marks the agency unreachable at once, between refreshes.
 */
export class AgencyStatusBoard {
  private readonly results = new Map<AgencyName, ProbeResult & { checkedAt: Date }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly probe: AgencyProbe,
    private readonly options: { refreshMs: number; metrics: Metrics; logger: Logger },
  ) {}

  /** Starts the background refresh; resolves after the first one, so the first home screen is right. */
  start(): Promise<void> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
      this.timer.unref();
    }
    return this.refresh();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Checks every agency now; concurrent calls share one round. */
  refresh(): Promise<void> {
    this.running ??= this.probeAll().finally(() => (this.running = null));
    return this.running;
  }

  get(name: AgencyName): AgencyHealth {
    const last = this.results.get(name);
    // Unknown before the first check: assumed up, as a tile should not grey on a guess.
    const probed = last ? last.reachable : true;
    return {
      name,
      reachable: probed && this.probe.breaker(name) !== 'OPEN',
      latencyMs: last?.latencyMs ?? null,
      checkedAt: last?.checkedAt ?? null,
    };
  }

  available(name: AgencyName): boolean {
    return this.get(name).reachable;
  }

  all(): AgencyHealth[] {
    return AGENCIES.map((name) => this.get(name));
  }

  private async probeAll(): Promise<void> {
    const results = await this.probe.probeAll(AGENCIES);
    const checkedAt = new Date();
    for (const result of results) {
      const before = this.results.get(result.name);
      if (before && before.reachable !== result.reachable)
        this.options.logger.warn({ agency: result.name, reachable: result.reachable }, 'agency status changed');
      this.results.set(result.name, { ...result, checkedAt });
      this.options.metrics.agencyReachable.labels(result.name).set(result.reachable ? 1 : 0);
    }
  }
}
