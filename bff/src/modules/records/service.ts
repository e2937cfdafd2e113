import { maskAccountNumber, maskAddress, maskName, maskPlate, type AgencyName } from '@citizen/shared';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import { RECORD_BATCHES, type RecordKind, type RecordLoaders } from './loaders';
import type { CitizenDirectory } from '../identity/citizens';

type Json = Record<string, unknown>;

/** Who the records are about: kept on the parent object, never a field of the schema. */
export interface RecordHolder {
  citizenId: string;
  idNumber: string;
}

/** MyRecords' parent: each record field reads its own agency for this holder. */
export interface MyRecordsParent {
  holder: RecordHolder;
}
/**
 * The records' GraphQL types as this service returns them (bff/src/mappers.ts maps the
 * schema's types to these): the agencies' JSON passed through, masked where it must be,
 * not re-typed field by field here, so GraphQL's serialisation is what checks each value.
 * The record types with fields of their own (deposits, contributions) also carry the holder.
 */
type Returned<K extends keyof CitizenRecords> = CitizenRecords[K] extends (...args: never[]) => Promise<infer R>
  ? NonNullable<R>
  : never;
export type ProvidentFundParent = Returned<'providentFund'>;
export type SocialInsuranceParent = Returned<'socialInsurance'>;
export type FundDepositPageFromAgency = Returned<'deposits'>;
export type InsuranceContributionFromAgency = Returned<'contributions'>[number];
export type MedicalInsuranceFromAgency = Returned<'medicalInsurance'>;
export type DrivingFromAgency = Returned<'driving'>;
export type ExitEntryFromAgency = Returned<'exitEntry'>[number];
export type QualificationFromAgency = Returned<'qualifications'>[number];
export type PropertyFromAgency = Returned<'realEstate'>[number];
export type VaccinationFromAgency = Returned<'vaccinations'>[number];
export type BusinessLicenceFromAgency = Returned<'businesses'>[number];
export type BusStopFromAgency = Returned<'busStops'>[number];
export type BusArrivalsFromAgency = Returned<'busArrivals'>;

/** Certificate numbers: the first four and the last two characters stay readable. */
export const maskCertificate = (value: string): string => {
  const chars = Array.from(value);
  return chars.length <= 6
    ? '*'.repeat(chars.length)
    : chars.slice(0, 4).join('') + '*'.repeat(chars.length - 6) + chars.slice(-2).join('');
};

/**
 * A failure of one agency as the field's error: a timeout says so (the request's
 * deadline included); everything else, an open breaker too, is "unavailable". The
 * agency is named so the app can say which department cannot be reached.
 */
export function agencyError(error: unknown, agency: AgencyName): AppError {
  if (error instanceof AppError && error.code === 'AGENCY_TIMEOUT')
    return new AppError('AGENCY_TIMEOUT', error.message, { agency });
  if (error instanceof AppError && !error.code.startsWith('AGENCY_')) return error;
  return new AppError('AGENCY_UNAVAILABLE', error instanceof Error ? error.message : `${agency} is unavailable`, {
    agency,
  });
}

/**
 * The citizen's records from the agencies (查): each kind read through its per-request
 * loader (one batch call per agency per request) and shaped for the app, identifiers
 * masked (PIPL). Details that a screen opens (deposits, contributions, a voucher) are
 * one call each, within the request's deadline.
 */
export class CitizenRecords {
  constructor(
    private readonly deps: { db: Db; citizens: CitizenDirectory; identity: IdentityService; upstream: UpstreamClient },
  ) {}

  /** @throws ASSURANCE_LEVEL_TOO_LOW below level 2 (records are personal). */
  async holder(account: AccountRow): Promise<RecordHolder> {
    this.deps.identity.requireLevel(account, 2);
    // The ID number the agencies key their records by, decrypted for this request only.
    return { citizenId: account.citizen_id!, idNumber: await this.deps.citizens.idNumberOf(account.citizen_id!) };
  }

  /** The raw record of one kind (null: the agency holds none). @throws AGENCY_UNAVAILABLE / AGENCY_TIMEOUT */
  async raw(loaders: RecordLoaders, kind: RecordKind, holder: RecordHolder): Promise<Json | null> {
    try {
      return (await loaders[kind].load(holder.idNumber)) as Json | null;
    } catch (error) {
      throw agencyError(error, RECORD_BATCHES[kind].agency);
    }
  }

  async providentFund(loaders: RecordLoaders, holder: RecordHolder) {
    const record = await this.raw(loaders, 'providentFund', holder);
    const account = record?.account as Json | undefined;
    const loan = record?.loan as Json | null | undefined;
    return {
      holder,
      hasAccount: Boolean(account),
      accountNumberMasked: account ? maskAccountNumber(String(account.accountNumber)) : null,
      employer: account?.employer ?? null,
      status: account?.status ?? null,
      balanceCents: account?.balanceCents ?? null,
      monthlyDepositCents: account?.monthlyDepositCents ?? null,
      openedOn: account?.openedOn ?? null,
      loan: loan ? { ...loan, loanNumberMasked: maskAccountNumber(String(loan.loanNumber)) } : null,
    };
  }

  async deposits(holder: RecordHolder, page: number, pageSize: number, deadline: Deadline) {
    const query = {
      page: String(Math.max(1, Math.floor(page))),
      pageSize: String(Math.min(24, Math.max(1, Math.floor(pageSize)))),
    };
    const body = await this.get<Json>(
      'provident-fund',
      `/v1/accounts/${encodeURIComponent(holder.idNumber)}/deposits`,
      query,
      deadline,
    );
    if (!body) return null;
    return {
      page: body.page,
      pageSize: body.pageSize,
      total: body.total,
      items: (body.deposits as Json[]).map(({ employer: _employer, ...d }) => d),
    };
  }

  async socialInsurance(loaders: RecordLoaders, holder: RecordHolder) {
    const record = await this.raw(loaders, 'socialInsurance', holder);
    const card = record?.card as Json | null | undefined;
    return {
      holder,
      insured: Boolean(record),
      insuredCity: record?.insuredCity ?? null,
      status: record?.status ?? null,
      firstPaidOn: record?.firstPaidOn ?? null,
      cumulativeMonths: record?.cumulativeMonths ?? null,
      monthlyBaseCents: record?.monthlyBaseCents ?? null,
      types: (record?.types as Json[] | undefined) ?? [],
      card: card
        ? {
            numberMasked: maskAccountNumber(String(card.number)),
            status: card.status,
            bank: card.bank,
            issuedOn: card.issuedOn,
          }
        : null,
    };
  }

  async contributions(holder: RecordHolder, months: number, deadline: Deadline) {
    const body = await this.get<Json>(
      'social-insurance',
      `/v1/insured/${encodeURIComponent(holder.idNumber)}/contributions`,
      { months: String(Math.min(60, Math.max(1, Math.floor(months)))) },
      deadline,
    );
    return body ? (body.contributions as Json[]) : null;
  }

  async medicalInsurance(loaders: RecordLoaders, holder: RecordHolder) {
    const record = await this.raw(loaders, 'medicalInsurance', holder);
    return {
      member: Boolean(record),
      insuredPlace: record?.insuredPlace ?? null,
      status: record?.status ?? null,
      claims: (record?.claims as Json[] | undefined) ?? [],
    };
  }

  /** A fresh e-voucher code from the medical insurance agency. @throws NOT_FOUND when not a member; agency errors. */
  async voucher(holder: RecordHolder, deadline: Deadline): Promise<{ code: string; expiresAt: string }> {
    let response;
    try {
      // Not idempotent: each call is a new code; never retried or deduplicated.
      response = await this.deps.upstream.request<{ code: string; expiresAt: string }>('medical-insurance', {
        method: 'POST',
        path: '/v1/vouchers',
        body: { idNumber: holder.idNumber },
        deadline,
      });
    } catch (error) {
      throw agencyError(error, 'medical-insurance');
    }
    if (response.status === 404) throw new AppError('NOT_FOUND', 'Not a medical insurance member');
    if (response.status !== 200)
      throw new AppError('AGENCY_UNAVAILABLE', `medical-insurance answered ${response.status}`, {
        agency: 'medical-insurance',
      });
    return response.body;
  }

  async driving(loaders: RecordLoaders, holder: RecordHolder) {
    const record = await this.raw(loaders, 'driving', holder);
    return {
      licence: (record?.licence as Json | null | undefined) ?? null,
      vehicles: ((record?.vehicles as Json[] | undefined) ?? []).map(
        ({ plate, ...v }) =>
          ({ ...v, plateMasked: maskPlate(String(plate)) }) as Json as Json & {
            inspectionDue: string;
            plateMasked: string;
          },
      ),
      violations: ((record?.violations as Json[] | undefined) ?? []).map(
        ({ plate, violationId, ...v }) =>
          ({ ...v, id: violationId, plateMasked: maskPlate(String(plate)) }) as Json as Json & { handled: boolean },
      ),
    };
  }

  async exitEntry(loaders: RecordLoaders, holder: RecordHolder) {
    return ((await this.raw(loaders, 'exitEntry', holder))?.applications as Json[] | undefined) ?? [];
  }

  async qualifications(loaders: RecordLoaders, holder: RecordHolder) {
    const list = ((await this.raw(loaders, 'qualifications', holder))?.certificates as Json[] | undefined) ?? [];
    return list.map(({ certificateNumber, ...c }) => ({
      ...c,
      certificateNumberMasked: maskCertificate(String(certificateNumber)),
    }));
  }

  async realEstate(loaders: RecordLoaders, holder: RecordHolder) {
    const list = ((await this.raw(loaders, 'realEstate', holder))?.properties as Json[] | undefined) ?? [];
    return list.map(({ certificateNumber, address, ...p }) => ({
      ...p,
      certificateNumberMasked: maskCertificate(String(certificateNumber)),
      addressMasked: maskAddress(String(address)),
    }));
  }

  async vaccinations(loaders: RecordLoaders, holder: RecordHolder) {
    return ((await this.raw(loaders, 'vaccinations', holder))?.vaccinations as Json[] | undefined) ?? [];
  }

  /** The public business register (level 1 at the resolver). @throws BAD_USER_INPUT for a query too short or long. */
  async businesses(query: string, deadline: Deadline) {
    const q = query.trim();
    if (Array.from(q).length < 2 || Array.from(q).length > 60)
      throw new AppError('BAD_USER_INPUT', 'Type a credit code or at least 2 characters of a name', { field: 'query' });
    const body = await this.get<{ businesses: Json[] }>('market-regulation', '/v1/businesses', { q }, deadline);
    return (body?.businesses ?? []).map(({ legalRepresentative, ...b }) => ({
      ...b,
      legalRepresentativeMasked: maskName(String(legalRepresentative)),
    }));
  }

  async busStops(query: string | null | undefined, deadline: Deadline) {
    const body = await this.get<{ stops: Json[] }>(
      'transit',
      '/v1/stops',
      { q: (query ?? '').trim().slice(0, 30) },
      deadline,
    );
    return (body?.stops ?? []).map(({ stopId, ...s }) => ({ ...s, id: stopId }));
  }

  async busArrivals(stopId: string, deadline: Deadline) {
    if (!/^[A-Za-z0-9-]{1,20}$/.test(stopId)) return null;
    const body = await this.get<Json>(
      'transit',
      `/v1/stops/${encodeURIComponent(stopId)}/arrivals`,
      undefined,
      deadline,
    );
    return body
      ? {
          stop: { id: body.stopId, name: body.name, routes: (body.arrivals as Json[]).map((a) => a.route) },
          arrivals: body.arrivals,
        }
      : null;
  }

  /** A read from an agency: its body, null on 404. @throws AGENCY_UNAVAILABLE / AGENCY_TIMEOUT */
  private async get<T>(
    agency: AgencyName,
    path: string,
    query: Record<string, string> | undefined,
    deadline: Deadline,
  ): Promise<T | null> {
    let response;
    try {
      response = await this.deps.upstream.request<T>(agency, { path, query, deadline });
    } catch (error) {
      throw agencyError(error, agency);
    }
    if (response.status === 404) return null;
    if (response.status !== 200)
      throw new AppError('AGENCY_UNAVAILABLE', `${agency} answered ${response.status}`, { agency });
    return response.body;
  }
}
