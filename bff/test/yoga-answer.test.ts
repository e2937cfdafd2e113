import { yogaAnswerBody } from '../src/http/yogaAnswer';

/** What the Koa wrapper hands Koa for each kind of Yoga answer (http/yogaAnswer.ts); edges.test.ts checks the same over HTTP. */
describe('the body of a Yoga answer', () => {
  it('is the whole text for a JSON answer, in either GraphQL JSON type', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8']) {
      const body = await yogaAnswerBody(new Response('{"data":{"ok":"是"}}', { headers: { 'content-type': type } }));
      expect(body).toBe('{"data":{"ok":"是"}}');
    }
  });

  it('stays the stream for an event stream or a multipart answer', async () => {
    for (const type of ['text/event-stream', 'multipart/mixed; boundary="-"']) {
      const response = new Response('event: next\ndata: {}\n\n', { headers: { 'content-type': type } });
      const body = await yogaAnswerBody(response);
      expect(body).toBe(response.body);
      expect(response.bodyUsed).toBe(false);
    }
  });

  it('is null when there is no body', async () => {
    expect(await yogaAnswerBody(new Response(null, { status: 405 }))).toBeNull();
  });
});
