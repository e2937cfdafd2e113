import type { Db } from '../../db';
import type { FaqEntryTable } from '../../db/schema';
import type { ServiceSearch } from '../applications/search';

/**
 * The FAQ: answers about one service, and policy questions (service_id null), kept in
 * the database so operators can edit them. Searching reuses the service search (words,
 * pinyin in full or initials, English, synonyms such as 违章 → 交通违法), matching each
 * question together with its keywords and its topic's category name.
 */
export class Faq {
  constructor(private readonly deps: { db: Db; search: ServiceSearch }) {}

  /** A service's answers in order; without a service, the policy questions. */
  list(serviceId: string | null | undefined): Promise<FaqEntryTable[]> {
    let query = this.deps.db.selectFrom('faq_entries').selectAll().where('status', '=', 'published');
    query = serviceId ? query.where('service_id', '=', String(serviceId)) : query.where('service_id', 'is', null);
    return query.orderBy('sort_order').orderBy('id').execute();
  }

  /** Best matches first, at most `limit`; with a service, only its answers and the policy questions. */
  async search(text: string, serviceId: string | null | undefined, limit = 20): Promise<FaqEntryTable[]> {
    let query = this.deps.db.selectFrom('faq_entries').selectAll().where('status', '=', 'published');
    if (serviceId)
      query = query.where((eb) => eb.or([eb('service_id', '=', String(serviceId)), eb('service_id', 'is', null)]));
    const [entries, categories] = await Promise.all([
      query.orderBy('sort_order').orderBy('id').execute(),
      this.deps.db.selectFrom('service_categories').select(['id', 'name', 'name_en']).execute(),
    ]);
    const searchable = entries.map((entry) => ({
      entry,
      title: `${entry.question} ${entry.keywords}`,
      title_en: entry.question_en,
      category_id: entry.topic,
    }));
    return this.deps.search
      .search(searchable, text, new Map(categories.map((c) => [c.id, c])), limit)
      .map((s) => s.entry);
  }
}
