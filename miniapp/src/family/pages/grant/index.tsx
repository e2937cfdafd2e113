import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  GrantAuthorisationDocument,
  errorMessage,
  resolveDateBound,
  validateIdNumber,
  type FormField,
} from '@citizen/shared';
import { authed } from '../../../features/identity/session';
import { offerStepUp } from '../../../features/identity/access';
import { IdKeyboard } from '../../../features/identity/IdKeyboard';
import { useFamily } from '../../../features/family/useFamily';
import { useHomeScreen } from '../../../features/catalogue/useHomeScreen';
import { DateField } from '../../../features/applications/fields/ChoiceFields';
import { ageText, relationName } from '../../../features/family/labels';
import {
  adultRelations,
  catalogueScopes,
  fieldOf,
  fixedScopes,
  granteeInput,
  holdForFace,
  noteGranted,
  takeHeld,
  type GrantDraft,
  type GrantField,
  type Grantee,
  type ScopeOption,
} from '../../../features/family/grant';
import { usePreferences, useT } from '../../../preferences';
import { Screen } from '../../../components/Screen';
import { ActionButton } from '../../../components/ActionButton';
import { FieldError, Notice } from '../../../components/Notice';
import { Loading } from '../../../components/StateView';
import { goBack } from '../../../components/navigation';
import { pressable } from '../../../components/pressable';
import { useDialogs } from '../../../components/dialogs';
import '../../../components/form.scss';
import '../../../features/applications/applications.scss';
import '../../../features/family/family.scss';
import '../../../features/family/grant.scss';

const TITLE = ['授权他人代办', 'Authorise someone'] as const;
const HERE = '/family/pages/grant/index';
const MEMBERS = '/family/pages/members/index';

/** Today in China, the day the BFF counts from (it checks again). */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Back to 家人代办: the page below this one (or, after the face step, further below), else opened afresh. */
async function backToMembers(): Promise<void> {
  const pages = Taro.getCurrentPages();
  const routes = pages.map((p) => String(p.route ?? (p as { path?: string }).path ?? ''));
  let at = routes.length - 1;
  while (at >= 0 && !routes[at]!.includes('family/pages/members')) at--;
  if (at >= 0 && at < pages.length - 1) await Taro.navigateBack({ delta: pages.length - 1 - at });
  else await Taro.redirectTo({ url: MEMBERS });
}

/** A tickable row: role checkbox or radio, a tab stop, Enter or Space. */
function Choice({
  role,
  checked,
  label,
  onPress,
  className,
}: {
  role: 'checkbox' | 'radio';
  checked: boolean;
  label: string;
  onPress: () => void;
  className?: string;
}) {
  // ViewProps declares no tab stop or key handler; mini-programs ignore them.
  const keys: object = { ...pressable(onPress), role };
  return (
    <View
      className={`grant__option${checked ? ' grant__option--checked' : ''}${className ? ` ${className}` : ''}`}
      {...keys}
      aria-checked={checked}
      aria-label={label}
      onClick={onPress}
    >
      <Text className='grant__mark' aria-hidden>
        {role === 'radio' ? (checked ? '●' : '○') : checked ? '☑' : '☐'}
      </Text>
      <Text className='grant__label'>{label}</Text>
    </View>
  );
}

/**
 * 授权他人代办 (issue 17): the citizen lets another adult act for them. Whom (an adult
 * relation from the register, active at once, or anyone named by ID number and name,
 * who must accept), what (services, categories, appointments, licences masked), until
 * when (at most a year). The BFF wants a face pass of the last 5 minutes: without one
 * the citizen passes face verification and comes back here, the form kept, and it is
 * sent again.
 */
export default function GrantPage() {
  const tr = useT();
  const { locale } = usePreferences();
  const dialogs = useDialogs();
  const family = useFamily();
  const home = useHomeScreen();
  const today = chinaToday();
  // What was filled in before the face step, if this screen opened on the way back from it.
  const [held] = useState(() => takeHeld());
  const [grantee, setGrantee] = useState<Grantee | null>(held?.grantee ?? null);
  const [scopes, setScopes] = useState<string[]>(held?.scopes ?? []);
  const [until, setUntil] = useState(held?.until ?? resolveDateBound('+3m', today));
  const [keyboardOpen, setKeyboardOpen] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<GrantField, string>>>({});
  const [submitting, setSubmitting] = useState(false);
  const busy = useRef(false);

  const untilField: FormField = {
    id: 'until',
    type: 'date',
    label: '授权截止日期',
    labelEn: 'Authorised until',
    required: true,
    minDate: 'today',
    maxDate: '+1y',
    hint: '最长一年，到期自动失效，您也可随时撤销',
    hintEn: 'At most one year. It ends by itself on that day, and you can revoke it at any time.',
  };

  /** The form's own checks, before anything is sent (the BFF checks again). */
  function check(draft: GrantDraft): Partial<Record<GrantField, string>> {
    const found: Partial<Record<GrantField, string>> = {};
    if (!draft.grantee) found.grantee = tr('请选择授权给谁', 'Choose whom to authorise');
    else if (draft.grantee.kind === 'named') {
      if (draft.grantee.name.trim().length < 2) found.name = errorMessage('NAME_FORMAT', locale);
      const id = validateIdNumber(draft.grantee.idNumber);
      if (!id.ok) found.idNumber = errorMessage(id.problem, locale);
    }
    if (draft.scopes.length === 0) found.scopes = errorMessage('AUTHORISATION_SCOPES_EMPTY', locale);
    if (!draft.until) found.until = tr('请选择授权截止日期', 'Choose the end date');
    return found;
  }

  async function submit(draft: GrantDraft) {
    if (busy.current) return;
    setKeyboardOpen(false);
    const local = check(draft);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    busy.current = true;
    setSubmitting(true);
    const result = await authed(GrantAuthorisationDocument, {
      to: granteeInput(draft.grantee!),
      scopes: draft.scopes,
      until: draft.until,
    });
    busy.current = false;
    setSubmitting(false);
    if (result.data) {
      const made = result.data.grantAuthorisation;
      noteGranted(made.maskedName, made.status === 'PENDING');
      await backToMembers();
      return;
    }
    const error = result.errors[0]!;
    // Step up: a face pass of the last 5 minutes. The form waits in memory and is sent again on return.
    if (error.code === 'FACE_STALE' || error.code === 'ASSURANCE_LEVEL_TOO_LOW') {
      setErrors({ form: error.message });
      holdForFace(draft);
      if (!(await offerStepUp(dialogs, error, 3, tr('授权他人代办', 'authorising someone'), HERE))) takeHeld();
      return;
    }
    setErrors({ [fieldOf(error)]: error.message });
  }

  // Back from the face step: send what was filled in, once.
  useEffect(() => {
    if (held) void submit(held);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on the way back
  }, []);

  const toggle = (scope: string) => {
    setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));
    setErrors((e) => ({ ...e, scopes: undefined, form: undefined }));
  };
  const choose = (next: Grantee) => {
    setGrantee(next);
    setErrors((e) => ({ ...e, grantee: undefined, name: undefined, idNumber: undefined, form: undefined }));
  };
  const named = grantee?.kind === 'named' ? grantee : null;
  const adults = family.members ? adultRelations(family.members) : null;
  const { categories, services } = catalogueScopes(home.data);

  const scopeGroup = (title: string, options: ScopeOption[]) =>
    options.length === 0 ? null : (
      <View className='grant__group' role='group' aria-label={title}>
        <Text className='grant__group-title'>{title}</Text>
        {options.map((o) => (
          <Choice
            key={o.scope}
            role='checkbox'
            checked={scopes.includes(o.scope)}
            label={o.label}
            onPress={() => toggle(o.scope)}
            className={`grant__scope grant__scope--${o.scope.replace(/[^a-z0-9-]/gi, '-')}`}
          />
        ))}
      </View>
    );

  return (
    <Screen title={TITLE} className='form family grant'>
      <Text className='family__intro'>
        {tr(
          '授权后，对方可在您选择的范围内为您办理，直至截止日期。登记的成年家人即时生效；其他人需对方接受后生效。授权需要您本人刚刚完成人脸识别。',
          'Once authorised, they can act for you within what you choose, until the end date. A registered adult relation can start at once; anyone else must accept first. Authorising needs a face verification from you just now.',
        )}
      </Text>
      {errors.form ? <Notice kind='error'>{errors.form}</Notice> : null}

      <View className={`field field--grantee${errors.grantee ? ' field--invalid' : ''}`}>
        <Text className='field__label'>{tr('授权给谁', 'Whom to authorise')}</Text>
        <View className='grant__options' role='radiogroup' aria-label={tr('授权给谁', 'Whom to authorise')}>
          {adults === null && !family.error ? (
            <Loading label={tr('正在查询户籍登记的家庭关系…', 'Reading your family from the register…')} />
          ) : null}
          {family.error ? (
            <Text className='family__why'>
              {tr(
                '暂时无法读取登记的家人，您仍可填写姓名和身份证号授权。',
                'Your registered family cannot be read right now; you can still name someone by ID number.',
              )}
            </Text>
          ) : null}
          {(adults ?? []).map((m) => (
            <Choice
              key={m.ref}
              role='radio'
              checked={grantee?.kind === 'relation' && grantee.ref === m.ref}
              label={tr(
                `${m.maskedName}（${relationName(m.relation)} · ${ageText(m.age)}）`,
                `${m.maskedName} (${relationName(m.relation)}, ${ageText(m.age)})`,
              )}
              onPress={() => choose({ kind: 'relation', ref: m.ref })}
              className='grant__relation'
            />
          ))}
          <Choice
            role='radio'
            checked={named !== null}
            label={tr(
              '其他成年人（填写姓名和身份证号，需对方接受）',
              'Another adult (by name and ID number; they must accept)',
            )}
            onPress={() => {
              if (!named) choose({ kind: 'named', name: '', idNumber: '' });
            }}
            className='grant__named'
          />
        </View>
        {errors.grantee ? <FieldError>{errors.grantee}</FieldError> : null}
      </View>

      {named ? (
        <>
          <View className='field field--name'>
            <Text className='field__label'>{tr('被授权人姓名', 'Their name')}</Text>
            <Input
              className='field__input name-input'
              value={named.name}
              placeholder={tr('与身份证一致', 'As on their ID card')}
              maxlength={30}
              onInput={(e) => {
                const name = e.detail.value;
                setGrantee((g) => (g?.kind === 'named' ? { ...g, name } : g));
                setErrors((x) => ({ ...x, name: undefined }));
              }}
              onFocus={() => setKeyboardOpen(false)}
              aria-label={tr('被授权人姓名', 'Their name')}
            />
            {errors.name ? <FieldError>{errors.name}</FieldError> : null}
          </View>
          <View
            className={`field field--idNumber${keyboardOpen ? ' field--focused' : ''}`}
            {...pressable(() => setKeyboardOpen(true))}
            aria-label={tr('被授权人身份证号，点击输入', 'Their ID number, tap to type')}
          >
            <Text className='field__label'>{tr('被授权人身份证号', 'Their ID number')}</Text>
            <Text className='field__value id-value'>
              {named.idNumber || (
                <Text className='field__placeholder'>
                  {tr('18位，最后一位可能是X', '18 characters; the last may be X')}
                </Text>
              )}
            </Text>
            {errors.idNumber ? <FieldError>{errors.idNumber}</FieldError> : null}
          </View>
        </>
      ) : null}

      <View className={`field field--scopes${errors.scopes ? ' field--invalid' : ''}`}>
        <Text className='field__label'>{tr('可以为您办理的事项', 'What they may do for you')}</Text>
        {scopeGroup(tr('常用', 'General'), fixedScopes())}
        {scopeGroup(tr('整类事项', 'Whole categories'), categories)}
        {scopeGroup(tr('单项服务', 'Single services'), services)}
        {home.loading && !home.data ? <Loading label={tr('正在读取服务目录…', 'Reading the services…')} /> : null}
        {errors.scopes ? <FieldError>{errors.scopes}</FieldError> : null}
      </View>

      <DateField
        field={untilField}
        value={until}
        today={today}
        error={errors.until ?? null}
        onChange={(value) => {
          setUntil((current) => (typeof value === 'function' ? value(current) : value));
          setErrors((e) => ({ ...e, until: undefined }));
        }}
        onTouch={() => undefined}
      />

      {dialogs.view}
      <ActionButton
        className='primary-button grant__submit'
        label={submitting ? tr('正在授权…', 'Authorising…') : tr('确认授权', 'Authorise')}
        loading={submitting}
        disabled={submitting}
        onClick={() => void submit({ grantee, scopes, until })}
      />
      <ActionButton
        className='secondary-button'
        label={tr('取消', 'Cancel')}
        onClick={() => goBack('/pages/me/index')}
      />
      {keyboardOpen && named ? (
        <IdKeyboard
          onChange={(update) => {
            setGrantee((g) => (g?.kind === 'named' ? { ...g, idNumber: update(g.idNumber) } : g));
            setErrors((e) => ({ ...e, idNumber: undefined }));
          }}
          onDone={() => setKeyboardOpen(false)}
        />
      ) : null}
    </Screen>
  );
}
