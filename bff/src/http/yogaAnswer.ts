/** Content types of an answer that is complete when Yoga hands it over: one JSON document. */
const WHOLE_ANSWERS = /^application\/(graphql-response\+)?json\b/i;

/**
 * The body to give Koa for a Yoga answer. A JSON answer is already whole (Yoga built it
 * as one string), so it is read at once and sent with its length in one write: streaming
 * it through Koa's pipeline() cost ~3% of busy time at 50 connections (issue 12). Answers
 * that really are streams (text/event-stream, multipart/mixed for incremental delivery)
 * are still streamed, so they flow as they are made.
 */
export async function yogaAnswerBody(response: Response): Promise<string | ReadableStream<Uint8Array> | null> {
  if (!response.body) return null;
  if (WHOLE_ANSWERS.test(response.headers.get('content-type') ?? '')) return response.text();
  return response.body;
}
