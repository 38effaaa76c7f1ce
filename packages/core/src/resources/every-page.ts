import type { BaseIssue } from "valibot";
import { APIResponseValidationError } from "../errors";
import type { Page } from "../models/page";

/**
 * Every item of a listing, page after page: each page is fetched once the previous
 * one's items are taken, following its `cursor` until one is `null`.
 *
 * A cursor the listing already followed can only lead back to pages already read,
 * and from them to the same cursor again: a server (or a proxy, a cache) that
 * repeats one would keep the loop sending requests as fast as it gets replies,
 * forever. Such a page is refused, before any of its items is yielded, with an
 * `APIResponseValidationError`: the reply breaks the API's contract (a cursor
 * leads forward) as a missing field would.
 * @internal
 */
export async function* itemsOfEveryPage<TItem>(
  fetchPage: (startAfter: string | undefined) => Promise<Page<TItem>>,
): AsyncGenerator<TItem, void, undefined> {
  const followed = new Set<string>();
  let startAfter: string | undefined;
  do {
    const page = await fetchPage(startAfter);
    startAfter = page.cursor ?? undefined;
    if (startAfter !== undefined && followed.has(startAfter)) {
      throw repeatedCursorError(page, startAfter);
    }
    if (startAfter) followed.add(startAfter);
    yield* page.items;
  } while (startAfter);
}

/** The error for a page whose `cursor` was already followed: one issue, at `cursor`. */
function repeatedCursorError(page: object, cursor: string): APIResponseValidationError {
  const issue = {
    kind: "validation",
    type: "check",
    input: cursor,
    expected: null,
    received: JSON.stringify(cursor),
    message: `the cursor ${JSON.stringify(cursor)} was already followed in this listing: following it again would read the same pages forever`,
    path: [{ type: "object", origin: "value", input: page, key: "cursor", value: cursor }],
  } as BaseIssue<unknown>;
  return new APIResponseValidationError({ issues: [issue], value: page });
}
