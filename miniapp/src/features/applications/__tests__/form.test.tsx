import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { fieldErrorText, resolveDateBound, type FormField, type FormSchema } from '@citizen/shared';
import { FORM_VALIDATION_CASES } from '@citizen/shared/src/forms/cases';
import { calls, chosenImages, routerParams, setUploadHandler } from '../../../../test/stand-ins/taro';
import ApplyPage from '../../../pages/apply/index';
import { DRAFT_SAVE_DELAY_MS } from '../useApplicationForm';
import { NETWORK_DOWN, application, bff, formAnswer, gqlError, resetStandIns, signedIn, type Sent } from './harness';

const f = (id: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  id,
  type,
  label: `${id}标签`,
  labelEn: id,
  ...extra,
});
const options = (...values: string[]) => values.map((value) => ({ value, label: `选项${value}`, labelEn: value }));

/** One field of every type, a picker select (more than four options) and a locked, prefilled name. */
const EVERY_TYPE: FormSchema = {
  fields: [
    f('name', 'text', { required: true, prefill: { source: 'population', path: 'name' } }),
    f('nickname', 'text', { hint: '选填的称呼' }),
    f('people', 'number', { min: 1, max: 10 }),
    f('visit', 'date', { required: true, minDate: 'today', maxDate: '+30d' }),
    f('hasCar', 'select', { required: true, options: options('yes', 'no') }),
    f('district', 'select', { options: options('a', 'b', 'c', 'd', 'e') }),
    f('childId', 'idNumber', { required: true }),
    f('mobile', 'phone'),
    f('plate', 'plate'),
    f('home', 'address'),
    f('fee', 'amount', { min: 0, max: 1000 }),
    f('idCard', 'licence', { licenceKind: 'ID_CARD' }),
    f('photo', 'file', { accept: ['image/jpeg', 'image/png'], maxBytes: 1024 * 1024 }),
    f('company', 'creditCode'),
  ],
};
const NAME_PREFILLED = { fieldId: 'name', display: '张*', source: 'population' };
const LICENCE = {
  id: 'lic-1',
  kind: 'ID_CARD',
  title: '居民身份证',
  maskedNumber: '1***************2X',
  issuer: '深圳市公安局',
  validUntil: '2036-01-01',
};

const wrapper = (container: HTMLElement, id: string) => container.querySelector(`.field--${id}`) as HTMLElement | null;
const alertIn = (container: HTMLElement, id: string) =>
  wrapper(container, id)?.querySelector('[role="alert"]')?.textContent ?? null;
const review = async () => fireEvent.click(await screen.findByRole('button', { name: '下一步：核对信息' }));
const submitted = (sent: Sent[]) => sent.filter((s) => s.operation === 'SubmitApplication');

beforeEach(() => {
  resetStandIns();
  signedIn();
  routerParams.serviceId = 'svc-1';
});
afterEach(() => jest.useRealTimers());

describe('the form renderer', () => {
  it('renders a control for every field type, with its label, required mark and hint', async () => {
    bff({ ApplicationForm: () => formAnswer(EVERY_TYPE, { prefilled: [NAME_PREFILLED], licences: [LICENCE] }) });
    const { container } = render(<ApplyPage />);
    await screen.findByRole('button', { name: '下一步：核对信息' });
    // A prefilled field is a row of the 申请人信息 card; every other field its own frame.
    for (const field of EVERY_TYPE.fields)
      expect([field.id, wrapper(container, field.id)?.className]).toEqual([
        field.id,
        expect.stringContaining(field.id === 'name' ? 'field--locked field--name' : `field field--${field.id}`),
      ]);

    expect(screen.getByLabelText('nickname标签').tagName).toBe('INPUT');
    expect(screen.getByText('选填的称呼')).toBeTruthy();
    expect(screen.getByLabelText('people标签').getAttribute('data-type')).toBe('digit');
    expect(screen.getByLabelText('mobile标签').getAttribute('data-type')).toBe('number');
    expect(screen.getByLabelText('fee标签').getAttribute('data-type')).toBe('digit');
    expect(within(wrapper(container, 'fee')!).getByText('元')).toBeTruthy();
    expect(screen.getByLabelText('company标签').tagName).toBe('INPUT');
    expect(screen.getByLabelText('home标签').tagName).toBe('TEXTAREA');
    // Dates are picked within the bounds, read against the BFF's today.
    const date = screen.getByLabelText('visit标签');
    expect([date.getAttribute('min'), date.getAttribute('max')]).toEqual([
      '2026-11-21',
      resolveDateBound('+30d', '2026-11-21'),
    ]);
    // Four options or fewer: buttons; more: the platform picker.
    expect(
      within(wrapper(container, 'hasCar')!)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['选项yes', '选项no']);
    expect(screen.getByLabelText('district标签').tagName).toBe('SELECT');
    expect(screen.getByRole('button', { name: 'childId标签，点击输入' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'plate标签，点击输入' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: /居民身份证 1\*+2X 深圳市公安局/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: '拍照或选择照片' })).toBeTruthy();
    // Required fields say so in words.
    expect(within(wrapper(container, 'visit')!).getByText('（必填）')).toBeTruthy();
    expect(within(wrapper(container, 'nickname')!).getByText('（选填）')).toBeTruthy();
  });

  it('types on the ID and plate keyboards, chooses dates, options and a licence, and submits what was chosen', async () => {
    const sent = bff({
      ApplicationForm: () => formAnswer(EVERY_TYPE, { prefilled: [NAME_PREFILLED], licences: [LICENCE] }),
      SaveDraft: () => ({ data: { saveDraft: { version: 1, updatedAt: 'now' } } }),
      SubmitApplication: () => ({ data: { submitApplication: application() } }),
      DiscardDraft: () => ({ data: { discardDraft: true } }),
    });
    render(<ApplyPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'childId标签，点击输入' }));
    for (const key of '11010519491231002X') fireEvent.click(screen.getByRole('button', { name: key }));
    fireEvent.click(screen.getByRole('button', { name: '完成输入' }));
    fireEvent.click(screen.getByRole('button', { name: 'plate标签，点击输入' }));
    for (const key of '粤B12345') fireEvent.click(screen.getByRole('button', { name: key }));
    fireEvent.click(screen.getByRole('button', { name: '完成' }));
    fireEvent.change(screen.getByLabelText('visit标签'), { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getByRole('radio', { name: '选项no' }));
    fireEvent.change(screen.getByLabelText('district标签'), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('radio', { name: /居民身份证/ }));
    fireEvent.change(screen.getByLabelText('fee标签'), { target: { value: '12.5' } });
    await review();
    // The review shows every visible answer, the locked one with its masked display and source.
    const summary = screen.getByRole('list', { name: '核对申请信息' });
    expect(within(summary).getByText('张*')).toBeTruthy();
    expect(within(summary).getByText('由公安户籍提供')).toBeTruthy();
    expect(within(summary).getByText('选项e')).toBeTruthy();
    expect(within(summary).getByText('12.50 元')).toBeTruthy();
    expect(within(summary).getByText('居民身份证（1***************2X）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(calls.redirectTo).toEqual(['/pages/submitted/index?id=app-1&days=3']));
    expect(submitted(sent)[0].variables.answers).toEqual({
      visit: '2026-12-01',
      hasCar: 'no',
      district: 'e',
      childId: '11010519491231002X',
      plate: '粤B12345',
      fee: '12.5',
      idCard: 'lic-1',
    });
  });

  it('shows a locked prefilled field read-only with where it came from, and never sends it', async () => {
    const sent = bff({
      ApplicationForm: () =>
        formAnswer(
          {
            fields: [
              EVERY_TYPE.fields[0],
              f('mobile', 'phone', { required: true, prefill: { source: 'account', path: 'phone' } }),
              f('note', 'text'),
            ],
          },
          {
            prefilled: [NAME_PREFILLED, { fieldId: 'mobile', display: '138****5678', source: 'account' }],
            // A draft that somehow holds a locked field: it is not restored.
            draft: { name: '李四', note: '你好' },
          },
        ),
      SubmitApplication: () => ({ data: { submitApplication: application() } }),
      DiscardDraft: () => ({ data: { discardDraft: true } }),
    });
    const { container } = render(<ApplyPage />);
    await screen.findByRole('button', { name: '下一步：核对信息' });
    const name = wrapper(container, 'name')!;
    expect(name.className).toContain('field--locked');
    expect(name.querySelector('input, textarea, select')).toBeNull();
    expect(within(name).getByText('张*')).toBeTruthy();
    // One compact card, 申请人信息（已自动获取）; opened, each detail says where it came from.
    expect(screen.getByText('申请人信息（已自动获取）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /查看来源/ }));
    expect(within(wrapper(container, 'name')!).getByText('由公安户籍提供')).toBeTruthy();
    expect(within(wrapper(container, 'mobile')!).getByText('来自您绑定的手机号')).toBeTruthy();
    expect(screen.queryByLabelText('name标签')).toBeNull();
    await review();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(submitted(sent)).toHaveLength(1));
    expect(submitted(sent)[0].variables.answers).toEqual({ note: '你好' });
  });
});

describe('inline errors are the shared validator’s, on the shared cases the BFF also runs', () => {
  // The app's answers are always strings: the cases about unreadable answer objects are the BFF's alone.
  // A record field is answered by choosing among the BFF's own `choices`, never typed: its cases are the BFF's and the choice field's tests.
  const readable = FORM_VALIDATION_CASES.filter(
    (c) =>
      c.answers !== null &&
      typeof c.answers === 'object' &&
      !Array.isArray(c.answers) &&
      Object.values(c.answers as object).every((v) => typeof v === 'string') &&
      !c.schema.fields.some((f) => f.type === 'record'),
  );

  it('covers nearly every case of the table', () => {
    expect(readable.length).toBeGreaterThanOrEqual(FORM_VALIDATION_CASES.length - 6);
  });

  it.each(readable.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const answers = c.answers as Record<string, string>;
    const skip = new Set(c.skipFields ?? []);
    // skipFields are what the BFF prefills and locks; their value decides visibility as a display would.
    const prefilled = [...skip].map((fieldId) => ({
      fieldId,
      display: answers[fieldId] ?? '已核验',
      source: 'population',
    }));
    const draft = Object.fromEntries(Object.entries(answers).filter(([id]) => !skip.has(id)));
    const sent = bff({
      ApplicationForm: () => formAnswer(c.schema, { prefilled, draft, today: c.today }),
      SubmitApplication: () => ({ data: { submitApplication: application() } }),
      DiscardDraft: () => ({ data: { discardDraft: true } }),
    });
    const { container } = render(<ApplyPage />);
    await review();
    // Unknown answers are never typed in the app (a draft's unknown keys are dropped), so they never show.
    const expected = c.expect.ok
      ? []
      : c.expect.errors.filter((e) => e.field !== '' && e.code !== 'FORM_FIELD_UNKNOWN');
    const shown = c.schema.fields.map((field) => [field.id, alertIn(container, field.id)]);
    const wanted = c.schema.fields.map((field) => {
      const error = expected.find((e) => e.field === field.id);
      return [field.id, error ? fieldErrorText(field, error.code) : null];
    });
    expect(shown).toEqual(wanted);
    if (expected.length > 0) {
      expect(screen.getByText(`有 ${expected.length} 项需要修改，请查看标出的项目`)).toBeTruthy();
      expect(screen.queryByRole('button', { name: '确认提交' })).toBeNull();
      return;
    }
    // No inline error: on to review, and what is sent is exactly the validator's cleaned answers.
    fireEvent.click(await screen.findByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(submitted(sent)).toHaveLength(1));
    if (c.expect.ok) expect(submitted(sent)[0].variables.answers).toEqual(c.expect.answers);
  });

  it('shows an error once a field is left, and updates it while typing', async () => {
    bff({
      ApplicationForm: () => formAnswer({ fields: [f('mobile', 'phone', { required: true })] }),
      SaveDraft: () => ({ data: { saveDraft: { version: 1, updatedAt: 'now' } } }),
    });
    const { container } = render(<ApplyPage />);
    const input = await screen.findByLabelText('mobile标签');
    fireEvent.change(input, { target: { value: '138' } });
    expect(alertIn(container, 'mobile')).toBeNull();
    fireEvent.blur(input);
    expect(alertIn(container, 'mobile')).toBe('请输入11位手机号码');
    fireEvent.change(input, { target: { value: '13812345678' } });
    expect(alertIn(container, 'mobile')).toBeNull();
  });
});

describe('conditional fields', () => {
  const SCHEMA: FormSchema = {
    fields: [
      f('maritalStatus', 'select', {
        required: true,
        options: [
          { value: 'single', label: '未婚', labelEn: 'Single' },
          { value: 'married', label: '已婚', labelEn: 'Married' },
        ],
      }),
      f('spouseName', 'text', { required: true, visibleWhen: { field: 'maritalStatus', equals: ['married'] } }),
    ],
  };

  it('shows a field only for the answers that need it, and drops its answer when hidden again', async () => {
    const sent = bff({
      ApplicationForm: () => formAnswer(SCHEMA),
      SaveDraft: () => ({ data: { saveDraft: { version: 1, updatedAt: 'now' } } }),
      SubmitApplication: () => ({ data: { submitApplication: application() } }),
      DiscardDraft: () => ({ data: { discardDraft: true } }),
    });
    const { container } = render(<ApplyPage />);
    await screen.findByRole('radio', { name: '已婚' });
    expect(wrapper(container, 'spouseName')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: '已婚' }));
    fireEvent.change(screen.getByLabelText('spouseName标签'), { target: { value: '王五' } });
    fireEvent.click(screen.getByRole('radio', { name: '未婚' }));
    expect(wrapper(container, 'spouseName')).toBeNull();
    await review();
    expect(within(screen.getByRole('list', { name: '核对申请信息' })).queryByText('spouseName标签')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(submitted(sent)).toHaveLength(1));
    expect(submitted(sent)[0].variables.answers).toEqual({ maritalStatus: 'single' });
  });

  it('decides visibility from a locked, prefilled answer too', async () => {
    bff({
      ApplicationForm: () =>
        formAnswer(
          {
            fields: [
              { ...SCHEMA.fields[0], prefill: { source: 'population', path: 'maritalStatus' } },
              SCHEMA.fields[1],
            ],
          },
          { prefilled: [{ fieldId: 'maritalStatus', display: 'married', source: 'population' }] },
        ),
    });
    const { container } = render(<ApplyPage />);
    await screen.findByLabelText('spouseName标签');
    expect(within(wrapper(container, 'maritalStatus')!).getByText('已婚')).toBeTruthy();
  });
});

describe('drafts', () => {
  const SCHEMA: FormSchema = {
    fields: [
      f('name', 'text', { prefill: { source: 'population', path: 'name' } }),
      f('rentAddress', 'address', { required: true }),
      f('monthlyRent', 'amount', { required: true }),
    ],
  };

  it('says when the service’s form changed since the draft: answers dropped, new fields to fill', async () => {
    bff({
      ApplicationForm: () =>
        formAnswer(SCHEMA, {
          prefilled: [NAME_PREFILLED],
          draft: { rentAddress: '深圳市南山区科技园路1号' },
          removedFields: ['oldField', 'gone'],
          addedFields: ['monthlyRent'],
        }),
    });
    render(<ApplyPage />);
    expect(
      await screen.findByText('此事项的表单已更新。已不再需要的 2 项已从草稿中去掉。请补充：monthlyRent标签。'),
    ).toBeTruthy();
  });

  it('says nothing about changes when the draft was saved under the current form', async () => {
    bff({
      ApplicationForm: () =>
        formAnswer(SCHEMA, { prefilled: [NAME_PREFILLED], draft: { rentAddress: '深圳市南山区科技园路1号' } }),
    });
    render(<ApplyPage />);
    await screen.findByText('已恢复您 2026-11-20 10:30 填写的内容');
    expect(screen.queryByText(/此事项的表单已更新/)).toBeNull();
  });

  it('restores a saved draft and saves typed answers (not locked ones) about a second after the last change', async () => {
    const sent = bff({
      ApplicationForm: () =>
        formAnswer(SCHEMA, {
          prefilled: [NAME_PREFILLED],
          draft: { rentAddress: '深圳市南山区科技园路1号', monthlyRent: '3000' },
          draftVersion: 4,
        }),
      SaveDraft: ({ version }) => ({ data: { saveDraft: { version: version + 1, updatedAt: 'now' } } }),
    });
    render(<ApplyPage />);
    expect(((await screen.findByLabelText('rentAddress标签')) as HTMLTextAreaElement).value).toBe(
      '深圳市南山区科技园路1号',
    );
    expect((screen.getByLabelText('monthlyRent标签') as HTMLInputElement).value).toBe('3000');
    expect(screen.getByText('已恢复您 2026-11-20 10:30 填写的内容')).toBeTruthy();

    jest.useFakeTimers();
    fireEvent.change(screen.getByLabelText('monthlyRent标签'), { target: { value: '320' } });
    fireEvent.change(screen.getByLabelText('monthlyRent标签'), { target: { value: '3200' } });
    await act(async () => void jest.advanceTimersByTime(DRAFT_SAVE_DELAY_MS - 100));
    expect(sent.filter((s) => s.operation === 'SaveDraft')).toHaveLength(0);
    await act(async () => void jest.advanceTimersByTime(200));
    jest.useRealTimers();
    await screen.findByText('已自动保存');
    const saves = sent.filter((s) => s.operation === 'SaveDraft');
    expect(saves).toHaveLength(1);
    expect(saves[0].variables.version).toBe(4);
    expect(saves[0].variables.answers).toEqual({ rentAddress: '深圳市南山区科技园路1号', monthlyRent: '3200' });
  });

  it('loads the newer draft when another device saved one (DRAFT_CONFLICT)', async () => {
    let forms = 0;
    bff({
      ApplicationForm: () =>
        formAnswer(SCHEMA, {
          draft: ++forms === 1 ? { monthlyRent: '3000' } : { monthlyRent: '4500' },
          draftVersion: forms,
        }),
      SaveDraft: () => gqlError('DRAFT_CONFLICT', { field: 'version', currentVersion: 2 }),
    });
    render(<ApplyPage />);
    fireEvent.change(await screen.findByLabelText('monthlyRent标签'), { target: { value: '3100' } });
    expect(
      await screen.findByText('草稿已在其他设备上更新，已为您载入最新内容', undefined, { timeout: 3000 }),
    ).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('monthlyRent标签') as HTMLInputElement).value).toBe('4500'));
    expect(forms).toBe(2);
  });
});

describe('submitting', () => {
  const SCHEMA: FormSchema = {
    fields: [f('childId', 'idNumber', { required: true }), f('plate', 'plate', { required: true }), f('note', 'text')],
  };
  const DRAFT = { childId: '11010519491231002X', plate: '粤B12345', note: '请尽快' };

  it('reuses the stored idempotency key on a retry after a network failure, and forgets it after success', async () => {
    let attempts = 0;
    const sent = bff({
      ApplicationForm: () => formAnswer(SCHEMA, { draft: DRAFT }),
      SubmitApplication: () =>
        ++attempts === 1 ? NETWORK_DOWN : { data: { submitApplication: application({ id: 'app-9' }) } },
      DiscardDraft: () => ({ data: { discardDraft: true } }),
    });
    render(<ApplyPage />);
    await review();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    expect(
      await screen.findByText('提交未成功：网络连接失败，请检查网络后重试。再次点击“确认提交”不会重复提交。'),
    ).toBeTruthy();
    const key = submitted(sent)[0].variables.idempotencyKey;
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(Taro.getStorageSync('citizen.submissionKey.apply:svc-1')).toBe(key);
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(calls.redirectTo).toEqual(['/pages/submitted/index?id=app-9&days=3']));
    expect(submitted(sent).map((s) => s.variables.idempotencyKey)).toEqual([key, key]);
    expect(Taro.getStorageSync('citizen.submissionKey.apply:svc-1')).toBe('');
    expect(sent.map((s) => s.operation)).toContain('DiscardDraft');
  });

  it('keeps the key when the app is closed mid-submission, so the next attempt is the same application', async () => {
    let attempts = 0;
    const sent = bff({
      ApplicationForm: () => formAnswer(SCHEMA, { draft: DRAFT }),
      SubmitApplication: () => (++attempts === 1 ? NETWORK_DOWN : { data: { submitApplication: application() } }),
      DiscardDraft: () => ({ data: { discardDraft: true } }),
    });
    const first = render(<ApplyPage />);
    await review();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await screen.findByText(/提交未成功/);
    first.unmount();
    render(<ApplyPage />);
    await review();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(calls.redirectTo).toHaveLength(1));
    const keys = submitted(sent).map((s) => s.variables.idempotencyKey);
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends one submission however fast the button is tapped', async () => {
    let answer!: (value: unknown) => void;
    const sent = bff({
      ApplicationForm: () => formAnswer(SCHEMA, { draft: DRAFT }),
      SubmitApplication: () => new Promise((resolve) => (answer = resolve)),
      DiscardDraft: () => ({ data: { discardDraft: true } }),
    });
    render(<ApplyPage />);
    await review();
    const button = screen.getByRole('button', { name: '确认提交' });
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(submitted(sent)).toHaveLength(1));
    expect(screen.getByRole('button', { name: '正在提交…' }).getAttribute('aria-disabled')).toBe('true');
    await act(async () => answer({ data: { submitApplication: application() } }));
    expect(submitted(sent)).toHaveLength(1);
  });

  it('puts the BFF’s field errors back on their fields and returns to the form', async () => {
    const sent = bff({
      ApplicationForm: () => formAnswer(SCHEMA, { draft: DRAFT }),
      SaveDraft: () => ({ data: { saveDraft: { version: 2, updatedAt: 'now' } } }),
      SubmitApplication: () =>
        gqlError('ID_NUMBER_BIRTH_DATE', {
          field: 'childId',
          errors: [
            { field: 'childId', code: 'ID_NUMBER_BIRTH_DATE' },
            { field: 'plate', code: 'PLATE_FORMAT' },
          ],
        }),
    });
    const { container } = render(<ApplyPage />);
    await review();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    expect(await screen.findByText('提交未成功：请修改标出的项目后再提交')).toBeTruthy();
    expect(alertIn(container, 'childId')).toBe('身份证号中的出生日期无效');
    expect(alertIn(container, 'plate')).toBe('车牌号格式不正确');
    await waitFor(() => expect(calls.scrolls).toContain('.field--childId'));
    // The same answers cannot go back to review until the marked fields change.
    await review();
    expect(screen.queryByRole('button', { name: '确认提交' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'plate标签：粤B12345' }));
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    fireEvent.click(screen.getByRole('button', { name: '6' }));
    expect(alertIn(container, 'plate')).toBeNull();
    expect(submitted(sent)).toHaveLength(1);
  });

  it('puts a single coded error with a field (LICENCE_NOT_YOURS) on that field', async () => {
    const schema: FormSchema = { fields: [f('idCard', 'licence', { required: true, licenceKind: 'ID_CARD' })] };
    bff({
      ApplicationForm: () => formAnswer(schema, { licences: [LICENCE], draft: { idCard: 'lic-1' } }),
      SubmitApplication: () => gqlError('LICENCE_NOT_YOURS', { field: 'idCard' }),
    });
    const { container } = render(<ApplyPage />);
    await review();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(alertIn(container, 'idCard')).toBe('只能选择您本人的证照'));
  });

  it('sends a citizen whose level is too low to verify, coming back to the form', async () => {
    signedIn(2);
    bff({
      ApplicationForm: () => formAnswer(SCHEMA, { draft: DRAFT }),
      SubmitApplication: () => gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 3, currentLevel: 2 }),
    });
    render(<ApplyPage />);
    await review();
    fireEvent.click(screen.getByRole('button', { name: '确认提交' }));
    await waitFor(() =>
      expect(calls.navigateTo).toEqual([
        `/pages/face/index?returnTo=${encodeURIComponent('/pages/apply/index?serviceId=svc-1')}`,
      ]),
    );
  });
});

describe('fields the records could not fill', () => {
  const SCHEMA: FormSchema = {
    fields: [
      f('insuredCity', 'text', { required: true, prefill: { source: 'social-insurance', path: 'insuredCity' } }),
      f('fundAccount', 'text', { required: true, prefill: { source: 'provident-fund', path: 'accountNumber' } }),
      f('idCard', 'licence', { required: true, licenceKind: 'ID_CARD' }),
    ],
  };

  it('says which department did not answer, lets the citizen type, and locks the field once a retry fills it', async () => {
    let forms = 0;
    const sent = bff({
      ApplicationForm: () =>
        ++forms === 1
          ? formAnswer(SCHEMA, {
              unfilled: [
                { fieldId: 'insuredCity', source: 'social-insurance', code: 'AGENCY_UNAVAILABLE' },
                { fieldId: 'fundAccount', source: 'provident-fund', code: 'PREFILL_NO_RECORD' },
                { fieldId: 'idCard', source: 'licences', code: 'AGENCY_UNAVAILABLE' },
              ],
            })
          : formAnswer(SCHEMA, {
              prefilled: [{ fieldId: 'insuredCity', display: '深圳市', source: 'social-insurance' }],
              unfilled: [{ fieldId: 'fundAccount', source: 'provident-fund', code: 'PREFILL_NO_RECORD' }],
              licences: [LICENCE],
            }),
      SaveDraft: () => ({ data: { saveDraft: { version: 1, updatedAt: 'now' } } }),
    });
    const { container } = render(<ApplyPage />);
    expect(await screen.findByText('部分信息暂时无法从社保、电子证照库获取：您可以手动填写，或稍后重试')).toBeTruthy();
    expect(within(wrapper(container, 'insuredCity')!).getByText('暂时无法从社保获取，请手动填写')).toBeTruthy();
    expect(within(wrapper(container, 'fundAccount')!).getByText('公积金中心没有您的这项记录，请手动填写')).toBeTruthy();
    // A licence cannot be typed: the field waits for the library.
    expect(within(wrapper(container, 'idCard')!).getByText(/电子证照库暂时无法访问/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('insuredCity标签'), { target: { value: '广州' } });
    fireEvent.change(screen.getByLabelText('fundAccount标签'), { target: { value: '12345678' } });
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(wrapper(container, 'insuredCity')!.className).toContain('field--locked'));
    expect(screen.queryByText(/部分信息暂时无法从/)).toBeNull();
    // What was typed into a field that is now locked is gone; the rest stays.
    expect((screen.getByLabelText('fundAccount标签') as HTMLInputElement).value).toBe('12345678');
    expect(screen.getByRole('radio', { name: /居民身份证/ })).toBeTruthy();
    expect(sent.filter((s) => s.operation === 'ApplicationForm')).toHaveLength(2);
  });
});

describe('photos', () => {
  const SCHEMA: FormSchema = {
    fields: [f('contract', 'file', { required: true, accept: ['image/jpeg', 'image/png'], maxBytes: 1024 * 1024 })],
  };

  it('refuses a photo too large or of the wrong type before uploading, then uploads one with progress', async () => {
    bff({
      ApplicationForm: () => formAnswer(SCHEMA),
      SaveDraft: () => ({ data: { saveDraft: { version: 1, updatedAt: 'now' } } }),
    });
    let finish!: () => void;
    setUploadHandler(
      (_options, progress) =>
        new Promise((resolve) => {
          progress(40);
          finish = () => resolve({ statusCode: 201, data: JSON.stringify({ id: 'upload-1' }) });
        }),
    );
    const { container } = render(<ApplyPage />);
    chosenImages.push({ path: 'wxfile://tmp/big.jpg', size: 3 * 1024 * 1024 });
    fireEvent.click(await screen.findByRole('button', { name: '拍照或选择照片' }));
    await waitFor(() => expect(alertIn(container, 'contract')).toBe('文件太大（3 MB），请选择不超过 1 MB 的文件'));
    chosenImages.push({ path: 'blob:h5/1', size: 1000, type: 'image/gif' });
    fireEvent.click(screen.getByRole('button', { name: '拍照或选择照片' }));
    await waitFor(() => expect(alertIn(container, 'contract')).toBe('只能上传 JPG、PNG 格式的文件'));
    expect(calls.uploads).toEqual([]);

    chosenImages.push({ path: 'wxfile://tmp/contract.png', size: 200 * 1024 });
    fireEvent.click(screen.getByRole('button', { name: '拍照或选择照片' }));
    expect(await screen.findByRole('button', { name: '上传中… 40%' })).toBeTruthy();
    // No review while a photo is on its way.
    expect(screen.getByRole('button', { name: '下一步：核对信息' }).getAttribute('aria-disabled')).toBe('true');
    await act(async () => finish());
    expect(await screen.findByText('✓ 已上传')).toBeTruthy();
    expect(calls.uploads).toEqual(['wxfile://tmp/contract.png']);
    await review();
    expect(within(screen.getByRole('list', { name: '核对申请信息' })).getByText('已上传')).toBeTruthy();
  });
});

describe('loading the form', () => {
  it('asks a citizen below the service’s level to verify first', async () => {
    signedIn(1);
    bff({ ApplicationForm: () => gqlError('ASSURANCE_LEVEL_TOO_LOW', { requiredLevel: 2, currentLevel: 1 }) });
    render(<ApplyPage />);
    expect(await screen.findByText('办理此服务需要已实名认证。认证完成后将回到这里。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去认证' }));
    expect(calls.navigateTo).toEqual([
      `/pages/realname/index?required=2&returnTo=${encodeURIComponent(`/pages/apply/index?serviceId=svc-1`)}`,
    ]);
  });

  it('shows the error with a retry when the form cannot be read', async () => {
    let up = false;
    bff({ ApplicationForm: () => (up ? formAnswer({ fields: [f('note', 'text')] }) : NETWORK_DOWN) });
    render(<ApplyPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    up = true;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByLabelText('note标签')).toBeTruthy();
  });
});
