import { visibleFields, type FormField, type FormSchema } from '@citizen/shared';

/** What a citizen has to do on a form, as the form screen would be shown to them (issue 19). */
export interface MaterialsCount {
  /** Required fields they must type although nothing is declared in them by design. */
  typed: string[];
  /** Required fields that are theirs to declare (a shop's name): typed by design. */
  declared: string[];
  /** Required uploads of documents the government issues (should be none: attached by reference). */
  governmentUploads: string[];
  /** Required uploads of the citizen's own papers (a private lease). */
  ownUploads: string[];
}

const TYPED: ReadonlySet<FormField['type']> = new Set([
  'text',
  'number',
  'date',
  'idNumber',
  'phone',
  'plate',
  'address',
  'amount',
  'creditCode',
]);

/**
 * Counts a form's work for one citizen from what the form query answered: the fields
 * filled in (prefilled, with their shown values deciding what else is visible) and the
 * record fields offered as a choice (a tap, not typing). Selects and licences are taps
 * too; optional fields are not counted (nobody has to fill them).
 */
export function countMaterials(
  form: FormSchema,
  filled: { prefilled: Record<string, string>; choices: readonly string[] },
): MaterialsCount {
  const count: MaterialsCount = { typed: [], declared: [], governmentUploads: [], ownUploads: [] };
  const chosen = new Set(filled.choices);
  for (const field of visibleFields(form, filled.prefilled)) {
    if (!field.required || field.id in filled.prefilled || chosen.has(field.id)) continue;
    // Filled in by choosing the record it comes from.
    if (field.prefill?.from && chosen.has(field.prefill.from)) continue;
    if (field.type === 'file') (field.declaration ? count.ownUploads : count.governmentUploads).push(field.id);
    else if (TYPED.has(field.type)) (field.declaration ? count.declared : count.typed).push(field.id);
  }
  return count;
}
