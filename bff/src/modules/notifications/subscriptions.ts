import type { Transaction } from 'kysely';
import type { Platform } from '@citizen/shared';
import type { Db } from '../../db';
import type { Database } from '../../db/schema';
import type { AccountRow } from '../identity/store';
import type { CitizenDirectory } from '../identity/citizens';

export type MessageTopic =
  'CAR_MOVE_ALERT' | 'APPLICATION_PROGRESS' | 'APPOINTMENT_REMINDER' | 'LICENCE_EXPIRY' | 'ACCOUNT_SECURITY';

/**
 * Template ids per topic and platform. Real ids are issued in each platform's console
 * when the template is approved; these are the simulators'. H5 has no platform
 * messages (SMS reaches everyone).
 */
export const TEMPLATES: Record<MessageTopic, Partial<Record<Platform, string>>> = {
  CAR_MOVE_ALERT: { WECHAT: 'wx-tmpl-car-move', ALIPAY: 'ali-tmpl-car-move', BAIDU: 'bd-tmpl-car-move' },
  APPLICATION_PROGRESS: { WECHAT: 'wx-tmpl-application', ALIPAY: 'ali-tmpl-application', BAIDU: 'bd-tmpl-application' },
  APPOINTMENT_REMINDER: { WECHAT: 'wx-tmpl-appointment', ALIPAY: 'ali-tmpl-appointment', BAIDU: 'bd-tmpl-appointment' },
  LICENCE_EXPIRY: { WECHAT: 'wx-tmpl-licence', ALIPAY: 'ali-tmpl-licence', BAIDU: 'bd-tmpl-licence' },
  // No platform template: a security notice must not wait for a consent; it goes by text to the bound phone.
  ACCOUNT_SECURITY: {},
};

/** At most this many unspent consents are kept per topic (the platforms cap them too). */
const MAX_REMAINING = 50;

/**
 * Baidu's subscribe-id for a topic: the app's <form report-type="subscribe"> carries the
 * topic's name as its subscribe-id, and the server sends with the same. Baidu allows one
 * message per subscribe-id and does not add up repeated consents under one, so a Baidu
 * account holds at most one unspent consent per topic.
 */
export const baiduSubscribeId = (topic: MessageTopic): string => topic;

function maxRemaining(platform: string): number {
  return platform === 'BAIDU' ? 1 : MAX_REMAINING;
}

/**
 * One-time subscriptions: each consent the citizen gives in the app allows one
 * platform message on that topic. Spending one happens in the transaction that
 * decides to send, so a consent is never spent twice.
 */
export class Subscriptions {
  constructor(
    private readonly db: Db,
    private readonly citizens: CitizenDirectory,
  ) {}

  /** Records a consent (accepted) and returns the unspent count. */
  async record(account: AccountRow, topic: MessageTopic, accepted: boolean): Promise<number> {
    if (accepted && TEMPLATES[topic][account.platform as Platform]) {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('message_subscriptions')
          .values({ account_id: account.id, topic, remaining: 1 })
          .onConflict((oc) =>
            oc
              .columns(['account_id', 'topic'])
              .doUpdateSet((eb) => ({ remaining: eb('message_subscriptions.remaining', '+', 1) })),
          )
          .execute();
        const max = maxRemaining(account.platform);
        await trx
          .updateTable('message_subscriptions')
          .set({ remaining: max })
          .where('account_id', '=', account.id)
          .where('topic', '=', topic)
          .where('remaining', '>', max)
          .execute();
      });
    }
    const row = await this.db
      .selectFrom('message_subscriptions')
      .select('remaining')
      .where('account_id', '=', account.id)
      .where('topic', '=', topic)
      .executeTakeFirst();
    return row?.remaining ?? 0;
  }

  /**
   * The citizen's platform accounts that may be sent one message on `topic` now, each
   * consent spent in `trx`. @returns account, platform user id, template (and Baidu's subscribe-id) per message to send.
   */
  async spend(
    trx: Transaction<Database>,
    citizenId: string,
    topic: MessageTopic,
  ): Promise<
    Array<{ accountId: string; platform: Platform; userId: string; templateId: string; subscribeId?: string }>
  > {
    const accounts = await this.citizens.accountsOf(citizenId, trx);
    const spent: Array<{
      accountId: string;
      platform: Platform;
      userId: string;
      templateId: string;
      subscribeId?: string;
    }> = [];
    for (const account of accounts) {
      const templateId = TEMPLATES[topic][account.platform as Platform];
      if (!templateId) continue;
      const taken = await trx
        .updateTable('message_subscriptions')
        .set((eb) => ({ remaining: eb('remaining', '-', 1) }))
        .where('account_id', '=', account.id)
        .where('topic', '=', topic)
        .where('remaining', '>', 0)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) {
        spent.push({
          accountId: account.id,
          platform: account.platform as Platform,
          userId: account.platformUserId,
          templateId,
          ...(account.platform === 'BAIDU' ? { subscribeId: baiduSubscribeId(topic) } : {}),
        });
      }
    }
    return spent;
  }
}
