import Taro from '@tarojs/taro';
import { isErrorCode, errorMessage, type ErrorCode, type TypedDocumentString } from '@citizen/shared';
import { platform } from '../platform';
import { preferences } from '../preferences';

/** An error as the API reports it: a code from the shared registry and, sometimes, the field concerned. */
export interface ApiError {
  code: ErrorCode;
  /** The code's message in the citizen's language when the error arrived (errorMessage(code, locale)). */
  message: string;
  field?: string;
  path?: ReadonlyArray<string | number>;
  /** The rest of the error's extensions, e.g. triesLeft, retryAfterSeconds, requiredLevel. */
  details?: Record<string, unknown>;
}

export interface ApiResult<T> {
  /** Null when the request failed as a whole; may be partial when `errors` is not empty. */
  data: T | null;
  errors: ApiError[];
}

const TIMEOUT_MS = 15_000;

function toApiError(raw: {
  message?: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}): ApiError {
  const code = isErrorCode(raw.extensions?.code) ? raw.extensions!.code : 'INTERNAL_SERVER_ERROR';
  return {
    code,
    message: errorMessage(code, preferences().locale),
    field: typeof raw.extensions?.field === 'string' ? raw.extensions.field : undefined,
    path: raw.path,
    details: raw.extensions ?? {},
  };
}

/**
 * Runs one GraphQL operation against the BFF with Taro.request, which each platform
 * maps to its own network API (wx.request, my.request, swan.request, fetch).
 * Never throws: a network failure or a non-GraphQL answer becomes a coded error.
 */
export async function graphql<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { accessToken?: string } = {},
): Promise<ApiResult<TResult>> {
  let response: Taro.request.SuccessCallbackResult<{
    data?: TResult | null;
    errors?: Array<Parameters<typeof toApiError>[0]>;
  }>;
  try {
    response = await Taro.request({
      url: `${platform.bffUrl}/graphql`,
      method: 'POST',
      header: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}),
      },
      data: { query: document.toString(), variables },
      timeout: TIMEOUT_MS,
      dataType: 'json',
    });
  } catch {
    return failure('NETWORK_ERROR');
  }
  return resultOf(response.data, response.statusCode);
}

/** A GraphQL answer's body as a result; a body that is not GraphQL becomes a coded failure. */
export function resultOf<TResult>(body: unknown, statusCode: number): ApiResult<TResult> {
  if (!body || typeof body !== 'object' || (!('data' in body) && !('errors' in body))) {
    return failure(statusCode >= 500 || statusCode === 0 ? 'NETWORK_ERROR' : 'INTERNAL_SERVER_ERROR');
  }
  const answer = body as { data?: TResult | null; errors?: Array<Parameters<typeof toApiError>[0]> };
  return { data: answer.data ?? null, errors: (answer.errors ?? []).map(toApiError) };
}

/** A result that failed as a whole with one code, for failures found on the client. */
export function failure(code: ErrorCode): ApiResult<never> {
  return { data: null, errors: [{ code, message: errorMessage(code, preferences().locale) }] };
}
