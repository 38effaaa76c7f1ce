import * as v from "valibot";

/** Schema of one page of a listing, given the schema of an item. */
export function pageSchema<TItem extends v.GenericSchema>(item: TItem) {
  return v.looseObject({
    items: v.array(item),
    /** Pass back to get the next page; `null` on the last page. */
    cursor: v.nullish(v.string()),
  });
}

/** One page of a listing. `cursor` is `null` (or absent) on the last page. */
export interface Page<TItem> {
  items: TItem[];
  cursor?: string | null | undefined;
  [key: string]: unknown;
}
