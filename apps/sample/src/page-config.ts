/** How the page reaches LUML. */
export type PageMode =
  /**
   * The default: the page holds no API key. It asks the demo's server (`/api/…`),
   * which holds the key, to list, begin and complete uploads, download and delete;
   * it sends a file's bytes straight to storage.
   */
  | "keyless"
  /** Opt-in (`--key-in-browser`): the page gets the key and calls the API itself. */
  | "key-in-browser";

/** What the browser page needs; the demo serves it as `/config.json`. */
export interface PageConfig {
  /** How the page reaches LUML. */
  mode: PageMode;
  /** Organization name or id. */
  organization: string;
  /** Orbit names or ids to choose from; the first is selected. */
  orbits: string[];
  /** Collection name or id, looked up in the selected orbit. */
  collection: string;
  /** The API base URL: only in `key-in-browser` mode. */
  baseUrl?: string;
  /** The API key: only in `key-in-browser` mode (a local demo; never on a public site). */
  apiKey?: string;
}

/** Where the demo's LUML is and what the page shows of it. */
export interface LumlConnection {
  /** The API base URL (`http://127.0.0.1:PORT` for the dev server). */
  baseUrl: string;
  /** The API key; it stays on the server unless the page is in `key-in-browser` mode. */
  apiKey: string;
  /** Organization name or id. */
  organization: string;
  /** Orbit names or ids to choose from; the first is selected. */
  orbits: string[];
  /** Collection name or id, looked up in each orbit. */
  collection: string;
}
