import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import {
  ApplicationFormDocument,
  DiscardDraftDocument,
  SaveDraftDocument,
  SubmitApplicationDocument,
  fieldErrorText,
  validateField,
  type Answers,
  type FormSchema,
  type ServiceDefinitionFieldsFragment,
} from '@citizen/shared';
import { authed, cachedMe } from '../identity/session';
import { stepUpUrl } from '../identity/levels';
import type { ApiError } from '../../api/client';
import { t, usePreferences } from '../../preferences';
import {
  answersToSubmit,
  draftAnswers,
  fieldLabel,
  lockedView,
  notAsked,
  own,
  readFormSchema,
  restoreDraft,
  serverFieldCodes,
  shownFields,
  type LicenceChoice,
  type PrefilledField,
  type RecordChoice,
  type UnfilledField,
} from './formModel';
import { sourceName } from './labels';
import { applyScope, heldKey, releaseKey } from './submissionKey';

/** Drafts are saved this long after the last change: often enough to lose nothing, rarely enough not to send every key. */
export const DRAFT_SAVE_DELAY_MS = 1000;

export interface LoadedForm {
  service: ServiceDefinitionFieldsFragment;
  schema: FormSchema;
  prefilled: ReadonlyMap<string, PrefilledField>;
  unfilled: ReadonlyMap<string, UnfilledField>;
  licences: readonly LicenceChoice[];
  /** Record fields with several of the citizen's records to choose from. */
  choices: readonly RecordChoice[];
  today: string;
}

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';
export type Step = 'form' | 'review';
export interface FormNotice {
  kind: 'error' | 'ok';
  text: string;
}

/** Brings a field into view after the step re-rendered (mini-programs find it by selector). */
function scrollToField(fieldId: string | undefined): void {
  setTimeout(() => {
    try {
      void Taro.pageScrollTo(
        fieldId ? { selector: `.field--${fieldId}`, duration: 300 } : { scrollTop: 0, duration: 300 },
      ).catch(() => undefined);
    } catch {
      // A platform without pageScrollTo: the notice at the top still says what to fix.
    }
  }, 50);
}

/**
 * Everything the apply page does with a service's form:
 * 1. loads it (schema, prefilled and locked fields, licences, the saved draft, today);
 * 2. keeps the typed answers and saves them as a draft ~1 s after the last change,
 *    reloading the form when another device saved a newer draft (DRAFT_CONFLICT);
 * 3. checks answers with the shared validator (inline once a field was left, all at
 *    once before the review step);
 * 4. submits once with an idempotency key kept in storage until it succeeds, and puts
 *    the BFF's field errors back on their fields.
 */
export function useApplicationForm(serviceId: string) {
  // Field errors are words made at render from codes, in the citizen's language.
  const { locale } = usePreferences();
  const [form, setForm] = useState<LoadedForm | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [answers, setAnswers] = useState<Answers>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [checkAll, setCheckAll] = useState(false);
  /** The BFF's complaints about fields, as codes by field id. */
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [step, setStep] = useState<Step>('form');
  const [notice, setNotice] = useState<FormNotice | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  /** The service changed since the draft was saved: how many answers were dropped, and the new fields' labels. */
  const [changedSinceDraft, setChangedSinceDraft] = useState<{ removed: number; added: string[] } | null>(null);
  const [uploading, setUploading] = useState<ReadonlySet<string>>(new Set());

  // What the debounced save and the submission read, whichever render scheduled them.
  const answersRef = useRef<Answers>({});
  const formRef = useRef<LoadedForm | null>(null);
  const draftVersion = useRef<number | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void> | null>(null);
  /** Answers changed since the last save. */
  const dirty = useRef(false);
  /** No draft may be written while submitting or after: the BFF deletes the draft with the submission. */
  const frozen = useRef(false);
  const submittingNow = useRef(false);

  /** Reads the form. `keepTyped`: answers typed here win over the saved draft (a retry of the prefill). */
  const load = useCallback(
    async (keepTyped: boolean) => {
      setLoading(true);
      const result = await authed(ApplicationFormDocument, { serviceId });
      setLoading(false);
      if (!result.data) return setLoadError(result.errors[0]);
      const data = result.data.applicationForm;
      const schema = readFormSchema(data.service.formSchema);
      if (!schema)
        return setLoadError({
          code: 'INTERNAL_SERVER_ERROR',
          message: t('表单暂时无法显示，请稍后再试', 'The form cannot be shown just now. Please try again later.'),
        });
      const ids = new Set(schema.fields.map((f) => f.id));
      const prefilled = new Map(data.prefilled.filter((p) => ids.has(p.fieldId)).map((p) => [p.fieldId, p] as const));
      const unfilled = new Map(
        data.unfilled
          .filter((u) => ids.has(u.fieldId) && !prefilled.has(u.fieldId))
          .map((u) => [u.fieldId, u] as const),
      );
      const choices = data.choices.filter((c) => ids.has(c.fieldId));
      const restored = restoreDraft(schema, data.draft?.answers, new Set(prefilled.keys()));
      // A record chosen in the draft that is no longer among the citizen's (sold, expired) is chosen again.
      for (const field of schema.fields) {
        const kept = own(restored, field.id);
        if (
          field.type === 'record' &&
          kept !== undefined &&
          !choices.find((c) => c.fieldId === field.id)?.options.some((o) => o.value === kept)
        )
          delete restored[field.id];
      }
      // A field the records fill now is locked: whatever was typed into it is dropped.
      const typed = keepTyped
        ? Object.fromEntries(Object.entries(answersRef.current).filter(([id]) => ids.has(id) && !prefilled.has(id)))
        : {};
      const loaded: LoadedForm = {
        service: data.service,
        schema,
        prefilled,
        unfilled,
        licences: data.licences,
        choices,
        today: data.today,
      };
      draftVersion.current = data.draft?.version ?? null;
      formRef.current = loaded;
      answersRef.current = { ...restored, ...typed };
      setForm(loaded);
      setAnswers(answersRef.current);
      setLoadError(null);
      if (!keepTyped) {
        setRestoredAt(data.draft && Object.keys(restored).length > 0 ? data.draft.updatedAt : null);
        const removed = data.draft?.removedFields.length ?? 0;
        const added = (data.draft?.addedFields ?? []).flatMap((id) =>
          schema.fields.filter((f) => f.id === id).map(fieldLabel),
        );
        setChangedSinceDraft(removed > 0 || added.length > 0 ? { removed, added } : null);
      }
    },
    [serviceId],
  );

  /** Saves the draft now; one save at a time, each carrying the latest answers. */
  const saveDraft = useCallback(async (): Promise<void> => {
    if (saving.current) await saving.current;
    if (!dirty.current || frozen.current) return;
    dirty.current = false;
    setSaveState('saving');
    const run = (async () => {
      const result = await authed(SaveDraftDocument, {
        serviceId,
        answers: draftAnswers(answersRef.current),
        version: draftVersion.current,
      });
      if (result.data) {
        draftVersion.current = result.data.saveDraft.version;
        return setSaveState('saved');
      }
      const error = result.errors[0];
      if (error.code === 'DRAFT_CONFLICT') {
        // Another device saved a newer draft: it wins, and the citizen is told.
        setSaveState('idle');
        setNotice({ kind: 'error', text: error.message });
        await load(false);
        return;
      }
      // Kept for the next change, which tries again.
      dirty.current = true;
      setSaveState('failed');
    })();
    saving.current = run;
    try {
      await run;
    } finally {
      saving.current = null;
    }
  }, [serviceId, load]);

  // The unmount cleanup sees the first render's closures: it calls the latest save through this ref.
  const latestSave = useRef(saveDraft);
  // eslint-disable-next-line react-hooks/refs -- written in render so that cleanup always finds the newest
  latestSave.current = saveDraft;

  useEffect(() => {
    void load(false);
  }, [load]);

  useEffect(
    () => () => {
      // Leaving the page within the second after a change: save what was typed anyway.
      if (saveTimer.current) clearTimeout(saveTimer.current);
      if (dirty.current && !frozen.current) void latestSave.current();
    },
    [],
  );

  const scheduleSave = useCallback(() => {
    dirty.current = true;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      saveTimer.current = null;
      void saveDraft();
    }, DRAFT_SAVE_DELAY_MS);
  }, [saveDraft]);

  const setAnswer = useCallback(
    (fieldId: string, value: string | ((current: string) => string)) => {
      const current = own(answersRef.current, fieldId) ?? '';
      // Updates apply to the latest answers, not this render's: keyboard taps come faster than renders.
      const next = typeof value === 'function' ? value(current) : value;
      if (next === current) return;
      answersRef.current = { ...answersRef.current, [fieldId]: next };
      setAnswers(answersRef.current);
      // The server's complaint was about the old value.
      setServerErrors((errors) => {
        if (own(errors, fieldId) === undefined) return errors;
        const rest = { ...errors };
        delete rest[fieldId];
        return rest;
      });
      scheduleSave();
    },
    [scheduleSave],
  );

  const touch = useCallback(
    (fieldId: string) => setTouched((previous) => (previous.has(fieldId) ? previous : new Set(previous).add(fieldId))),
    [],
  );

  const setFieldUploading = useCallback((fieldId: string, busy: boolean) => {
    setUploading((previous) => {
      const next = new Set(previous);
      if (busy) next.add(fieldId);
      else next.delete(fieldId);
      return next;
    });
  }, []);

  /** The error under a field: the server's, else the shared validator's once the field was left (or all, before review). */
  const errorFor = useCallback(
    (fieldId: string): string | null => {
      const field = form?.schema.fields.find((f) => f.id === fieldId);
      const fromServer = own(serverErrors, fieldId);
      if (fromServer && field) return fieldErrorText(field, fromServer, locale);
      if (!form || !field || form.prefilled.has(fieldId) || (!checkAll && !touched.has(fieldId))) return null;
      // Filled by a chosen record, waiting for one, or a record with nothing to choose: nothing to fix here.
      if (field.type !== 'record' && lockedView(form.schema, form.prefilled, form.choices, answers).has(fieldId))
        return null;
      if (notAsked(form.schema, form.prefilled, form.choices, answers).has(fieldId)) return null;
      const code = validateField(field, own(answers, fieldId), { today: form.today });
      return code ? fieldErrorText(field, code, locale) : null;
    },
    [form, answers, touched, checkAll, serverErrors, locale],
  );

  /** Visible fields with a problem, in the order they are shown. */
  const fieldsToFix = useCallback(
    (loaded: LoadedForm, current: Answers, fromServer: Record<string, string>): string[] => {
      const checked = answersToSubmit(loaded.schema, current, loaded.prefilled, loaded.today, loaded.choices);
      const invalid = new Set(checked.ok ? [] : checked.errors.map((e) => e.field));
      return shownFields(loaded.schema, current, lockedView(loaded.schema, loaded.prefilled, loaded.choices, current))
        .map((f) => f.id)
        .filter((id) => invalid.has(id) || own(fromServer, id) !== undefined);
    },
    [],
  );

  /** On to the review step, or every problem shown and the first one scrolled to. */
  const toReview = useCallback(() => {
    const loaded = formRef.current;
    if (!loaded) return;
    if (uploading.size > 0)
      return setNotice({
        kind: 'error',
        text: t('照片正在上传，请稍候', 'A photo is still uploading. Please wait a moment.'),
      });
    setCheckAll(true);
    const problems = fieldsToFix(loaded, answersRef.current, serverErrors);
    if (problems.length > 0) {
      setNotice({
        kind: 'error',
        text: t(
          `有 ${problems.length} 项需要修改，请查看标出的项目`,
          `${problems.length} ${problems.length === 1 ? 'answer needs' : 'answers need'} changing: see the marked items.`,
        ),
      });
      return scrollToField(problems[0]);
    }
    setNotice(null);
    setStep('review');
    scrollToField(undefined);
  }, [uploading, serverErrors, fieldsToFix]);

  const backToForm = useCallback(() => {
    setNotice(null);
    setStep('form');
  }, []);

  const submit = useCallback(async () => {
    const loaded = formRef.current;
    if (!loaded || submittingNow.current) return;
    const checked = answersToSubmit(loaded.schema, answersRef.current, loaded.prefilled, loaded.today, loaded.choices);
    if (!checked.ok) {
      setStep('form');
      return toReview();
    }
    submittingNow.current = true;
    setSubmitting(true);
    setNotice(null);

    // Step 1: no draft save may land after the submission.
    frozen.current = true;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    if (saving.current) await saving.current;

    // Step 2: this submission's key, the same on every retry until the BFF confirms it.
    const scope = applyScope(serviceId);
    const result = await authed(SubmitApplicationDocument, {
      serviceId,
      answers: checked.answers,
      idempotencyKey: heldKey(scope),
    });
    submittingNow.current = false;
    setSubmitting(false);
    if (result.data) {
      releaseKey(scope);
      // A retry answered with the first application does not delete a draft saved since: nothing should linger.
      void authed(DiscardDraftDocument, { serviceId });
      // The confirmation first (number, what happens next, how to follow it), not the detail page.
      await Taro.redirectTo({
        url: `/pages/submitted/index?id=${encodeURIComponent(result.data.submitApplication.id)}&days=${loaded.service.promisedDays}`,
      });
      return;
    }
    frozen.current = false;

    // Step 3: why not, said where it can be fixed.
    const error = result.errors[0];
    // A level-3 service needs a face pass of the last few minutes at the moment of sending: the draft is kept, the citizen comes back.
    if (error.code === 'FACE_STALE') {
      setNotice({ kind: 'error', text: error.message });
      void Taro.navigateTo({
        url: `/pages/face/index?returnTo=${encodeURIComponent(`/pages/apply/index?serviceId=${encodeURIComponent(serviceId)}`)}`,
      });
      return;
    }
    if (error.code === 'ASSURANCE_LEVEL_TOO_LOW') {
      const required =
        typeof error.details?.requiredLevel === 'number'
          ? error.details.requiredLevel
          : Math.max(1, loaded.service.requiredLevel);
      setNotice({ kind: 'error', text: error.message });
      const url = stepUpUrl(required, cachedMe(), `/pages/apply/index?serviceId=${encodeURIComponent(serviceId)}`);
      if (url) void Taro.navigateTo({ url });
      return;
    }
    const onFields = serverFieldCodes(error, loaded.schema);
    if (Object.keys(onFields).length > 0) {
      setServerErrors(onFields);
      setCheckAll(true);
      setStep('form');
      setNotice({
        kind: 'error',
        text: t('提交未成功：请修改标出的项目后再提交', 'Not sent: please change the marked items, then send again.'),
      });
      scrollToField(loaded.schema.fields.find((f) => own(onFields, f.id) !== undefined)?.id);
      // The records changed since the form was opened: read them again.
      if (error.code === 'FORM_FIELD_LOCKED' || error.code === 'FORM_RECORD_NOT_OWN') void load(true);
      return;
    }
    // A network failure or a busy department: the key is kept, so trying again is the same submission.
    setNotice({
      kind: 'error',
      text: t(
        `提交未成功：${error.message}。再次点击“确认提交”不会重复提交。`,
        `Not sent: ${error.message} Tapping “Send application” again will not send it twice.`,
      ),
    });
  }, [serviceId, toReview, load]);

  /** Names of the record holders that did not answer, for the notice above the form. */
  const unavailableSources = useMemo(() => {
    if (!form) return [];
    return [
      ...new Set(
        [...form.unfilled.values()].filter((u) => u.code === 'AGENCY_UNAVAILABLE').map((u) => sourceName(u.source)),
      ),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the names are words in the current language
  }, [form, locale]);

  return {
    form,
    loadError,
    /** True while the form is read again (the retry after an agency did not answer). */
    reloading: loading && form !== null,
    reload: () => load(false),
    retryPrefill: () => load(true),
    answers,
    setAnswer,
    touch,
    errorFor,
    setFieldUploading,
    uploading: uploading.size > 0,
    step,
    toReview,
    backToForm,
    submit,
    submitting,
    notice,
    saveState,
    restoredAt,
    changedSinceDraft,
    unavailableSources,
  };
}
