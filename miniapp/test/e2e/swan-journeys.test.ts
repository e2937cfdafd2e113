import { describeJourneys } from './mini-journeys';

/** The citizen's journeys on the real Baidu build (mini-journeys.ts), `swan` answering as Baidu documents. */
jest.setTimeout(60_000);
describe('Baidu build: the citizen’s journeys in the mini-program harness', () => describeJourneys('swan'));
