/**
 * A stand-in BFF and fixtures for the application tests (not a test file itself).
 * The BFF answers by operation name, like the identity tests' one, and records what
 * it was sent.
 */
import Taro from '@tarojs/taro';
import type {
  ApplicationFieldsFragment,
  ApplicationFormQuery,
  FormSchema,
  MeFieldsFragment,
  ServiceDefinitionFieldsFragment,
} from '@citizen/shared';
import { calls, chosenImages, modalAnswers, routerParams, setRequestHandler } from '../../../../test/stand-ins/taro';

export interface Sent {
  operation: string;
  variables: any;
  authorization?: string;
}
/** Return this from an answer to fail the request as a dropped connection would. */
export const NETWORK_DOWN = Symbol('network down');
type Answer = (variables: any, sent: Sent[]) => unknown;

export function bff(answers: Record<string, Answer>): Sent[] {
  const sent: Sent[] = [];
  setRequestHandler(async ({ data, header }) => {
    const { query, variables } = data as { query: string; variables: any };
    const operation = /(?:query|mutation) (\w+)/.exec(query)![1];
    sent.push({ operation, variables, authorization: header?.authorization });
    const answer = answers[operation];
    if (!answer) throw new Error(`unexpected ${operation}`);
    const body = await answer(variables, sent);
    if (body === NETWORK_DOWN) throw new Error('request:fail');
    return { statusCode: 200, data: body };
  });
  return sent;
}

export const gqlError = (code: string, extensions: Record<string, unknown> = {}) => ({
  data: null,
  errors: [{ message: code, extensions: { code, ...extensions } }],
});

export const ME: MeFieldsFragment = {
  accountId: 'a1',
  platform: 'H5',
  level: 3,
  maskedPhone: '138****5678',
  faceVerifiedAt: '2026-11-01T00:00:00Z',
  realName: { maskedName: '张*', maskedIdNumber: '1***************2X', verifiedAt: '2026-11-01T00:00:00Z' },
  linkedPlatforms: [],
  pendingLink: null,
};

/** A stored session, so authed() needs no login round trip. */
export function signedIn(level = 3): void {
  Taro.setStorageSync('citizen.session', { accessToken: 'access', refreshToken: 'refresh', me: { ...ME, level } });
}

export function resetStandIns(): void {
  Taro.clearStorageSync();
  for (const key of Object.keys(calls) as Array<keyof typeof calls>) calls[key].length = 0;
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  modalAnswers.length = 0;
  chosenImages.length = 0;
}

export function service(
  schema: FormSchema,
  extra: Partial<ServiceDefinitionFieldsFragment> = {},
): ServiceDefinitionFieldsFragment {
  return {
    id: 'svc-1',
    title: '测试服务',
    titleEn: 'Test service',
    lines: ['DO'],
    description: '用于测试的服务。',
    descriptionEn: 'A service for tests.',
    requiredLevel: 2,
    bundle: false,
    promisedDays: 3,
    fees: '免费',
    feesEn: 'Free',
    formSchema: { ...schema },
    category: { id: 'housing', name: '住房保障', nameEn: 'Housing' },
    departments: [{ code: 'housing', name: '住房和城乡建设局', nameEn: 'Housing Bureau' }],
    materials: [],
    ...extra,
  };
}

type FormAnswer = ApplicationFormQuery['applicationForm'];

/** The ApplicationForm answer for a schema; `draft` is the answers object of the saved draft. */
export function formAnswer(
  schema: FormSchema,
  options: Partial<Omit<FormAnswer, 'draft' | 'service'>> & {
    draft?: Record<string, string> | null;
    draftVersion?: number;
    removedFields?: string[];
    addedFields?: string[];
  } = {},
) {
  const { draft, draftVersion, removedFields = [], addedFields = [], ...rest } = options;
  const applicationForm: FormAnswer = {
    service: service(schema),
    prefilled: [],
    unfilled: [],
    licences: [],
    choices: [],
    draft: draft
      ? { answers: draft, version: draftVersion ?? 1, updatedAt: '2026-11-20T02:30:00Z', removedFields, addedFields }
      : null,
    today: '2026-11-21',
    ...rest,
  };
  return { data: { applicationForm } };
}

export function application(extra: Partial<ApplicationFieldsFragment> = {}): ApplicationFieldsFragment {
  return {
    id: 'app-1',
    number: 'SQ2026112112345678',
    queryCode: 'K7M2QX',
    status: 'SUBMITTED',
    statusReason: null,
    createdAt: '2026-11-21T02:00:00Z',
    updatedAt: '2026-11-21T02:00:00Z',
    service: { id: 'svc-1', title: '测试服务', titleEn: 'Test service', bundle: false },
    departments: [
      {
        status: 'SUBMITTED',
        reason: null,
        receiptNo: null,
        updatedAt: '2026-11-21T02:00:00Z',
        department: { code: 'housing', name: '住房和城乡建设局', nameEn: 'Housing Bureau' },
      },
    ],
    timeline: [{ status: 'SUBMITTED', note: null, at: '2026-11-21T02:00:00Z', department: null }],
    answers: [],
    payment: null,
    result: null,
    rating: null,
    canWithdraw: false,
    withdrawal: null,
    ...extra,
  };
}
