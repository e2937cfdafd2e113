import { describeJourneys } from './mini-journeys';

/** The citizen's journeys on the real Alipay build (mini-journeys.ts), `my` answering as Alipay documents. */
jest.setTimeout(60_000);
describe('Alipay build: the citizen’s journeys in the mini-program harness', () => describeJourneys('alipay'));
