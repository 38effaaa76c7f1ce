/// <reference types="vite/client" />

/** The variables vite.config.mjs lets into the page (`envPrefix: "LUML_"`). */
interface ImportMetaEnv {
  readonly LUML_API_KEY: string;
  readonly LUML_BASE_URL?: string;
  readonly LUML_ORGANIZATION?: string;
  readonly LUML_ORBIT?: string;
  readonly LUML_COLLECTION?: string;
}
