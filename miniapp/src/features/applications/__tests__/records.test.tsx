import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormField, FormSchema } from '@citizen/shared';
import { calls, routerParams } from '../../../../test/stand-ins/taro';
import ApplyPage from '../../../pages/apply/index';
import { setPreferences } from '../../../preferences';
import { application, bff, formAnswer, gqlError, resetStandIns, signedIn, type Sent } from './harness';

/**
 * Record fields (issue 19): a home, a lease or a permit the government holds in the
 * citizen's name, chosen instead of typed. One is shown locked; several are a choice;
 * none readable falls back to typing what it would have filled.
 */
const f = (id: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  id,
  type,
  label: `${id}标签`,
  labelEn: `${id} label`,
  ...extra,
});
const from = (path: string) => ({ prefill: { source: 'real-estate' as const, path, from: 'property' } });

/** 购房提取's shape: the home bought, what it fills, and what only the citizen can say. */
const PURCHASE: FormSchema = {
  fields: [
    f('name', 'text', { required: true, prefill: { source: 'population', path: 'name' } }),
    f('property', 'record', {
      label: '所购房屋',
      labelEn: 'Home bought',
      required: true,
      prefill: { source: 'real-estate', path: 'properties' },
      record: { key: 'certificateNumber', label: 'address' },
    }),
    f('propertyAddress', 'address', {
      label: '房屋坐落',
      labelEn: 'Property address',
      required: true,
      ...from('address'),
    }),
    f('purchasePrice', 'amount', {
      label: '购房总价（元）',
      labelEn: 'Price (yuan)',
      required: true,
      ...from('purchasePrice'),
    }),
    f('amount', 'amount', {
      label: '提取金额（元）',
      labelEn: 'Amount to withdraw (yuan)',
      required: true,
      min: 1,
      declaration: true,
    }),
  ],
};
const NAME = { fieldId: 'name', display: '张*', source: 'population' };
const HOME_A = {
  value: 'cert-a',
  label: '广东省深圳市南山区****',
  fills: [
    { fieldId: 'propertyAddress', display: '广东省深圳市南山区****' },
    { fieldId: 'purchasePrice', display: '3200000' },
  ],
};
const HOME_B = {
  value: 'cert-b',
  label: '广东省深圳市福田区****',
  fills: [
    { fieldId: 'propertyAddress', display: '广东省深圳市福田区****' },
    { fieldId: 'purchasePrice', display: '1850000' },
  ],
};
const TWO_HOMES = [{ fieldId: 'property', options: [HOME_A, HOME_B] }];

const wrapper = (container: HTMLElement, id: string) => container.querySelector(`.field--${id}`) as HTMLElement | null;
const review = async () =>
  fireEvent.click(await screen.findByRole('button', { name: /下一步：核对信息|Next: check your answers/ }));
const submitted = (sent: Sent[]) =>
  sent.filter((s) => s.operation === 'SubmitApplication').map((s) => s.variables.answers);
const ok = {
  SaveDraft: () => ({ data: { saveDraft: { version: 1, updatedAt: 'now' } } }),
  SubmitApplication: () => ({ data: { submitApplication: application() } }),
  DiscardDraft: () => ({ data: { discardDraft: true } }),
};

beforeEach(() => {
  resetStandIns();
  setPreferences({ locale: 'zh', elder: false });
  signedIn();
  routerParams.serviceId = 'svc-1';
});
afterAll(() => setPreferences({ locale: 'zh', elder: false }));

describe('a record field', () => {
  it('one record: a locked card, masked, with its source and what it fills; nothing of it is sent', async () => {
    const sent = bff({
      ...ok,
      ApplicationForm: () =>
        formAnswer(PURCHASE, {
          prefilled: [
            NAME,
            { fieldId: 'property', display: HOME_A.label, source: 'real-estate' },
            ...HOME_A.fills.map((x) => ({ ...x, source: 'real-estate' })),
          ],
        }),
    });
    const { container } = render(<ApplyPage />);
    await screen.findByRole('button', { name: '下一步：核对信息' });
    const card = wrapper(container, 'property')!;
    expect(card.className).toContain('field--locked');
    expect(card.getAttribute('aria-readonly')).toBe('true');
    expect(within(card).getAllByText('广东省深圳市南山区****').length).toBeGreaterThan(0);
    expect(within(card).getByText('由不动产登记中心提供')).toBeTruthy();
    // What it fills is in the card, locked: no box to type the price or the address into.
    expect(within(card).getByText('3,200,000.00 元')).toBeTruthy();
    expect(screen.queryByLabelText('房屋坐落')).toBeNull();
    expect(screen.queryByLabelText('购房总价（元）')).toBeNull();
    expect(within(card).queryByRole('radio')).toBeNull();
    // Not in the applicant card either: the home is its own card.
    expect(screen.getByText('申请人信息（已自动获取）').closest('.applicant-card')!.textContent).not.toContain(
      '南山区',
    );

    fireEvent.change(screen.getByLabelText('提取金额（元）'), { target: { value: '150000' } });
    await review();
    const summary = screen.getByRole('list', { name: '核对申请信息' });
    expect(within(summary).getAllByText('由不动产登记中心提供')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(submitted(sent)).toHaveLength(1));
    // Only what the citizen said: the BFF reads the home again, itself.
    expect(submitted(sent)[0]).toEqual({ amount: '150000' });
  });

  it('several records: a radio list of the citizen’s own, each with its masked summary; the choice fills locked fields and is what is sent', async () => {
    const sent = bff({ ...ok, ApplicationForm: () => formAnswer(PURCHASE, { prefilled: [NAME], choices: TWO_HOMES }) });
    const { container } = render(<ApplyPage />);
    const group = await screen.findByRole('radiogroup', { name: '所购房屋' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('aria-label'))).toEqual([
      '广东省深圳市南山区****，房屋坐落：广东省深圳市南山区****，购房总价（元）：3,200,000.00 元',
      '广东省深圳市福田区****，房屋坐落：广东省深圳市福田区****，购房总价（元）：1,850,000.00 元',
    ]);
    expect(radios.map((r) => r.getAttribute('aria-checked'))).toEqual(['false', 'false']);
    // One tab stop for the group, until something is chosen.
    expect(radios.map((r) => r.getAttribute('tabindex'))).toEqual(['0', '-1']);
    expect(within(wrapper(container, 'property')!).getByText('选择后自动填写：房屋坐落、购房总价（元）')).toBeTruthy();
    // Filled by the choice, never typed.
    expect(screen.queryByLabelText('房屋坐落')).toBeNull();

    // Not chosen yet: the review step asks for it on the field.
    fireEvent.change(screen.getByLabelText('提取金额（元）'), { target: { value: '150000' } });
    await review();
    expect(wrapper(container, 'property')!.querySelector('[role="alert"]')).toBeTruthy();
    expect(screen.getByText('有 1 项需要修改，请查看标出的项目')).toBeTruthy();

    // By keyboard: Enter chooses the focused record, the arrow moves the choice to the next.
    fireEvent.keyDown(radios[0]!, { key: 'Enter' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-checked')),
    ).toEqual(['true', 'false']);
    fireEvent.keyDown(within(group).getAllByRole('radio')[0]!, { key: 'ArrowDown' });
    const now = within(group).getAllByRole('radio');
    expect(now.map((r) => r.getAttribute('aria-checked'))).toEqual(['false', 'true']);
    expect(now.map((r) => r.getAttribute('tabindex'))).toEqual(['-1', '0']);
    expect(wrapper(container, 'property')!.querySelector('[role="alert"]')).toBeNull();
    // The chosen home's values, locked, under the list.
    const chosen = container.querySelector('.record-card--chosen') as HTMLElement;
    expect(within(chosen).getByText('由不动产登记中心提供，已按所选记录填写')).toBeTruthy();
    expect(within(chosen).getByText('1,850,000.00 元')).toBeTruthy();
    expect(within(chosen).getByText('广东省深圳市福田区****')).toBeTruthy();

    await review();
    const summary = screen.getByRole('list', { name: '核对申请信息' });
    expect(
      within(summary.querySelector('.review__row--property') as HTMLElement).getByText('广东省深圳市福田区****'),
    ).toBeTruthy();
    expect(
      within(summary.querySelector('.review__row--purchasePrice') as HTMLElement).getByText('1,850,000.00 元'),
    ).toBeTruthy();
    expect(
      within(summary.querySelector('.review__row--purchasePrice') as HTMLElement).getByText('由不动产登记中心提供'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(submitted(sent)).toHaveLength(1));
    // The chosen record's key and the citizen's own answer; what it fills the BFF reads itself.
    expect(submitted(sent)[0]).toEqual({ property: 'cert-b', amount: '150000' });
    expect(calls.redirectTo).toEqual(['/pages/submitted/index?id=app-1&days=3']);
  });

  it('a draft keeps the choice; one no longer among the citizen’s records is asked again', async () => {
    bff({
      ...ok,
      ApplicationForm: () =>
        formAnswer(PURCHASE, { prefilled: [NAME], choices: TWO_HOMES, draft: { property: 'cert-b', amount: '10' } }),
    });
    const first = render(<ApplyPage />);
    const group = await screen.findByRole('radiogroup', { name: '所购房屋' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-checked')),
    ).toEqual(['false', 'true']);
    first.unmount();

    bff({
      ...ok,
      ApplicationForm: () =>
        formAnswer(PURCHASE, {
          prefilled: [NAME],
          choices: TWO_HOMES,
          draft: { property: 'someone-elses', amount: '10' },
        }),
    });
    render(<ApplyPage />);
    const again = await screen.findByRole('radiogroup', { name: '所购房屋' });
    expect(
      within(again)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-checked')),
    ).toEqual(['false', 'false']);
  });

  it('the BFF refusing a record as not the citizen’s: said on the field, and the form is read again', async () => {
    let reads = 0;
    bff({
      ...ok,
      ApplicationForm: () => {
        reads += 1;
        return formAnswer(PURCHASE, { prefilled: [NAME], choices: TWO_HOMES });
      },
      SubmitApplication: () => gqlError('FORM_RECORD_NOT_OWN', { field: 'property' }),
    });
    const { container } = render(<ApplyPage />);
    fireEvent.click(within(await screen.findByRole('radiogroup', { name: '所购房屋' })).getAllByRole('radio')[0]!);
    fireEvent.change(screen.getByLabelText('提取金额（元）'), { target: { value: '150000' } });
    await review();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() =>
      expect(wrapper(container, 'property')!.querySelector('[role="alert"]')?.textContent).toBe(
        '请从您本人名下的记录中选择',
      ),
    );
    await waitFor(() => expect(reads).toBe(2));
  });

  it('the registry down: the card says so, and what it would fill is typed and sent', async () => {
    const sent = bff({
      ...ok,
      ApplicationForm: () =>
        formAnswer(PURCHASE, {
          prefilled: [NAME],
          unfilled: ['property', 'propertyAddress', 'purchasePrice'].map((fieldId) => ({
            fieldId,
            source: 'real-estate',
            code: 'AGENCY_UNAVAILABLE',
          })),
        }),
    });
    const { container } = render(<ApplyPage />);
    await screen.findByRole('button', { name: '下一步：核对信息' });
    expect(
      within(wrapper(container, 'property')!).getByText('暂时无法从不动产登记中心获取，请填写以下各项'),
    ).toBeTruthy();
    expect(within(wrapper(container, 'property')!).queryByRole('radio')).toBeNull();
    fireEvent.change(screen.getByLabelText('房屋坐落'), { target: { value: '广东省深圳市南山区科技园路1号' } });
    fireEvent.change(screen.getByLabelText('购房总价（元）'), { target: { value: '3200000' } });
    fireEvent.change(screen.getByLabelText('提取金额（元）'), { target: { value: '150000' } });
    await review();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(submitted(sent)).toHaveLength(1));
    expect(submitted(sent)[0]).toEqual({
      propertyAddress: '广东省深圳市南山区科技园路1号',
      purchasePrice: '3200000',
      amount: '150000',
    });
  });

  it('in English and in elder mode: the same choice, in the citizen’s words', async () => {
    act(() => setPreferences({ locale: 'en', elder: true }));
    bff({ ...ok, ApplicationForm: () => formAnswer(PURCHASE, { prefilled: [NAME], choices: TWO_HOMES }) });
    const { container } = render(<ApplyPage />);
    const group = await screen.findByRole('radiogroup', { name: 'Home bought' });
    expect(container.querySelector('.screen--elder')).toBeTruthy();
    expect(
      within(wrapper(container, 'property')!).getByText(
        'These are the records the real estate registry holds in your name. Choose one.',
      ),
    ).toBeTruthy();
    expect(
      within(wrapper(container, 'property')!).getByText('Choosing fills in: Property address, Price (yuan)'),
    ).toBeTruthy();
    fireEvent.click(within(group).getAllByRole('radio')[1]!);
    expect(within(group).getAllByRole('radio')[1]!.getAttribute('aria-label')).toMatch(/, chosen$/);
    expect(
      within(container.querySelector('.record-card--chosen') as HTMLElement).getByText(
        'From the real estate registry; filled in from the record chosen',
      ),
    ).toBeTruthy();
  });
});
