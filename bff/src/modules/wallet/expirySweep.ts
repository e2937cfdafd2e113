import type { Logger } from 'pino';
import type { Db } from '../../db';
import type { LeaderJob } from '../../cluster/leader';
import { chinaCalendar } from '../../time/chinaTime';
import type { UpstreamClient } from '../../upstream/client';
import { heldLicences } from '../agency-records/licences';
import { agencyRecordLoaders } from '../agency-records/loaders';
import type { Wallet } from './service';
import type { CitizenDirectory } from '../identity/citizens';

/** Citizens read per page: the licence library's batch limit, so one page is one call. */
const PAGE = 100;

/**
 * The daily licence-expiry sweep: scheduled work, not a side effect of someone opening
 * the wallet. Once a day (China time, from `atHour`), it pages through the citizens by
 * id, asks the licence library for each page in one batch call, and leaves a reminder
 * for each licence expiring within the notice period. A reminder's event key is the
 * licence and its validity, so a second run the same day (another instance taking over
 * as leader, a restart) posts nothing twice.
 */
export class LicenceExpirySweep implements LeaderJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastDay: string | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      citizens: CitizenDirectory;
      upstream: UpstreamClient;
      wallet: Wallet;
      logger: Logger;
      now: () => Date;
      checkEveryMs: number;
      atHour: number;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.checkEveryMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs today's sweep if it is time and it has not run here today. */
  private tick(): Promise<void> {
    const { day, hour } = chinaCalendar(this.deps.now());
    if (this.running || this.lastDay === day || Number(hour.slice(11, 13)) < this.deps.atHour)
      return this.running ?? Promise.resolve();
    this.running = this.sweep()
      .then((result) => {
        this.lastDay = day;
        this.deps.logger.info(result, 'licence expiry sweep done');
      })
      .catch((error) =>
        this.deps.logger.warn({ err: error }, 'licence expiry sweep failed; tried again at the next check'),
      )
      .finally(() => (this.running = null));
    return this.running;
  }

  /** One pass over every citizen. @returns how many were read and how many reminders were posted. */
  async sweep(): Promise<{ citizens: number; reminders: number }> {
    let citizens = 0;
    let reminders = 0;
    for await (const page of this.deps.citizens.idNumbersByPage(PAGE)) {
      // One loader per page: the page's numbers go to the library in one batch call.
      // A daily job, not a request: only the per-call timeout applies.
      const loaders = agencyRecordLoaders(this.deps.upstream, null);
      const held = await Promise.all(page.map((c) => heldLicences({ idNumber: c.idNumber }, loaders)));
      for (const [i, citizen] of page.entries())
        reminders += await this.deps.wallet.remindExpiring(citizen.id, held[i]!);
      citizens += page.length;
    }
    return { citizens, reminders };
  }
}
