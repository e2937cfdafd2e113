import { AppError } from '../../errors';

/** No vehicle with these characters and this type: the hint says to check the plate's colour (the type). */
export class VehicleNotFoundError extends AppError {
  constructor() {
    super('VEHICLE_NOT_FOUND', undefined, { field: 'plate', hint: 'CHECK_PLATE_COLOUR' });
  }
}

/** The requester owns the vehicle they named. */
export class OwnVehicleError extends AppError {
  constructor() {
    super('CAR_MOVE_OWN_VEHICLE', undefined, { field: 'plate' });
  }
}

/** One of the harassment limits is reached. `kind` says which. */
export class CarMoveLimitError extends AppError {
  constructor(
    readonly kind: 'day' | 'month' | 'plate',
    limit: number,
  ) {
    super(
      kind === 'day' ? 'CAR_MOVE_LIMIT_DAY' : kind === 'month' ? 'CAR_MOVE_LIMIT_MONTH' : 'CAR_MOVE_LIMIT_PLATE',
      undefined,
      { limit },
    );
  }
}

export class CarMoveSuspendedError extends AppError {
  constructor(readonly until: string) {
    super('CAR_MOVE_SUSPENDED', undefined, { until });
  }
}

export class CarMoveError extends AppError {
  constructor(
    code:
      | 'CAR_MOVE_NOT_FOUND'
      | 'CAR_MOVE_CLOSED'
      | 'CAR_MOVE_REMINDER_TOO_SOON'
      | 'CAR_MOVE_ALREADY_REMINDED'
      | 'CAR_MOVE_LINK_INVALID'
      | 'CAR_MOVE_ANSWER_USED'
      | 'CAR_MOVE_ALREADY_REPORTED'
      | 'CAR_MOVE_REPORT_NOT_FOUND'
      | 'RELAY_NEEDS_PHONE'
      | 'CAR_MOVE_STEP_TOO_SOON'
      | 'CAR_MOVE_STEP_NOT_AVAILABLE',
    details: Record<string, unknown> = {},
  ) {
    super(code, undefined, details);
  }
}
