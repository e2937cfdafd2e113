import { AppError } from '../../errors';

/** A code's failures. CAR_MOVE_CODE_INVALID covers unknown, regenerated and deleted alike: a scanner learns nothing from which. */
export class CarMoveCodeError extends AppError {
  constructor(
    code: 'CAR_MOVE_CODE_INVALID' | 'CAR_MOVE_CODE_PAUSED' | 'CAR_MOVE_CODE_NOT_FOUND' | 'CAR_MOVE_VEHICLE_NOT_YOURS',
    details: Record<string, unknown> = {},
  ) {
    super(code, undefined, details);
  }
}

/** One of the scanner limits is reached; `scope` says which (device, client or code). */
export class CarMoveCodeLimitError extends AppError {
  constructor(
    readonly scope: 'device' | 'client' | 'code',
    limit: number,
  ) {
    super('CAR_MOVE_CODE_LIMIT', undefined, { scope, limit });
  }
}

/** A scanner's photo refused, with the HTTP status its route answers (as POST /uploads does). */
export class CodePhotoError extends AppError {
  constructor(
    code: 'UPLOAD_TYPE' | 'UPLOAD_TOO_LARGE' | 'UPLOAD_UNREADABLE',
    readonly status: number,
  ) {
    super(code);
  }
}
