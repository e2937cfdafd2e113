import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Platform } from '@citizen/shared';
import type { Db } from '../../db';
import { compiledOnce } from '../../db/compiledOnce';
import type { Database, MessageTable } from '../../db/schema';
import { AppError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { PlatformAuth } from '../identity/platforms';
import { MessageNotSubscribedError } from '../identity/platforms/types';
import type { MessageTopic, Subscriptions } from '../notifications/subscriptions';
import { newestFirst } from '../../db/cursor';
import type { CitizenDirectory } from '../identity/citizens';

/** The unread count on every dashboard and tab badge: compiled once (db/compiledOnce.ts). */
const unreadCount = compiledOnce((db: Kysely<Database>, v: { citizenId: string }) =>
  db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('citizen_id', '=', v.citizenId)
    .where('read_at', 'is', null),
);

export type MessageKind = 'APPLICATION' | 'CAR_MOVE' | 'APPOINTMENT' | 'LICENCE' | 'SECURITY' | 'CONSULTATION';

export interface NewMessage {
  citizenId: string;
  kind: MessageKind;
  /** What happened, uniquely: a second post with the same key is no second message. */
  eventKey: string;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  /** The app page it is about. */
  link: string | null;
  /** The platform subscription it may spend. */
  topic: MessageTopic;
  /** Short values for the platform template and the SMS (no personal data). */
  params: Record<string, string>;
  /** false when the feature reaches the phone another way (car moving texts owners through the vehicle register). */
  sms?: boolean;
}

export const DELIVER_MESSAGE = 'messages.deliver';

type Delivery =
  | {
      messageId: string;
      channel: 'PLATFORM';
      sends: Array<{ platform: Platform; userId: string; templateId: string; subscribeId?: string }>;
      params: Record<string, string>;
      /** For the SMS fallback when no platform holds the consent after all (absent on rows queued before it existed). */
      citizenId?: string;
      topic?: MessageTopic;
      sms?: boolean;
    }
  | { messageId: string; channel: 'SMS'; citizenId: string; templateId: string; params: Record<string, string> };

/**
 * The one notification layer: every feature posts a message here in its own
 * transaction; the citizen reads it in the Messages tab, and it also leaves through
 * the outbox: the platform's subscription message where the citizen gave a consent,
 * a text to the bound phone otherwise. Each message keeps its delivery status.
 */
export class Messages {
  constructor(
    private readonly deps: {
      db: Db;
      citizens: CitizenDirectory;
      outbox: Outbox;
      subscriptions: Subscriptions;
      platforms: Record<Platform, PlatformAuth>;
      upstream: UpstreamClient;
      logger: Logger;
      now: () => Date;
    },
  ) {
    deps.outbox.on(
      DELIVER_MESSAGE,
      (payload: Delivery) => this.deliver(payload),
      // Given up after every retry: the citizen still has it in the app, marked as not delivered outside it.
      async (payload: Delivery) =>
        void (await deps.db
          .updateTable('messages')
          .set({ delivery_status: 'FAILED' })
          .where('id', '=', payload.messageId)
          .execute()),
    );
  }

  /** Posts a message in the caller's transaction. @returns its id, or null when this event already has one. */
  async post(trx: Transaction<Database>, message: NewMessage): Promise<string | null> {
    const id = randomUUID();
    const inserted = await trx
      .insertInto('messages')
      .values({
        id,
        citizen_id: message.citizenId,
        kind: message.kind,
        event_key: message.eventKey.slice(0, 128),
        title: message.title,
        title_en: message.titleEn,
        body: message.body,
        body_en: message.bodyEn,
        link: message.link,
        read_at: null,
        channel: 'NONE',
        delivery_status: 'NOT_SENT',
        created_at: this.deps.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['citizen_id', 'event_key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return null;

    // Step 1: a platform message for each platform account with an unspent consent.
    const sends = await this.deps.subscriptions.spend(trx, message.citizenId, message.topic);
    if (sends.length) {
      await trx
        .updateTable('messages')
        .set({ channel: 'PLATFORM', delivery_status: 'PENDING' })
        .where('id', '=', id)
        .execute();
      await this.deps.outbox.enqueue(trx, DELIVER_MESSAGE, {
        messageId: id,
        channel: 'PLATFORM',
        sends: sends.map(({ platform, userId, templateId, subscribeId }) => ({
          platform,
          userId,
          templateId,
          subscribeId,
        })),
        params: message.params,
        citizenId: message.citizenId,
        topic: message.topic,
        sms: message.sms !== false,
      } satisfies Delivery);
      return id;
    }
    // Step 2: otherwise a text, when the citizen bound a phone.
    if (message.sms === false) return id;
    if (await this.deps.citizens.hasPhone(message.citizenId, trx)) {
      await trx
        .updateTable('messages')
        .set({ channel: 'SMS', delivery_status: 'PENDING' })
        .where('id', '=', id)
        .execute();
      await this.deps.outbox.enqueue(trx, DELIVER_MESSAGE, {
        messageId: id,
        channel: 'SMS',
        citizenId: message.citizenId,
        templateId: message.topic,
        params: message.params,
      } satisfies Delivery);
    }
    return id;
  }

  /** The outbox handler. Throwing leaves it to be retried; the message id is the SMS gateway's idempotency key. */
  private async deliver(delivery: Delivery): Promise<void> {
    if (delivery.channel === 'PLATFORM') {
      let delivered = 0;
      for (const send of delivery.sends) {
        try {
          await this.deps.platforms[send.platform].sendMessage(
            send.userId,
            send.templateId,
            delivery.params,
            send.subscribeId,
          );
          delivered += 1;
        } catch (error) {
          // The platform holds no consent after all (Baidu's 4007: never given, used, or withdrawn): no retry changes that.
          if (!(error instanceof MessageNotSubscribedError)) throw error;
        }
      }
      // Step 3: no platform took it: a text to the bound phone, as when no consent was recorded.
      if (delivered === 0) {
        const texted =
          delivery.citizenId && delivery.sms !== false
            ? await this.text(
                delivery.messageId,
                delivery.citizenId,
                delivery.topic ?? 'ACCOUNT_SECURITY',
                delivery.params,
              )
            : false;
        await this.deps.db
          .updateTable('messages')
          .set(texted ? { channel: 'SMS', delivery_status: 'SENT' } : { channel: 'NONE', delivery_status: 'NOT_SENT' })
          .where('id', '=', delivery.messageId)
          .execute();
        return;
      }
    } else {
      await this.text(delivery.messageId, delivery.citizenId, delivery.templateId, delivery.params);
    }
    await this.deps.db
      .updateTable('messages')
      .set({ delivery_status: 'SENT' })
      .where('id', '=', delivery.messageId)
      .execute();
  }

  /** A text to the citizen's bound phone. @returns false when no phone is bound. The message id is the gateway's idempotency key. */
  private async text(
    messageId: string,
    citizenId: string,
    templateId: string,
    params: Record<string, string>,
  ): Promise<boolean> {
    const phone = await this.deps.citizens.phoneOf(citizenId);
    if (!phone) return false;
    const { status } = await this.deps.upstream.request('sms', {
      method: 'POST',
      path: '/v1/messages',
      headers: { 'idempotency-key': messageId },
      body: { phone, templateId, params },
      // Texts are sent by the outbox's delivery, not in the request that posted the message.
      deadline: null,
    });
    if (status !== 200) throw new AppError('AGENCY_UNAVAILABLE', `SMS gateway answered ${status}`, { agency: 'sms' });
    return true;
  }

  /** Newest first, by cursor. */
  async list(
    citizenId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<{ items: MessageTable[]; nextCursor: string | null }> {
    const { rows, nextCursor } = await newestFirst(
      this.deps.db.selectFrom('messages').selectAll().where('citizen_id', '=', citizenId),
      first,
      after,
    );
    return { items: rows, nextCursor };
  }

  async unread(citizenId: string): Promise<number> {
    const [row] = await unreadCount(this.deps.db, { citizenId });
    return Number(row?.n ?? 0);
  }

  /** @throws NOT_FOUND for another citizen's message (the same answer as for none). */
  async markRead(citizenId: string, id: string): Promise<MessageTable> {
    await this.deps.db
      .updateTable('messages')
      .set({ read_at: this.deps.now().toISOString() })
      .where('id', '=', id)
      .where('citizen_id', '=', citizenId)
      .where('read_at', 'is', null)
      .execute();
    const row = await this.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', id)
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  async markAllRead(citizenId: string): Promise<number> {
    const result = await this.deps.db
      .updateTable('messages')
      .set({ read_at: this.deps.now().toISOString() })
      .where('citizen_id', '=', citizenId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
