import { LICENCE_KINDS, validateFormSchema, type FormField, type FormSchema, type LicenceKind } from '@citizen/shared';
import { AppError, BadUserInputError } from '../../errors';
import { isDepartment, type Material, type ServiceDefinition, type ServiceGuide } from '../applications/definitions';
import type { RecordSource } from '../agency-records/loaders';
import type { ServiceInput as SchemaServiceInput } from '../../generated/resolvers';

/** What the console sends for a service: the definition without its version (and fee rule, which payments own). */
export type ServiceInput = Omit<ServiceDefinition, 'version' | 'feeRule'>;
/** A service as the console sends it (the schema's ServiceInput), before validateService: departments and licence kinds are any strings. */
export type UncheckedServiceInput = SchemaServiceInput | ServiceInput;

const LINES = ['DO', 'INQUIRE', 'BOOK', 'ASK'];
const GUIDE_TEXTS = ['legalBasis', 'eligibility', 'feeBasis', 'place', 'hours', 'result', 'delivery'] as const;

const isLicenceKind = (value: string): value is LicenceKind => (LICENCE_KINDS as readonly string[]).includes(value);
const invalid = (field: string) => new BadUserInputError('SERVICE_INVALID', { field });
const noEnglish = (field: string) => new BadUserInputError('SERVICE_ENGLISH_MISSING', { field });
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** GraphQL hands absent optional inputs over as null; a stored schema has no nulls (the shared validator refuses them). */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    ) as T;
  }
  return value;
}

/**
 * English is present wherever Chinese is: the app shows every service in both, so a
 * missing translation is refused on its own code, naming the place.
 */
function checkEnglish(service: UncheckedServiceInput): void {
  for (const key of ['title', 'description', 'fees'] as const)
    if (!text(service[`${key}En`])) throw noEnglish(`${key}En`);
  service.materials.forEach((m, i) => {
    if (!text(m.nameEn)) throw noEnglish(`materials.${i}.nameEn`);
  });
  for (const field of service.form.fields ?? []) {
    const at = `form.${field.id}`;
    if (text(field.label) && !text(field.labelEn)) throw noEnglish(`${at}.labelEn`);
    if (text(field.hint) && !text(field.hintEn)) throw noEnglish(`${at}.hintEn`);
    if (text(field.patternMessage) && !text(field.patternMessageEn)) throw noEnglish(`${at}.patternMessageEn`);
    field.options?.forEach((o, i) => {
      if (text(o.label) && !text(o.labelEn)) throw noEnglish(`${at}.options.${i}.labelEn`);
    });
  }
  if (service.guide)
    for (const key of GUIDE_TEXTS)
      if (text(service.guide[key]) && !text(service.guide[`${key}En`])) throw noEnglish(`guide.${key}En`);
}

function checkGuide(guide: ServiceGuide): ServiceGuide {
  if (!/^[0-9A-Za-z-]{4,40}$/.test(guide.itemCode ?? '')) throw invalid('guide.itemCode');
  for (const key of GUIDE_TEXTS) if (!text(guide[key]) || text(guide[key]).length > 2000) throw invalid(`guide.${key}`);
  for (const key of ['enquiryPhone', 'complaintPhone'] as const)
    if (!/^[0-9-]{3,20}$/.test(guide[key] ?? '')) throw invalid(`guide.${key}`);
  if (!Number.isInteger(guide.statutoryDays) || guide.statutoryDays < 0 || guide.statutoryDays > 365)
    throw invalid('guide.statutoryDays');
  if (!Number.isInteger(guide.visits) || guide.visits < 0 || guide.visits > 10) throw invalid('guide.visits');
  return guide;
}

/**
 * Checks a service before it is saved or published, in this order, each failure on
 * its own code: the definition's own fields (SERVICE_INVALID with the field), English
 * present (SERVICE_ENGLISH_MISSING), departments the app is connected to
 * (SERVICE_DEPARTMENT_UNKNOWN), the form by the shared validator the app also runs
 * (SERVICE_FORM_INVALID with its problems), and every prefill mapping resolvable in
 * its agency's described records (SERVICE_PREFILL_UNRESOLVED, naming the field).
 */
export async function validateService(
  raw: UncheckedServiceInput,
  lookups: {
    categoryExists(id: string): Promise<boolean>;
    resolves(source: RecordSource | 'account', path: string): Promise<boolean>;
  },
): Promise<ServiceInput> {
  const input = withoutNulls(raw);
  if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(input.id ?? '')) throw invalid('id');
  if (!text(input.title) || Array.from(text(input.title)).length > 40) throw invalid('title');
  if (!text(input.description) || text(input.description).length > 2000) throw invalid('description');
  if (!Array.isArray(input.lines) || !input.lines.length || !input.lines.every((l) => LINES.includes(l)))
    throw invalid('lines');
  if (!Number.isInteger(input.requiredLevel) || input.requiredLevel < 0 || input.requiredLevel > 3)
    throw invalid('requiredLevel');
  if (!Number.isInteger(input.promisedDays) || input.promisedDays < 0 || input.promisedDays > 365)
    throw invalid('promisedDays');
  if (!text(input.fees)) throw invalid('fees');
  if (!Array.isArray(input.materials)) throw invalid('materials');
  if (!input.form || !Array.isArray(input.form.fields))
    throw new BadUserInputError('SERVICE_FORM_INVALID', {
      field: 'form',
      problems: ['a form schema is an object { fields: [...] }'],
    });
  checkEnglish(input);

  if (!Array.isArray(input.departments) || input.departments.length === 0) throw invalid('departments');
  const unknown = input.departments.find((d) => !isDepartment(d));
  if (unknown !== undefined)
    throw new BadUserInputError('SERVICE_DEPARTMENT_UNKNOWN', { field: 'departments', department: unknown });
  if (new Set(input.departments).size !== input.departments.length) throw invalid('departments');
  // Every one is known (checked above); the filter is what tells the type so.
  const given: readonly string[] = input.departments;
  const departments = given.filter(isDepartment);

  const checked = validateFormSchema(input.form);
  if (!checked.ok) throw new BadUserInputError('SERVICE_FORM_INVALID', { field: 'form', problems: checked.problems });
  const form: FormSchema = checked.schema;
  const ids = new Set(form.fields.map((f) => f.id));
  const materials: Material[] = input.materials.map((m, i) => {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(m.id ?? '') || !text(m.name)) throw invalid(`materials.${i}`);
    const { fieldId, licenceKind } = m;
    if (fieldId != null && !ids.has(fieldId)) throw invalid(`materials.${i}.fieldId`);
    if (licenceKind != null && !isLicenceKind(licenceKind)) throw invalid(`materials.${i}.licenceKind`);
    return {
      id: m.id,
      name: text(m.name),
      nameEn: text(m.nameEn),
      required: !!m.required,
      ...(fieldId != null && { fieldId }),
      ...(licenceKind != null && { licenceKind }),
    };
  });
  if (!(await lookups.categoryExists(input.categoryId))) throw invalid('categoryId');

  // Each prefill is read from its agency at run time: it must be a field that agency describes.
  for (const field of form.fields.filter(
    (f): f is FormField & { prefill: NonNullable<FormField['prefill']> } => !!f.prefill,
  )) {
    const { source, path, from } = field.prefill;
    // A record field names a list; a field filled from a chosen record names a field of that list's records.
    const list = from ? form.fields.find((f) => f.id === from)?.prefill?.path : undefined;
    const described = field.type === 'record' ? `${path}[]` : list ? `${list}[].${path}` : path;
    if (!(await lookups.resolves(source as RecordSource | 'account', described))) {
      throw new AppError('SERVICE_PREFILL_UNRESOLVED', undefined, { field: `form.${field.id}.prefill`, source, path });
    }
  }
  return {
    id: input.id,
    title: text(input.title),
    titleEn: text(input.titleEn),
    categoryId: input.categoryId,
    lines: input.lines,
    description: text(input.description),
    descriptionEn: text(input.descriptionEn),
    requiredLevel: input.requiredLevel,
    departments,
    promisedDays: input.promisedDays,
    fees: text(input.fees),
    feesEn: text(input.feesEn),
    materials,
    form,
    guide: input.guide ? checkGuide(input.guide) : null,
  };
}
