import type { UpstreamClient } from '../../upstream/client';
import { AppError } from '../../errors';
import { BATCH, type RecordSource } from '../agency-records/loaders';

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; $ref?: string; nullable?: boolean };
type OpenApi = {
  paths?: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
};

/** What we hold ourselves about a signed-in citizen (the 'account' source): not an agency's. */
const ACCOUNT_FIELDS: Record<string, string> = { name: 'string', idNumber: 'string', phone: 'string' };
/** Values prefill shows in another unit than the agency's field: the form's path → the described field. */
const DERIVED: Partial<Record<RecordSource, Record<string, string>>> = {
  'provident-fund': { balance: 'balanceCents' },
};
const TTL_MS = 5 * 60_000;

/**
 * The record fields each record-holding agency describes in its OpenAPI document
 * (`GET /<agency>/openapi.json`, read through the one upstream client): a prefill
 * mapping or an inquiry card may only name a field the agency says it returns. Kept
 * per instance for a few minutes; an agency that cannot be read refuses the check
 * (AGENCY_UNAVAILABLE) rather than letting an unchecked mapping through.
 */
export class AgencyDescriptions {
  private readonly cache = new Map<RecordSource, { at: number; fields: Promise<Record<string, string>> }>();

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Field name → JSON type of one record of `source`. @throws AGENCY_UNAVAILABLE / AGENCY_TIMEOUT. */
  async fields(source: RecordSource | 'account'): Promise<Record<string, string>> {
    if (source === 'account') return ACCOUNT_FIELDS;
    const hit = this.cache.get(source);
    if (hit && this.now() - hit.at < TTL_MS) return hit.fields;
    const fields = this.read(source);
    this.cache.set(source, { at: this.now(), fields });
    fields.catch(() => this.cache.delete(source));
    return fields;
  }

  /** Whether a prefill path can be read from `source` (derived values count as their described field). */
  async resolves(source: RecordSource | 'account', path: string): Promise<boolean> {
    const fields = await this.fields(source);
    if (source !== 'account' && DERIVED[source]?.[path]) return DERIVED[source]![path]! in fields;
    // 'properties[]': a list of records to choose from (a record field).
    if (path.endsWith('[]')) return fields[path] === 'list';
    return Object.prototype.hasOwnProperty.call(fields, path) && fields[path] !== 'object' && fields[path] !== 'array';
  }

  private async read(source: RecordSource): Promise<Record<string, string>> {
    const { agency, path, key } = BATCH[source];
    const { status, body } = await this.upstream.request<OpenApi>(agency, {
      method: 'GET',
      path: '/openapi.json',
      idempotent: true,
      deadline: null,
    });
    if (status !== 200 || !body?.paths)
      throw new AppError('AGENCY_UNAVAILABLE', `${agency} description answered ${status}`, { agency });
    const resolve = (schema: Schema | undefined): Schema | undefined => {
      const ref = schema?.$ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
      return ref ? body.components?.schemas?.[ref] : schema;
    };
    const response = resolve(
      body.paths[`/${agency}${path}`]?.post?.responses?.['200']?.content?.['application/json']?.schema,
    );
    const record = resolve(resolve(response?.properties?.[key])?.items);
    const properties = record?.properties ?? {};
    const fields: Record<string, string> = Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [name, resolve(schema)?.type ?? 'string']),
    );
    // Lists of records, and each listed record's fields as 'list[].field' (what a record field and the fields it fills name).
    for (const [name, schema] of Object.entries(properties)) {
      const items = resolve(resolve(schema)?.items);
      if (resolve(schema)?.type !== 'array' || !items?.properties) continue;
      fields[`${name}[]`] = 'list';
      for (const [inner, s] of Object.entries(items.properties))
        fields[`${name}[].${inner}`] = resolve(s)?.type ?? 'string';
    }
    return fields;
  }
}
