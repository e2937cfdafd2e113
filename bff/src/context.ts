import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { UpstreamClient } from './upstream/client';
import type { Db } from './db';
import { CatalogueStore, type CategoryRow } from './modules/catalogue/store';
import { AgencyProbe } from './modules/agencies/probe';
import type { AgencyStatusBoard } from './modules/agencies/status';
import { Deadline } from './upstream/deadline';
import { madeOnFirstUse } from './madeOnFirstUse';
import type { IdentityService } from './modules/identity/service';
import type { CarMoveService } from './modules/car-move/service';
import type { CarMoveCodes } from './modules/car-move-codes/service';
import type { Subscriptions } from './modules/notifications/subscriptions';
import type { OperatorRow, OperatorService } from './modules/operators/service';
import type { TilePublishing } from './modules/tiles/service';
import type { NoticePublishing } from './modules/notices/service';
import type { PublishedCache } from './publishedCache';
import type { LiveTile } from './modules/catalogue/store';
import { RequestAuth } from './modules/identity/auth';
import { bearerToken } from './http/bearer';
import type { Messages } from './modules/messages/service';
import type { ApplicationService } from './modules/applications/service';
import type { ServiceSearch } from './modules/applications/search';
import type { Wallet } from './modules/wallet/service';
import type { Appointments } from './modules/appointments/service';
import { agencyRecordLoaders } from './modules/agency-records/loaders';
import { recordLoaders } from './modules/records/loaders';
import type { CitizenRecords } from './modules/records/service';
import type { Faq } from './modules/ask/faq';
import type { Consultations } from './modules/ask/consultations';
import type { Payments } from './modules/payments/service';
import type { Results } from './modules/results/service';
import type { Ratings } from './modules/ratings/service';
import type { Family } from './modules/family/service';
import type { LivingFees } from './modules/living-fees/service';
import type { ApplicationWithdrawals } from './modules/applications/withdraw';
import type { PaymentsConsole } from './modules/payments/console';
import type { PaymentReconciliation } from './modules/payments/reconciliation';
import type { ProgressLookup } from './modules/applications/progress';
import type { ServiceAuthoring } from './modules/services-admin/service';
import type { InquiryCards } from './modules/services-admin/inquiry';
import type { AgencyDescriptions } from './modules/services-admin/descriptions';

/** What lives as long as the process: built once in buildApp. */
export interface Services {
  config: Config;
  db: Db;
  logger: Logger;
  catalogue: CatalogueStore;
  agencies: AgencyProbe;
  /** Each agency's status from the background checks (home tiles, operators' board). */
  agencyStatus: AgencyStatusBoard;
  identity: IdentityService;
  carMove: CarMoveService;
  /** 挪车码: owners' codes per vehicle and the notices scanners send through them. */
  carMoveCodes: CarMoveCodes;
  subscriptions: Subscriptions;
  operators: OperatorService;
  upstream: UpstreamClient;
  tiles: TilePublishing;
  /** Home's banner and notices, published from the console. */
  notices: NoticePublishing;
  liveTiles: PublishedCache<LiveTile[]>;
  messages: Messages;
  applications: ApplicationService;
  search: ServiceSearch;
  wallet: Wallet;
  appointments: Appointments;
  /** The 查 line: the citizen's records read live from the agencies. */
  records: CitizenRecords;
  /** 问: FAQ, 12345 consultations, progress lookup without signing in. */
  faq: Faq;
  consultations: Consultations;
  progress: ProgressLookup;
  /** Fees: payment slips, platform orders, notifications, receipts, refunds. */
  payments: Payments;
  /** Results of completed applications: licences issued, signed documents, their public check. */
  results: Results;
  /** 好差评: ratings of finished cases, their forwarding and follow-ups. */
  ratings: Ratings;
  /** 生活缴费 (water, power, gas bills) and traffic fines, paid through payments. */
  livingFees: LivingFees;
  /** withdrawApplication: the citizen takes an application back before a decision. */
  withdrawals: ApplicationWithdrawals;
  /** The console's payments view: search, refunds approved by a second operator. */
  paymentsConsole: PaymentsConsole;
  /** The daily reconciliation with the finance bureau (a leader job) and its reports. */
  reconciliation: PaymentReconciliation;
  /** Services, FAQ and halls authored in the console (draft, publish, version, rollback). */
  servicesAdmin: ServiceAuthoring;
  /** 查 cards made in the console. */
  inquiryCards: InquiryCards;
  /** The record fields each agency describes (OpenAPI), for prefill mappings and inquiry cards. */
  serviceDescriptions: AgencyDescriptions;
  /** The clock every feature reads (tests move it). */
  now: () => Date;
  /** Acting for family: relations from the register, who a session acts for (issue 17). */
  family: Family;
}

/**
 * What lives as long as one request. Loaders are made here, never shared between
 * requests, so one citizen's cached answers can never reach another.
 */
export interface Context extends Services {
  loaders: ReturnType<typeof createLoaders>;
  /** This request's time budget: agency calls get what is left (the write budget once it is known to be a mutation). */
  deadline: Deadline;
  /** Who is calling; resolved on first use. */
  auth: RequestAuth;
  /** The console operator calling, if the token is an operator's; resolved on first use. */
  operator: () => Promise<OperatorRow | null>;
  /** The caller's address (X-Forwarded-For behind the proxy), for limits per client. */
  clientIp: string;
  /** The address the app called this instance at (where payment notifications come back in development). */
  origin: string;
}

/** The request's loaders, each made on first use (most requests need one or two of them). */
function createLoaders(services: Services, deadline: Deadline) {
  const makers = {
    categoryById: () =>
      new DataLoader<string, CategoryRow>(async (ids) => {
        const rows = await services.catalogue.categoriesByIds(ids);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? new Error(`No category ${id}`));
      }),
    /** The record-holding agencies: one batch call per agency per request (prefill, licences). */
    records: () => agencyRecordLoaders(services.upstream, deadline),
    /** The 查 line's records: one batch call per agency per request (record screens, dashboard). */
    citizenRecords: () => recordLoaders(services.upstream, deadline),
  };
  type Loaders = { [K in keyof typeof makers]: ReturnType<(typeof makers)[K]> };
  return madeOnFirstUse(Object.keys(makers) as Array<keyof Loaders>, (key) => makers[key]()) as Loaders;
}

export function createContext(
  services: Services,
  request?: { headers: { get(name: string): string | null } },
  clientIp = 'unknown',
  requestId?: string,
): Context {
  // One token, whoever it belongs to: a citizen's resolves through auth, an operator's through operator().
  const token = bearerToken(request?.headers.get('authorization'));
  let operator: Promise<OperatorRow | null> | null = null;
  const deadline = new Deadline(Date.now(), services.config.REQUEST_DEADLINE_MS, requestId);
  return {
    ...services,
    deadline,
    loaders: createLoaders(services, deadline),
    auth: new RequestAuth(services.identity, token, services.family),
    clientIp,
    origin: `http://${request?.headers.get('host') ?? '127.0.0.1'}`,
    operator: () => (operator ??= token ? services.operators.authenticate(token) : Promise.resolve(null)),
  };
}
