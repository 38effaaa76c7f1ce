import * as v from "valibot";

/** One page of a listing. */
export interface Page<TItem> {
  /** The page's items. */
  items: TItem[];
  /** Pass back as `startAfter` to get the next page; `null` (or absent) on the last page. */
  cursor?: string | null | undefined;
}

/**
 * Validates a {@link Page} of items that `item` validates.
 * @internal
 */
export function pageSchema<TItem extends v.GenericSchema>(item: TItem) {
  return v.looseObject({
    items: v.array(item),
    cursor: v.nullish(v.string()),
  });
}
