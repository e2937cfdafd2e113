import { RecordMessageSubscriptionDocument, type MessageTopic } from '@citizen/shared';
import { platform } from '../../platform';
import { authed } from '../identity/session';

export type SubscriptionAnswer = { accepted: boolean; remaining: number | null };

/** The platform's template for a topic, or null where the platform has no such messages (H5). */
export function templateFor(topic: MessageTopic): string | null {
  return platform.templates[topic as keyof typeof platform.templates] ?? null;
}

/**
 * Records what the platform answered (never what the app assumed), so the next notice on
 * the topic arrives as a platform message instead of an SMS. @returns the answer and how
 * many messages on the topic the citizen's consents now allow (null when not recorded).
 */
export async function recordSubscriptionAnswer(topic: MessageTopic, accepted: boolean): Promise<SubscriptionAnswer> {
  const result = await authed(RecordMessageSubscriptionDocument, { topic, accepted });
  return { accepted, remaining: result.data?.recordMessageSubscription ?? null };
}

/**
 * Asks the platform's one-time subscription prompt for a topic (wx.requestSubscribeMessage,
 * my.requestSubscribeMessage) and records the answer. Call it first thing in a tap
 * handler: WeChat only shows the prompt from a tap. Platforms without such messages (H5)
 * ask nothing. Baidu has no prompt API: its consent comes from a tapped form
 * (SubscribeButton.swan.tsx), so use SubscribeButton where the app asks.
 */
export async function askToSubscribe(topic: MessageTopic): Promise<SubscriptionAnswer> {
  const template = templateFor(topic);
  if (!template) return { accepted: false, remaining: null };
  return recordSubscriptionAnswer(topic, await platform.requestSubscription(template));
}
