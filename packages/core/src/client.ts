import { environmentReadDenied, isBrowserPage, readEnvironment } from "./environment";
import { ConfigurationError } from "./errors";
import type { Platform } from "./platform";
import { type DefaultsRequest, resolveDefaults } from "./resolve-defaults";
import { ArtifactsResource } from "./resources/artifacts";
import { BucketSecretsResource } from "./resources/bucket-secrets";
import { CollectionsResource } from "./resources/collections";
import { checkOptionNames, optionNames, optionNamesProblem } from "./resources/option-names";
import { OrbitsResource } from "./resources/orbits";
import { OrganizationsResource } from "./resources/organizations";
import {
  callOptions,
  type DefaultIds,
  type RequestOptions,
  type ResourceContext,
} from "./resources/resource-context";
import { createTransport } from "./transport/create-transport";
import { createFetchAttempt } from "./transport/fetch-attempt";
import type { Logger } from "./transport/logger";
import type { Transport } from "./transport/transport";
import { untilAborted } from "./transport/until-aborted";
import { VERSION } from "./version";
import { webPlatform } from "./web-platform";

/** The LUML API's public address. */
export const defaultBaseUrl = "https://api.luml.ai";

/** Options of `LumlClient`. */
export interface LumlClientOptions {
  /**
   * The API key (`dfs_…`); whitespace around it (a file's final newline) is ignored.
   * Default: the `LUML_API_KEY` environment variable.
   */
  apiKey?: string | undefined;
  /**
   * The API's base URL, without `/v1` and without credentials (`user:key@` is a
   * `ConfigurationError`: the key goes in `apiKey`). Default: `LUML_BASE_URL`, else
   * `https://api.luml.ai`; a `ConfigurationError` where the runtime denies reading
   * `LUML_BASE_URL` (Deno).
   */
  baseUrl?: string | undefined;
  /** Default organization, by id or name. Optional when the user has exactly one. */
  organization?: string | undefined;
  /** Default orbit, by id or name. Needs an organization; optional when it has exactly one. */
  orbit?: string | undefined;
  /** Default collection, by id or exact name. Needs an orbit; optional when it has exactly one. */
  collection?: string | undefined;
  /**
   * Milliseconds to wait for an API reply's headers before the attempt fails with
   * `APITimeoutError` (and is retried if it may be). Default 60 000.
   */
  timeout?: number | undefined;
  /**
   * Milliseconds to wait for a storage reply's headers, counted from the last byte
   * of the request body where the runtime reports upload progress. A PUT of the
   * file's bytes waits at most `idleTimeout` after its last byte (object stores
   * answer once the bytes arrive, and a server that stopped reading can hide behind
   * socket buffers); completing a multipart upload may take minutes and gets the
   * whole wait. Default 600 000.
   */
  storageTimeout?: number | undefined;
  /**
   * Milliseconds a request body being sent, or a reply body being received, may go
   * without a single byte (API and storage) before the attempt fails with
   * `APITimeoutError`: a stalled connection is dropped and retried instead of
   * hanging. Default 60 000.
   */
  idleTimeout?: number | undefined;
  /** Retries of a failed idempotent request. Default 2. */
  maxRetries?: number | undefined;
  /** The `fetch` to use (a proxy-aware one, for example). Default `globalThis.fetch`. */
  fetch?: typeof fetch | undefined;
  /**
   * Receives one line per request attempt: method, URL without its query, status
   * or error, time. Default: the console's error stream when the `LUML_LOG`
   * environment variable is `debug`, else nothing. The API key is never logged.
   */
  logger?: Logger | undefined;
  /** Extra headers sent with every API call (never to storage). */
  headers?: Record<string, string> | undefined;
  /**
   * Allows an API key in a web page, where every visitor can read it. Prefer a
   * short-lived key issued by your own back end.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /**
   * Runtime pieces; `@luml/node`, `@luml/browser` and `@luml/deno` pass theirs.
   * Default: the web platform (`Blob`/`File` uploads, `fetch`, downloads into a
   * `Blob` or a `WritableStream`), which every web-standard runtime has.
   */
  platform?: Platform | undefined;
}

/** Options of `LumlClient.create`: the client's own, and a signal. */
export interface CreateLumlClientOptions extends LumlClientOptions {
  /**
   * Stops resolving the default organization, orbit and collection: `create` then
   * rejects with the signal's reason.
   */
  signal?: AbortSignal | undefined;
}

/** The default organization, orbit and collection to use, each by id or name. */
export interface SetupConfigOptions extends DefaultsRequest, RequestOptions {}

/**
 * The LUML client. `new LumlClient(options)` resolves the default
 * organization, orbit and collection on the first call that needs them;
 * `await LumlClient.create(options)` resolves them at once, so configuration
 * mistakes surface immediately.
 */
export class LumlClient {
  /** The API's base URL. */
  readonly baseUrl: string;
  /** The organizations of the key's user. */
  readonly organizations: OrganizationsResource;
  /** The orbits of an organization. */
  readonly orbits: OrbitsResource;
  /** The collections of an orbit. */
  readonly collections: CollectionsResource;
  /** Presigned multipart upload URLs. */
  readonly bucketSecrets: BucketSecretsResource;
  /** The artifacts of a collection. */
  readonly artifacts: ArtifactsResource;

  #requested: DefaultsRequest;
  #resolved: DefaultIds | undefined;
  #resolving: Promise<DefaultIds> | undefined;
  /** Bumped by every change of the defaults: a lookup started before one is not kept. */
  #version = 0;
  /** The `setupConfig` calls started, and the newest one whose defaults were applied. */
  #setupsStarted = 0;
  #setupApplied = 0;

  /**
   * Creates a client; nothing is requested until the first call.
   * @throws {ConfigurationError} for an option the client does not take (`api_key`
   * for `apiKey`, a misspelt name), before it could fall back on a default.
   */
  constructor(options: LumlClientOptions = {}) {
    const problem = optionNamesProblem(options, optionNames.client, "new LumlClient");
    if (problem)
      throw new ConfigurationError({ message: `Invalid ${problem.argument}: ${problem.message}.` });
    const apiKey = resolveApiKey(options);
    this.baseUrl = resolveBaseUrl(options.baseUrl);
    validateNumbers(options);
    const transport = buildTransport(options, apiKey, this.baseUrl);
    const context: ResourceContext = {
      transport,
      platform: options.platform ?? webPlatform,
      defaults: (signal) => this.#defaults(signal),
    };
    this.organizations = new OrganizationsResource(context);
    this.orbits = new OrbitsResource(context);
    this.collections = new CollectionsResource(context);
    this.bucketSecrets = new BucketSecretsResource(context);
    this.artifacts = new ArtifactsResource(context);
    this.#requested = {
      organization: options.organization,
      orbit: options.orbit,
      collection: options.collection,
    };
  }

  /**
   * Creates a client and resolves its defaults now; rejects on a configuration mistake.
   *
   * @example
   * ```ts
   * import { LumlClient } from "@luml/node"; // each runtime's package has its own
   *
   * // LUML_API_KEY and LUML_BASE_URL come from the environment.
   * const luml = await LumlClient.create({ organization: "My Org", orbit: "Default Orbit", collection: "Models" });
   * ```
   */
  static async create<TClient extends LumlClient>(
    this: new (
      options?: LumlClientOptions,
    ) => TClient,
    options: CreateLumlClientOptions = {},
  ): Promise<TClient> {
    const problem = optionNamesProblem(options, optionNames.createClient, "LumlClient.create");
    if (problem)
      throw new ConfigurationError({ message: `Invalid ${problem.argument}: ${problem.message}.` });
    const { signal, ...clientOptions } = options;
    const client = new this(clientOptions);
    await client.setupConfig({ ...client.#requested, signal });
    return client;
  }

  /**
   * Sets the default organization, orbit and collection (ids or names) and
   * resolves them now. Returns the resolved ids. Until it succeeds, the client
   * keeps the defaults it had: a name that does not resolve, or an abort, changes
   * nothing.
   *
   * @example
   * ```ts
   * const { organizationId, orbitId, collectionId } = await luml.setupConfig({
   *   orbit: "Production",
   *   collection: "Models",
   * });
   * ```
   */
  async setupConfig(options: SetupConfigOptions = {}): Promise<DefaultIds> {
    checkOptionNames(options, optionNames.setupConfig, "setupConfig");
    const requested: DefaultsRequest = {
      organization: options.organization,
      orbit: options.orbit,
      collection: options.collection,
    };
    const ticket = ++this.#setupsStarted;
    const ids = await resolveDefaults(this, requested, callOptions(options));
    // Applied unless a newer setupConfig() was applied first; a failed one applies nothing.
    if (ticket > this.#setupApplied) {
      this.#setupApplied = ticket;
      this.#apply(requested, ids);
    }
    return ids;
  }

  /**
   * The default organization's id: resolved (after `create`, `setupConfig` or
   * the first call), else as configured. Setting it (by id) takes effect at once.
   */
  get organization(): string | undefined {
    return this.#current("organization", "organizationId");
  }
  /**
   * Makes `id` the default organization for the calls that follow, without a
   * request: the id is used as given (not a name, not checked against the API).
   * The default orbit and collection are kept. `undefined` clears it.
   * @throws {ConfigurationError} when `id` is an empty string.
   */
  set organization(id: string | undefined) {
    this.#set("organization", "organizationId", id);
  }

  /** The default orbit's id (see `organization`). Settable by id. */
  get orbit(): string | undefined {
    return this.#current("orbit", "orbitId");
  }
  /**
   * Makes `id` the default orbit for the calls that follow, without a request:
   * the id is used as given (not a name, not checked against the API). The
   * default organization and collection are kept. `undefined` clears it.
   * @throws {ConfigurationError} when `id` is an empty string.
   */
  set orbit(id: string | undefined) {
    this.#set("orbit", "orbitId", id);
  }

  /** The default collection's id (see `organization`). Settable by id. */
  get collection(): string | undefined {
    return this.#current("collection", "collectionId");
  }
  /**
   * Makes `id` the default collection for the calls that follow, without a
   * request: the id is used as given (not a name, not checked against the API).
   * `undefined` clears it.
   * @throws {ConfigurationError} when `id` is an empty string.
   */
  set collection(id: string | undefined) {
    this.#set("collection", "collectionId", id);
  }

  #current(requestKey: keyof DefaultsRequest, idKey: keyof DefaultIds): string | undefined {
    return this.#resolved ? this.#resolved[idKey] : this.#requested[requestKey];
  }

  #set(requestKey: keyof DefaultsRequest, idKey: keyof DefaultIds, id: string | undefined): void {
    if (id !== undefined && (typeof id !== "string" || id.trim() === "")) {
      throw new ConfigurationError({
        message: `The default ${requestKey} must be a non-empty id.`,
      });
    }
    this.#apply(
      { ...this.#requested, [requestKey]: id },
      this.#resolved && { ...this.#resolved, [idKey]: id },
    );
  }

  /** Makes these the defaults; a lookup still under way for the previous ones is dropped. */
  #apply(requested: DefaultsRequest, resolved: DefaultIds | undefined): void {
    this.#version += 1;
    this.#requested = requested;
    this.#resolved = resolved;
    this.#resolving = undefined;
  }

  #defaults(signal?: AbortSignal): Promise<DefaultIds> {
    if (this.#resolved) return Promise.resolve(this.#resolved);
    if (!this.#resolving) {
      const version = this.#version;
      // Shared by every call that needs the defaults meanwhile, so no one caller's
      // signal stops it (the client's timeouts bound it); each caller stops waiting
      // on its own signal.
      const resolving = resolveDefaults(this, this.#requested).then(
        (ids) => {
          // Defaults changed meanwhile (setupConfig(), a setter): these are not kept.
          if (version === this.#version) this.#resolved = ids;
          if (this.#resolving === resolving) this.#resolving = undefined;
          return ids;
        },
        (error: unknown) => {
          if (this.#resolving === resolving) this.#resolving = undefined;
          throw error;
        },
      );
      // Its callers each get its failure through their own wait; one that stopped
      // waiting (its signal aborted first) must not leave it unhandled.
      resolving.catch(() => {});
      this.#resolving = resolving;
    }
    return signal ? untilAborted(this.#resolving, signal) : this.#resolving;
  }
}

function resolveApiKey(options: LumlClientOptions): string {
  const apiKey = options.apiKey ?? readEnvironment("LUML_API_KEY");
  if (apiKey === undefined && environmentReadDenied("LUML_API_KEY")) {
    throw new ConfigurationError({
      message:
        "No API key: LUML_API_KEY could not be read, the runtime denied access to the environment. In Deno, run with --allow-env=LUML_API_KEY,LUML_BASE_URL,LUML_LOG (or pass `apiKey` to the client).",
    });
  }
  // A key has no whitespace around it; one pasted or read from a file often does.
  const trimmed = apiKey?.trim();
  if (trimmed === undefined || trimmed === "") {
    throw new ConfigurationError({
      message:
        "No API key: pass `apiKey` to the client (in a Worker, from its `env`) or set the LUML_API_KEY environment variable.",
    });
  }
  const problem = apiKeyProblem(trimmed);
  if (problem) {
    // Never a character of the key: the message may end up in a log.
    throw new ConfigurationError({
      message: `The API key ${problem}, which a key never has: check where it was copied or read from (\`apiKey\` or LUML_API_KEY).`,
    });
  }
  if (isBrowserPage() && options.dangerouslyAllowBrowser !== true) {
    throw new ConfigurationError({
      message:
        "An API key in a web page can be read by anyone who opens it, so the client refuses to run in a browser by default. Have your own back end issue a short-lived key for the page and pass `dangerouslyAllowBrowser: true` to confirm you accept the exposure.",
    });
  }
  return trimmed;
}

/**
 * What makes a key unusable in an `Authorization` header, if anything: a control
 * character (which the runtime refuses to send, a failure each request would
 * retry), or anything outside printable ASCII.
 */
function apiKeyProblem(apiKey: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(apiKey)) {
    return "contains a line break or other control character";
  }
  if (/[^\u0020-\u007e]/.test(apiKey)) {
    return "contains a character outside printable ASCII (a typographic quote or dash from pasted text?)";
  }
  return undefined;
}

function resolveBaseUrl(given: string | undefined): string {
  const fromEnvironment = given === undefined ? readEnvironment("LUML_BASE_URL") : undefined;
  // A LUML_BASE_URL the runtime hides must not turn into the default: a local or
  // staging key would then go to the LUML service.
  if (
    given === undefined &&
    fromEnvironment === undefined &&
    environmentReadDenied("LUML_BASE_URL")
  ) {
    throw new ConfigurationError({
      message:
        "No base URL: LUML_BASE_URL could not be read, the runtime denied access to the environment. In Deno, run with --allow-env=LUML_API_KEY,LUML_BASE_URL,LUML_LOG (or pass `baseUrl` to the client).",
    });
  }
  const baseUrl = given ?? fromEnvironment ?? defaultBaseUrl;
  let url: URL;
  try {
    url = new URL(baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(url.protocol);
  } catch (error) {
    throw new ConfigurationError({
      message: `Invalid base URL ${JSON.stringify(baseUrl)}: expected an http(s) URL.`,
      cause: error,
    });
  }
  // `https://user:key@host` would put a secret in every log line and error that
  // names the URL (a browser's own connection errors quote it whole).
  if (url.username !== "" || url.password !== "") {
    throw new ConfigurationError({
      message: `Invalid base URL ${JSON.stringify(`${url.protocol}//${url.host}${url.pathname}`)} with credentials (user:password@) in it: give the API key as \`apiKey\` (LUML_API_KEY) and the URL without them.`,
    });
  }
  const root = baseUrl.replace(/\/+$/, "");
  // Every path already starts with /v1 (the dev server says "routes under /v1"): a
  // base URL ending in it would make every call a bare 404.
  if (/\/v1$/i.test(new URL(root).pathname)) {
    throw new ConfigurationError({
      message: `Invalid base URL ${JSON.stringify(baseUrl)}: leave out the /v1, which the SDK adds.`,
    });
  }
  return root;
}

function validateNumbers(options: LumlClientOptions): void {
  for (const name of ["timeout", "storageTimeout", "idleTimeout"] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && value > 0 && value <= maxTimer)) {
      throw new ConfigurationError({
        message: `\`${name}\` must be a positive number of milliseconds, at most ${maxTimer}.`,
      });
    }
  }
  if (
    options.maxRetries !== undefined &&
    !(Number.isInteger(options.maxRetries) && options.maxRetries >= 0)
  ) {
    throw new ConfigurationError({ message: "`maxRetries` must be a non-negative integer." });
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigurationError({ message: "`fetch` must be a function." });
  }
}

/** The longest delay timers accept (about 24.8 days); larger ones fire at once. */
const maxTimer = 2_147_483_647;

function buildTransport(options: LumlClientOptions, apiKey: string, baseUrl: string): Transport {
  // A user's own fetch (a proxy, instrumentation) carries storage requests too.
  const fetchAttempt = createFetchAttempt(
    options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  );
  return createTransport({
    baseUrl,
    apiKey,
    timeout: options.timeout,
    storageTimeout: options.storageTimeout,
    idleTimeout: options.idleTimeout,
    maxRetries: options.maxRetries,
    headers: options.headers,
    userAgent: `luml-typescript/${VERSION}`,
    apiAttempt: (!options.fetch && options.platform?.apiAttempt) || fetchAttempt,
    logger: options.logger,
    storageAttempt: (!options.fetch && options.platform?.storageAttempt) || fetchAttempt,
  });
}
