import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { UpstreamClient } from './upstream/client';
import type { Db } from './db';
import { CatalogueStore, type CategoryRow } from './modules/catalogue/store';
import { AgencyProbe, isAgency } from './modules/agencies/probe';
import type { IdentityService } from './modules/identity/service';
import type { CarMoveService } from './modules/car-move/service';
import type { Subscriptions } from './modules/notifications/subscriptions';
import type { OperatorRow, OperatorService } from './modules/operators/service';
import type { TilePublishing } from './modules/tiles/service';
import type { LiveTileCache } from './modules/tiles/cache';
import type { TileRow as LiveTileRow } from './modules/catalogue/store';
import { RequestAuth } from './modules/identity/auth';
import { bearerToken } from './http/bearer';
import type { Messages } from './modules/messages/service';
import type { ApplicationService } from './modules/applications/service';
import type { ServiceSearch } from './modules/applications/search';
import type { Wallet } from './modules/wallet/service';
import type { Appointments } from './modules/appointments/service';
import { agencyRecordLoaders } from './modules/applications/prefill';

/** What lives as long as the process: built once in buildApp. */
export interface Services {
  config: Config;
  db: Db;
  logger: Logger;
  catalogue: CatalogueStore;
  agencies: AgencyProbe;
  identity: IdentityService;
  carMove: CarMoveService;
  subscriptions: Subscriptions;
  operators: OperatorService;
  upstream: UpstreamClient;
  tiles: TilePublishing;
  liveTiles: LiveTileCache<LiveTileRow[]>;
  messages: Messages;
  applications: ApplicationService;
  search: ServiceSearch;
  wallet: Wallet;
  appointments: Appointments;
  /** The clock every feature reads (tests move it). */
  now: () => Date;
}

/**
 * What lives as long as one request. Loaders are made here, never shared between
 * requests, so one citizen's cached answers can never reach another.
 */
export interface Context extends Services {
  loaders: ReturnType<typeof createLoaders>;
  /** Who is calling; resolved on first use. */
  auth: RequestAuth;
  /** The console operator calling, if the token is an operator's; resolved on first use. */
  operator: () => Promise<OperatorRow | null>;
}

function createLoaders(services: Services) {
  return {
    categoryById: new DataLoader<string, CategoryRow>(async (ids) => {
      const rows = await services.catalogue.categoriesByIds(ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? new Error(`No category ${id}`));
    }),
    agencyAvailable: new DataLoader<string, boolean>(async (names) => {
      const known = names.filter(isAgency);
      const results = new Map((await services.agencies.probeAll(known)).map((r) => [r.name as string, r.reachable]));
      return names.map((name) => results.get(name) ?? false);
    }),
    /** The record-holding agencies: one batch call per agency per request (prefill, licences). */
    records: agencyRecordLoaders(services.upstream),
  };
}

export function createContext(services: Services, request?: { headers: { get(name: string): string | null } }): Context {
  // One token, whoever it belongs to: a citizen's resolves through auth, an operator's through operator().
  const token = bearerToken(request?.headers.get('authorization'));
  let operator: Promise<OperatorRow | null> | null = null;
  return {
    ...services,
    loaders: createLoaders(services),
    auth: new RequestAuth(services.identity, token),
    operator: () => (operator ??= token ? services.operators.authenticate(token) : Promise.resolve(null)),
  };
}
