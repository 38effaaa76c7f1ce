/** What the browser page needs to talk to LUML; the demo serves it as `/config.json`. */
export interface PageConfig {
  /** The API base URL (`http://127.0.0.1:PORT` for the dev server). */
  baseUrl: string;
  /** The API key. The page is a local demo; a public site would use a short-lived key. */
  apiKey: string;
  /** Organization name or id. */
  organization: string;
  /** Orbit names or ids to choose from; the first is selected. */
  orbits: string[];
  /** Collection name or id, looked up in the selected orbit. */
  collection: string;
}
