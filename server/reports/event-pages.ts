import type { EventQuery, EventRepo, StoredEvent } from '../store/index.ts';

/** How many events one page holds. @default 1000 */
export const EVENT_PAGE_SIZE = 1000;

/**
 * Every event matching `query`, oldest first, read a page at a time (the id of the last event is
 * the cursor), so that a report over a large log never holds more than one page of it.
 */
export async function* eventPages(
  repo: EventRepo,
  query: Omit<EventQuery, 'afterId' | 'limit' | 'newestFirst'>,
  pageSize: number = EVENT_PAGE_SIZE,
): AsyncGenerator<StoredEvent[]> {
  let afterId: number | undefined;
  for (;;) {
    const page = await repo.list({
      ...query,
      limit: pageSize,
      ...(afterId === undefined ? {} : { afterId }),
    });
    if (page.length) yield page;
    if (page.length < pageSize) return;
    afterId = page.at(-1)!.id;
  }
}
