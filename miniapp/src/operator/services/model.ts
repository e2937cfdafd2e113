import {
  FIELD_TYPES,
  LICENCE_KINDS,
  maskAccountNumber,
  maskIdNumber,
  maskName,
  maskPhone,
  validateFormSchema,
  type FieldType,
  type FormField,
  type PrefillSource,
  type ServiceEditorQuery,
  type ServiceGuideInput,
  type ServiceInput,
  type ServiceLine,
} from '@citizen/shared';

/** What the service editor holds: the input the BFF takes, with the form as shared/src/forms fields. */
export type EditedService = Omit<ServiceInput, 'form' | 'guide'> & { fields: FormField[]; guide: ServiceGuideInput };

export const EMPTY_GUIDE: ServiceGuideInput = {
  itemCode: '',
  legalBasis: '',
  legalBasisEn: '',
  eligibility: '',
  eligibilityEn: '',
  statutoryDays: 20,
  feeBasis: '',
  feeBasisEn: '',
  place: '',
  placeEn: '',
  hours: '',
  hoursEn: '',
  enquiryPhone: '12345',
  complaintPhone: '12345',
  result: '',
  resultEn: '',
  delivery: '',
  deliveryEn: '',
  visits: 0,
};

export const EMPTY_SERVICE: EditedService = {
  id: '',
  title: '',
  titleEn: '',
  categoryId: '',
  lines: ['DO'],
  description: '',
  descriptionEn: '',
  requiredLevel: 2,
  departments: [],
  promisedDays: 5,
  fees: '免费',
  feesEn: 'Free',
  materials: [],
  fields: [],
  guide: EMPTY_GUIDE,
};

/** The draft as the BFF answers it, made editable. */
export function fromDraft(service: NonNullable<ServiceEditorQuery['serviceDraft']>['service']): EditedService {
  // Stored schemas passed this validator when saved; one that does not starts empty, and saving replaces it.
  const checked = validateFormSchema(service.formSchema);
  const fields: FormField[] = checked.ok ? checked.schema.fields : [];
  return {
    id: service.id,
    title: service.title,
    titleEn: service.titleEn,
    categoryId: service.category.id,
    lines: service.lines,
    description: service.description,
    descriptionEn: service.descriptionEn,
    requiredLevel: service.requiredLevel,
    departments: service.departments.map((d) => d.code),
    promisedDays: service.promisedDays,
    fees: service.fees,
    feesEn: service.feesEn,
    materials: service.materials.map((m) => ({
      id: m.id,
      name: m.name,
      nameEn: m.nameEn,
      licenceKind: m.licenceKind,
      fieldId: m.fieldId,
      required: m.required,
    })),
    fields,
    guide: service.guide ?? EMPTY_GUIDE,
  };
}

/** What saveServiceDraft takes. A guide nobody started is left out (it is optional for seed services). */
export function toInput(service: EditedService): ServiceInput {
  const { fields, guide, ...rest } = service;
  const started = guide.itemCode.trim() !== '' || guide.legalBasis.trim() !== '';
  return { ...rest, id: rest.id.trim(), form: { fields }, guide: started ? guide : null };
}

export const LINE_NAMES: Array<[ServiceLine, readonly [string, string]]> = [
  ['DO', ['办', 'Apply']],
  ['INQUIRE', ['查', 'Inquire']],
  ['BOOK', ['约', 'Book']],
  ['ASK', ['问', 'Ask']],
];
export const LEVEL_NAMES: Array<[number, readonly [string, string]]> = [
  [0, ['无需登录', 'None']],
  [1, ['登录', 'Signed in']],
  [2, ['实名', 'Real name']],
  [3, ['人脸', 'Face']],
];

export const TYPE_NAMES: Record<FieldType, readonly [string, string]> = {
  text: ['文本', 'Text'],
  number: ['数字', 'Number'],
  date: ['日期', 'Date'],
  select: ['单选', 'Choice'],
  idNumber: ['身份证号', 'ID number'],
  phone: ['手机号', 'Phone'],
  plate: ['车牌号', 'Plate'],
  address: ['地址', 'Address'],
  amount: ['金额（元）', 'Amount (yuan)'],
  licence: ['电子证照', 'Licence'],
  file: ['上传文件', 'File'],
  creditCode: ['统一社会信用代码', 'Credit code'],
  record: ['本人记录（选择）', 'Own record (chosen)'],
};
export { FIELD_TYPES, LICENCE_KINDS };

/** Record holders a field can be prefilled from (their described records), and the citizen's own account. */
export const PREFILL_SOURCE_NAMES: Array<[PrefillSource, readonly [string, string]]> = [
  ['account', ['本人账户', 'Own account']],
  ['population', ['户籍人口', 'Population register']],
  ['social-insurance', ['社会保险', 'Social insurance']],
  ['provident-fund', ['住房公积金', 'Provident fund']],
  ['licences', ['电子证照', 'Licences']],
  ['real-estate', ['不动产登记', 'Real estate']],
  ['housing', ['住房租赁备案', 'Registered leases']],
  ['tax', ['税务', 'Tax']],
  ['civil-affairs', ['婚姻登记', 'Marriage registration']],
  ['education', ['学历学位', 'Degrees']],
  ['exit-entry', ['出入境证件', 'Exit-entry permits']],
  ['household', ['户籍成员', 'Household members']],
];

/** Which rules apply to each type (the shared validator refuses the others). */
export const RULES_FOR: Record<
  FieldType,
  {
    pattern?: true;
    length?: true;
    range?: true;
    dates?: true;
    options?: true;
    licence?: true;
    file?: true;
    record?: true;
  }
> = {
  text: { pattern: true, length: true },
  address: { pattern: true, length: true },
  number: { range: true },
  amount: { range: true },
  date: { dates: true },
  select: { options: true },
  licence: { licence: true },
  file: { file: true },
  idNumber: {},
  phone: {},
  plate: {},
  creditCode: {},
  record: { record: true },
};

/** A new field of a type, with an id not yet used in the form. */
export function newField(type: FieldType, taken: readonly FormField[]): FormField {
  let n = taken.length + 1;
  while (taken.some((f) => f.id === `field${n}`)) n += 1;
  const [label, labelEn] = TYPE_NAMES[type];
  const field: FormField = { id: `field${n}`, type, label, labelEn, required: true };
  if (type === 'select')
    field.options = [
      { value: 'a', label: '选项一', labelEn: 'Option one' },
      { value: 'b', label: '选项二', labelEn: 'Option two' },
    ];
  if (type === 'licence') field.licenceKind = 'ID_CARD';
  if (type === 'file') Object.assign(field, { accept: ['image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024 });
  // A record field chooses among the citizen's own records: its list and properties are picked from a description.
  if (type === 'record') field.record = { key: '', label: '' };
  return field;
}

/** Drops a field's properties its (new) type does not take, so the shared validator accepts it. */
export function withType(field: FormField, type: FieldType): FormField {
  const fresh = newField(type, []);
  const { id, label, labelEn, hint, hintEn, required, visibleWhen, prefill, declaration } = field;
  // A record field's prefill names a list, any other's a value: the mapping does not carry over between them.
  const mapping = (type === 'record') === (field.type === 'record') ? prefill : undefined;
  return { ...fresh, id, label, labelEn, hint, hintEn, required, visibleWhen, prefill: mapping, declaration };
}

/**
 * The made-up test person whose records fill the preview (the same person the BFF's
 * 查 card preview uses): what a prefilled field looks like, with nobody's real data,
 * masked as the app masks it.
 */
const TEST_PERSON: Record<string, string> = {
  name: '张小明',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  address: '广东省深圳市南山区科技园路1号',
  accountNumber: '4403201234567890',
  employer: '深圳市示例科技有限公司',
  insuredCity: '深圳市',
  sex: '男',
  ethnicity: '汉族',
  balance: '12345.00',
};

export function testPersonValue(path: string): string {
  const value = TEST_PERSON[path] ?? '示例';
  if (path === 'name') return maskName(value);
  if (path === 'idNumber') return maskIdNumber(value);
  if (path === 'phone') return maskPhone(value);
  if (path === 'accountNumber') return maskAccountNumber(value);
  return value;
}
