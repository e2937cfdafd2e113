import { waitFor, type Citizens, type MockData, type RunningBff, type SignedIn } from './helpers';

/**
 * The HK/Macao endorsement (15 yuan an endorsement) as the app submits it, and paid on
 * WeChat Pay through the simulator: the fee path the withdrawal and console tests start from.
 */
const FORM = `query($s: ID!) { applicationForm(serviceId: $s) { licences { id kind } prefilled { fieldId } choices { fieldId options { value } } } }`;
const START = `mutation($p: ID!) { startPayment(paymentId: $p, channel: WECHAT) { wechat { package } } }`;

let serial = 0;

/** A fresh level-3 citizen with a phone submits one endorsement; `fields` is what the test reads of the application. */
export async function submitEndorsement(
  bff: RunningBff,
  citizens: Citizens,
  fields: string,
): Promise<{ session: SignedIn; app: Record<string, any> }> {
  const session = await citizens.faceVerified('WECHAT');
  await citizens.bindPhone(session, `137${String(Date.now() + ++serial).slice(-8)}`);
  const form = (await bff.gql(FORM, { s: 'hk-macao-endorsement' }, session.accessToken)).body.data.applicationForm;
  const answers: Record<string, string> = {
    idCard: form.licences.find((l: { kind: string }) => l.kind === 'ID_CARD').id,
    permitNumber: 'C12345678',
    endorsementType: 'tourism',
    visits: '1',
  };
  // What the exit-entry bureau holds is filled in by the server; of several records the first is chosen.
  for (const { fieldId } of form.prefilled as Array<{ fieldId: string }>) delete answers[fieldId];
  for (const choice of form.choices as Array<{ fieldId: string; options: Array<{ value: string }> }>) {
    answers[choice.fieldId] = choice.options[0]!.value;
    if (choice.fieldId === 'permit') delete answers.permitNumber;
  }
  const submit = `mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { ${fields} } }`;
  const { body } = await bff.gql(
    submit,
    { s: 'hk-macao-endorsement', a: answers, k: `endorse-${process.pid}-${Date.now()}-${serial}` },
    session.accessToken,
  );
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return { session, app: body.data.submitApplication };
}

/** Pays the endorsement's fee on WeChat (the platform's notification marks it paid) and waits until `done` holds of the application. */
export async function payEndorsement(
  bff: RunningBff,
  mock: MockData,
  session: SignedIn,
  paymentId: string,
  read: () => Promise<any>,
  done: (app: any) => boolean,
): Promise<any> {
  const started = (await bff.gql(START, { p: paymentId }, session.accessToken)).body.data.startPayment;
  await mock.json(`/wechat/dev/pay/${started.wechat.package.slice('prepay_id='.length)}`, {
    method: 'POST',
    body: JSON.stringify({ outcome: 'paid' }),
  });
  return waitFor(read, done);
}
