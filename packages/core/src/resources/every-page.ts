import * as v from "valibot";
import type { Page } from "../models/page";
import { parseResponse } from "../models/parse-response";

/**
 * Every item of a listing, page after page: each page is fetched once the previous
 * one's items are taken, following its `cursor` until one is `null`.
 *
 * A cursor the listing already followed can only lead back to pages already read,
 * and from them to the same cursor again: a server (or a proxy, a cache) that
 * repeats one would keep the loop sending requests as fast as it gets replies,
 * forever. Such a page is refused, before any of its items is yielded, with an
 * `APIResponseValidationError` on its `cursor`: the reply breaks the API's contract
 * (a cursor leads forward) as a missing field would.
 * @internal
 */
export async function* itemsOfEveryPage<TItem>(
  fetchPage: (startAfter: string | undefined) => Promise<Page<TItem>>,
): AsyncGenerator<TItem, void, undefined> {
  const followed = new Set<string>();
  const schema = pageLeadingForward(followed);
  let startAfter: string | undefined;
  do {
    const page = await fetchPage(startAfter);
    startAfter = parseResponse(schema, page).cursor ?? undefined;
    if (startAfter) followed.add(startAfter);
    yield* page.items;
  } while (startAfter);
}

/** A page whose `cursor`, if any, is none of `followed`. */
function pageLeadingForward(followed: ReadonlySet<string>) {
  return v.looseObject({
    cursor: v.nullish(
      v.pipe(
        v.string(),
        v.check(
          (cursor) => !followed.has(cursor),
          (issue) =>
            `the cursor ${String(issue.received)} was already followed in this listing: following it again would read the same pages forever`,
        ),
      ),
    ),
  });
}
