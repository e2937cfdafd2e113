import { RecordMessageSubscriptionDocument, type MessageTopic } from '@citizen/shared';
import { platform } from '../../platform';
import { authed } from '../identity/session';

/**
 * Asks the platform's one-time subscription prompt for a topic and records the answer,
 * so the next notice on it arrives as a platform message instead of an SMS. Call it
 * first thing in a tap handler: WeChat only shows the prompt from a tap. Platforms
 * without such messages (H5) ask nothing. @returns whether the citizen accepted, and how
 * many messages on the topic their consents now allow (null when that was not recorded).
 */
export async function askToSubscribe(topic: MessageTopic): Promise<{ accepted: boolean; remaining: number | null }> {
  const template = platform.templates[topic as keyof typeof platform.templates];
  if (!template) return { accepted: false, remaining: null };
  const accepted = await platform.requestSubscription(template);
  const result = await authed(RecordMessageSubscriptionDocument, { topic, accepted });
  return { accepted, remaining: result.data?.recordMessageSubscription ?? null };
}
