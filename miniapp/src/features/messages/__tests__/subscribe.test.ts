import { adapter } from '../../../../test/stand-ins/platform';
import { bff, resetStandIns, signedIn } from '../../applications/__tests__/harness';
import { askToSubscribe } from '../subscribe';

describe('asking for a platform subscription', () => {
  beforeEach(() => {
    resetStandIns();
    signedIn(2);
  });
  afterEach(() => {
    adapter.templates.APPLICATION_PROGRESS = null;
    adapter.requestSubscription = async () => false;
  });

  it('asks nothing where the platform has no such messages (H5)', async () => {
    const sent = bff({});
    expect(await askToSubscribe('APPLICATION_PROGRESS')).toEqual({ accepted: false, remaining: null });
    expect(sent).toEqual([]);
  });

  it('shows the platform prompt with the topic’s template and records the answer either way', async () => {
    const prompted: string[] = [];
    adapter.templates.APPLICATION_PROGRESS = 'wx-tmpl-application';
    for (const answer of [true, false]) {
      adapter.requestSubscription = async (template) => {
        prompted.push(template);
        return answer;
      };
      const sent = bff({ RecordMessageSubscription: () => ({ data: { recordMessageSubscription: answer ? 1 : 0 } }) });
      expect(await askToSubscribe('APPLICATION_PROGRESS')).toEqual({ accepted: answer, remaining: answer ? 1 : 0 });
      expect(sent.map((r) => [r.operation, r.variables])).toEqual([
        ['RecordMessageSubscription', { topic: 'APPLICATION_PROGRESS', accepted: answer }],
      ]);
    }
    expect(prompted).toEqual(['wx-tmpl-application', 'wx-tmpl-application']);
  });
});
