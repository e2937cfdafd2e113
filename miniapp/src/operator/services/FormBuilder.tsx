import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  DescribedFieldsDocument,
  type FieldType,
  type FormField,
  type LicenceKind,
  type PrefillSource,
} from '@citizen/shared';
import { asOperator } from '../lib/session';
import { useT } from '../../preferences';
import { Btn, Chips, NumberIn, TextIn } from './inputs';
import { FIELD_TYPES, LICENCE_KINDS, PREFILL_SOURCE_NAMES, RULES_FOR, TYPE_NAMES, newField, withType } from './model';

const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * The form builder: the service's fields in order, each added from a type, moved,
 * edited (labels in both languages, rules its type takes, a condition on an earlier
 * field, a prefill from a record an agency describes) or removed. The BFF checks the
 * result with the same validateFormSchema the app runs; this only offers what can pass.
 */
export function FormBuilder({ fields, onChange }: { fields: FormField[]; onChange: (fields: FormField[]) => void }) {
  const t = useT();
  const [open, setOpen] = useState<number | null>(null);

  const update = (index: number, change: Partial<FormField>) => {
    // Setting a property to undefined removes it: the shared validator refuses stray keys' nulls.
    const next = { ...fields[index], ...change } as FormField & Record<string, unknown>;
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    onChange(fields.map((f, i) => (i === index ? next : f)));
  };
  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= fields.length) return;
    const next = [...fields];
    [next[index], next[to]] = [next[to], next[index]];
    onChange(next);
    if (open === index) setOpen(to);
  };
  const remove = (index: number) => {
    const gone = fields[index].id;
    // A condition on the removed field would point nowhere: it goes with it.
    onChange(
      fields
        .filter((_, i) => i !== index)
        .map((f) => (f.visibleWhen?.field === gone ? { ...f, visibleWhen: undefined } : f)),
    );
    setOpen(null);
  };

  return (
    <View className='panel form-builder'>
      <Text className='label'>{t('表单字段（按顺序）', 'Form fields (in order)')}</Text>
      {fields.length === 0 ? (
        <Text>{t('还没有字段：从下面选择类型添加。', 'No fields yet: add one of a type below.')}</Text>
      ) : null}
      {fields.map((field, index) => (
        // Keyed by place, not id: the id is edited here, and a new key would take the focus away at each keystroke.
        <View key={index} className={`fb-field${open === index ? ' fb-field--open' : ''}`}>
          <View className='row'>
            <Text className='fb-field__n'>{index + 1}.</Text>
            <Text className='fb-field__label'>{t(field.label, field.labelEn)}</Text>
            <Text className='fb-field__meta'>
              {field.id} · {t(...TYPE_NAMES[field.type])}
              {field.required ? t(' · 必填', ' · required') : ''}
              {field.prefill ? t(' · 预填', ' · prefilled') : ''}
              {field.visibleWhen ? t(' · 有条件', ' · conditional') : ''}
            </Text>
            <Btn
              kind='ghost'
              label={
                open === index ? t(`收起 ${field.id}`, `Close ${field.id}`) : t(`编辑 ${field.id}`, `Edit ${field.id}`)
              }
              onClick={() => setOpen(open === index ? null : index)}
            />
            <Btn kind='ghost' label={t(`上移 ${field.id}`, `Move ${field.id} up`)} onClick={() => move(index, -1)} />
            <Btn kind='ghost' label={t(`下移 ${field.id}`, `Move ${field.id} down`)} onClick={() => move(index, 1)} />
            <Btn kind='danger' label={t(`删除 ${field.id}`, `Remove ${field.id}`)} onClick={() => remove(index)} />
          </View>
          {open === index ? (
            <FieldEditor
              field={field}
              earlier={fields.slice(0, index)}
              onChange={(change) => update(index, change)}
              onRetype={(type) => onChange(fields.map((f, i) => (i === index ? withType(f, type) : f)))}
            />
          ) : null}
        </View>
      ))}
      <Text className='label'>{t('添加字段', 'Add a field')}</Text>
      <View className='row' role='group' aria-label={t('添加字段', 'Add a field')}>
        {FIELD_TYPES.map((type) => (
          <Btn
            key={type}
            kind='ghost'
            label={t(`添加${TYPE_NAMES[type][0]}`, `Add ${TYPE_NAMES[type][1].toLowerCase()}`)}
            onClick={() => {
              onChange([...fields, newField(type, fields)]);
              setOpen(fields.length);
            }}
          />
        ))}
      </View>
    </View>
  );
}

function FieldEditor({
  field,
  earlier,
  onChange,
  onRetype,
}: {
  field: FormField;
  earlier: FormField[];
  onChange: (change: Partial<FormField>) => void;
  onRetype: (type: FieldType) => void;
}) {
  const t = useT();
  const rules = RULES_FOR[field.type];
  const condition = field.visibleWhen;
  return (
    <View className='fb-editor'>
      <TextIn
        label={t('字段编号（字母开头，字母和数字）', 'Field id (a letter, then letters and digits)')}
        name='fb-id'
        value={field.id}
        onChange={(id) => onChange({ id })}
      />
      <Text className='label'>{t('类型', 'Type')}</Text>
      <Chips
        group={t('字段类型', 'Field type')}
        options={FIELD_TYPES.map((type) => [type, t(...TYPE_NAMES[type])] as [FieldType, string])}
        selected={(v) => field.type === v}
        onToggle={(v) => v !== field.type && onRetype(v)}
      />
      <View className='svc-pair'>
        <TextIn
          label={t('中文标签', 'Chinese label')}
          name='fb-label'
          value={field.label}
          onChange={(label) => onChange({ label })}
        />
        <TextIn
          label={t('英文标签', 'English label')}
          name='fb-label-en'
          value={field.labelEn}
          onChange={(labelEn) => onChange({ labelEn })}
        />
      </View>
      <View className='svc-pair'>
        <TextIn
          label={t('中文提示（可选）', 'Chinese hint (optional)')}
          name='fb-hint'
          value={field.hint ?? ''}
          onChange={(hint) => onChange({ hint: hint || undefined })}
        />
        <TextIn
          label={t('英文提示', 'English hint')}
          name='fb-hint-en'
          value={field.hintEn ?? ''}
          onChange={(hintEn) => onChange({ hintEn: hintEn || undefined })}
        />
      </View>
      <Chips
        group={t('是否必填', 'Required')}
        options={[
          [1, t('必填', 'Required')],
          [0, t('选填', 'Optional')],
        ]}
        selected={(v) => (v === 1) === !!field.required}
        onToggle={(v) => onChange({ required: v === 1 })}
      />

      {rules.pattern ? (
        <>
          <TextIn
            label={t('格式（正则表达式，整体匹配）', 'Pattern (regular expression, whole answer)')}
            name='fb-pattern'
            value={field.pattern ?? ''}
            onChange={(pattern) => onChange({ pattern: pattern || undefined })}
          />
          <View className='svc-pair'>
            <TextIn
              label={t('格式不符时的提示（中文）', 'Message when it does not match (Chinese)')}
              name='fb-pattern-message'
              value={field.patternMessage ?? ''}
              onChange={(v) => onChange({ patternMessage: v || undefined })}
            />
            <TextIn
              label={t('格式不符时的提示（英文）', 'Message when it does not match (English)')}
              name='fb-pattern-message-en'
              value={field.patternMessageEn ?? ''}
              onChange={(v) => onChange({ patternMessageEn: v || undefined })}
            />
          </View>
        </>
      ) : null}
      {rules.length ? (
        <View className='svc-pair'>
          <NumberIn
            label={t('最少字数', 'Fewest characters')}
            name='fb-min-length'
            value={field.minLength}
            onChange={(minLength) => onChange({ minLength })}
          />
          <NumberIn
            label={t('最多字数', 'Most characters')}
            name='fb-max-length'
            value={field.maxLength}
            onChange={(maxLength) => onChange({ maxLength })}
          />
        </View>
      ) : null}
      {rules.range ? (
        <View className='svc-pair'>
          <NumberIn
            label={field.type === 'amount' ? t('最小金额（元）', 'Least amount (yuan)') : t('最小值', 'Least value')}
            name='fb-min'
            value={field.min}
            onChange={(min) => onChange({ min })}
          />
          <NumberIn
            label={field.type === 'amount' ? t('最大金额（元）', 'Most amount (yuan)') : t('最大值', 'Most value')}
            name='fb-max'
            value={field.max}
            onChange={(max) => onChange({ max })}
          />
        </View>
      ) : null}
      {rules.dates ? (
        <View className='svc-pair'>
          <TextIn
            label={t('最早日期（YYYY-MM-DD、today、-18y、+30d）', 'Earliest date (YYYY-MM-DD, today, -18y, +30d)')}
            name='fb-min-date'
            value={field.minDate ?? ''}
            onChange={(v) => onChange({ minDate: v || undefined })}
          />
          <TextIn
            label={t('最晚日期', 'Latest date')}
            name='fb-max-date'
            value={field.maxDate ?? ''}
            onChange={(v) => onChange({ maxDate: v || undefined })}
          />
        </View>
      ) : null}
      {rules.options ? <OptionsEditor field={field} onChange={onChange} /> : null}
      {rules.licence ? (
        <>
          <Text className='label'>{t('证照种类', 'Licence kind')}</Text>
          <Chips
            group={t('证照种类', 'Licence kind')}
            options={LICENCE_KINDS.map((k) => [k, k] as [LicenceKind, string])}
            selected={(v) => field.licenceKind === v}
            onToggle={(licenceKind) => onChange({ licenceKind })}
          />
        </>
      ) : null}
      {rules.file ? (
        <View className='svc-pair'>
          <TextIn
            label={t('允许的文件类型（逗号分隔）', 'Allowed file types (comma-separated)')}
            name='fb-accept'
            value={(field.accept ?? []).join(',')}
            onChange={(v) => onChange({ accept: list(v) })}
          />
          <NumberIn
            label={t('最大字节数', 'Largest size (bytes)')}
            name='fb-max-bytes'
            value={field.maxBytes}
            onChange={(maxBytes) => onChange({ maxBytes })}
          />
        </View>
      ) : null}

      <Text className='label'>
        {t('显示条件（仅在前面某字段为以下答案时显示）', 'Shown only when an earlier field has one of these answers')}
      </Text>
      <Chips
        group={t('条件字段', 'Condition field')}
        options={earlier.map((f) => [f.id, `${t(f.label, f.labelEn)} (${f.id})`] as [string, string])}
        selected={(v) => condition?.field === v}
        onToggle={(v) =>
          onChange({ visibleWhen: condition?.field === v ? undefined : { field: v, equals: condition?.equals ?? [] } })
        }
      />
      {condition ? (
        <TextIn
          label={t('等于（答案值，逗号分隔）', 'Equals (answer values, comma-separated)')}
          name='fb-condition-equals'
          value={(condition.equals ?? []).join(',')}
          onChange={(v) => onChange({ visibleWhen: { field: condition.field, equals: list(v) } })}
        />
      ) : null}

      <Chips
        group={t('本人声明', 'Declaration')}
        options={[
          [
            1,
            t(
              '本人声明（只有申请人能回答，按设计由其填写）',
              'Declaration (only the applicant can say; typed by design)',
            ),
          ],
        ]}
        selected={() => !!field.declaration}
        onToggle={() => onChange({ declaration: field.declaration ? undefined : true })}
      />
      <PrefillPicker field={field} earlier={earlier} onChange={onChange} />
    </View>
  );
}

function OptionsEditor({ field, onChange }: { field: FormField; onChange: (change: Partial<FormField>) => void }) {
  const t = useT();
  const options = field.options ?? [];
  const set = (i: number, key: 'value' | 'label' | 'labelEn', v: string) =>
    onChange({ options: options.map((o, j) => (j === i ? { ...o, [key]: v } : o)) });
  return (
    <View className='fb-options'>
      <Text className='label'>{t('选项', 'Options')}</Text>
      {options.map((o, i) => (
        <View key={i} className='svc-pair'>
          <TextIn
            label={t(`选项${i + 1} 值`, `Option ${i + 1} value`)}
            name={`fb-option-value fb-option-value-${i}`}
            value={o.value}
            onChange={(v) => set(i, 'value', v)}
          />
          <TextIn
            label={t(`选项${i + 1} 中文`, `Option ${i + 1} Chinese`)}
            name={`fb-option-label fb-option-label-${i}`}
            value={o.label}
            onChange={(v) => set(i, 'label', v)}
          />
          <TextIn
            label={t(`选项${i + 1} 英文`, `Option ${i + 1} English`)}
            name={`fb-option-label-en fb-option-label-en-${i}`}
            value={o.labelEn}
            onChange={(v) => set(i, 'labelEn', v)}
          />
          <Btn
            kind='danger'
            label={t(`删除选项${i + 1}`, `Remove option ${i + 1}`)}
            onClick={() => onChange({ options: options.filter((_, j) => j !== i) })}
          />
        </View>
      ))}
      <Btn
        kind='ghost'
        label={t('添加选项', 'Add an option')}
        onClick={() => onChange({ options: [...options, { value: `o${options.length + 1}`, label: '', labelEn: '' }] })}
      />
    </View>
  );
}

/**
 * Prefill is picked, not typed: the record holder, then one of the fields its
 * OpenAPI description says it returns (read by the BFF). A prefilled field is filled
 * from government data and locked for the citizen.
 */
function PrefillPicker({
  field,
  earlier,
  onChange,
}: {
  field: FormField;
  earlier: FormField[];
  onChange: (change: Partial<FormField>) => void;
}) {
  const t = useT();
  const source = field.prefill?.source ?? null;
  const [picked, setPicked] = useState<PrefillSource | null>(source);
  // The same editor shows another field after a move: follow the field's own mapping.
  useEffect(() => setPicked(source), [source]);
  const [described, setDescribed] = useState<Array<{ name: string; type: string }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choosers = earlier.filter((f) => f.type === 'record' && f.prefill?.source === picked && f.prefill.path);
  useEffect(() => {
    setDescribed(null);
    setError(null);
    if (!picked) return;
    void asOperator(DescribedFieldsDocument, { source: picked }).then((r) =>
      r.data
        ? setDescribed(r.data.describedFields.filter((f) => f.type !== 'object' && f.type !== 'array'))
        : setError(r.errors[0].message),
    );
  }, [picked]);
  return (
    <View className='fb-prefill'>
      <Text className='label'>
        {t('预填（从部门记录读取并锁定）', 'Prefill (read from a department’s record, locked)')}
      </Text>
      <Chips
        group={t('预填来源', 'Prefill source')}
        options={PREFILL_SOURCE_NAMES.map(([value, both]) => [value, t(...both)] as [PrefillSource, string])}
        selected={(v) => picked === v}
        onToggle={(v) => {
          if (picked === v) {
            setPicked(null);
            onChange({ prefill: undefined });
          } else setPicked(v);
        }}
      />
      {error ? (
        <View className='message message--error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      {picked && described === null && !error ? (
        <Text>{t('正在读取部门的数据说明…', 'Reading the department’s description…')}</Text>
      ) : null}
      {picked && described && field.type === 'record' ? (
        <RecordPicker field={field} source={picked} described={described} onChange={onChange} />
      ) : null}
      {picked && described && field.type !== 'record' ? (
        <Chips
          group={t('预填字段', 'Prefill field')}
          options={[
            ...described
              .filter((d) => !d.name.includes('[]'))
              .map((d) => [d.name, `${d.name} (${d.type})`] as [string, string]),
            // A value of the record the citizen chose in an earlier record field of the same source.
            ...choosers.flatMap((c) =>
              described
                .filter((d) => d.name.startsWith(`${c.prefill!.path}[].`))
                .map(
                  (d) =>
                    [
                      `${c.id}:${d.name.slice(c.prefill!.path.length + 3)}`,
                      t(
                        `${c.id} 所选记录的 ${d.name.slice(c.prefill!.path.length + 3)}`,
                        `${d.name.slice(c.prefill!.path.length + 3)} of the record chosen in ${c.id}`,
                      ),
                    ] as [string, string],
                ),
            ),
          ]}
          selected={(v) => mappingKey(field) === v && field.prefill?.source === picked}
          onToggle={(v) => {
            const [from, path] = v.includes(':') ? v.split(':') : [undefined, v];
            onChange({
              prefill:
                mappingKey(field) === v && field.prefill?.source === picked
                  ? undefined
                  : { source: picked, path, ...(from ? { from } : {}) },
            });
          }}
        />
      ) : null}
    </View>
  );
}

/** A mapping as one chip value: 'path', or 'recordFieldId:path' for a value of a chosen record. */
const mappingKey = (field: FormField): string | null =>
  field.prefill ? (field.prefill.from ? `${field.prefill.from}:${field.prefill.path}` : field.prefill.path) : null;

/**
 * A record field: the list of the citizen's records to choose from (a list the agency
 * describes), then which property of each record identifies it (the answer) and which
 * describes it (what the citizen reads).
 */
function RecordPicker({
  field,
  source,
  described,
  onChange,
}: {
  field: FormField;
  source: PrefillSource;
  described: Array<{ name: string; type: string }>;
  onChange: (change: Partial<FormField>) => void;
}) {
  const t = useT();
  const list = field.prefill?.source === source ? field.prefill.path : null;
  const lists = described.filter((d) => d.type === 'list' && d.name.endsWith('[]')).map((d) => d.name.slice(0, -2));
  const properties = list
    ? described.filter((d) => d.name.startsWith(`${list}[].`)).map((d) => d.name.slice(list.length + 3))
    : [];
  const record = field.record ?? { key: '', label: '' };
  return (
    <View className='fb-record'>
      <Chips
        group={t('记录列表', 'Record list')}
        options={lists.map((l) => [l, l] as [string, string])}
        selected={(v) => v === list}
        onToggle={(path) => onChange({ prefill: { source, path }, record: { key: '', label: '' } })}
      />
      {list ? (
        <>
          <Chips
            group={t('记录编号属性', 'Record key')}
            options={properties.map((p) => [p, p] as [string, string])}
            selected={(v) => v === record.key}
            onToggle={(key) => onChange({ record: { ...record, key } })}
          />
          <Chips
            group={t('记录名称属性', 'Record label')}
            options={properties.map((p) => [p, p] as [string, string])}
            selected={(v) => v === record.label}
            onToggle={(label) => onChange({ record: { ...record, label } })}
          />
        </>
      ) : null}
    </View>
  );
}
