import { AppError } from '../errors';

/** The agency did not answer in time (after any retries). */
export class AgencyTimeoutError extends AppError {
  constructor(readonly agency: string) {
    super('AGENCY_TIMEOUT', `${agency} did not answer in time`, { agency });
  }
}

/** The agency answered 5xx or the connection failed (after any retries). */
export class AgencyUnavailableError extends AppError {
  constructor(
    readonly agency: string,
    readonly status?: number,
  ) {
    super('AGENCY_UNAVAILABLE', `${agency} is unavailable${status ? ` (HTTP ${status})` : ''}`, { agency });
  }
}

/** The agency's breaker is open: we do not call it until the half-open probe. */
export class AgencyCircuitOpenError extends AppError {
  constructor(readonly agency: string) {
    super('AGENCY_CIRCUIT_OPEN', `${agency} is failing; calls are paused`, { agency });
  }
}
