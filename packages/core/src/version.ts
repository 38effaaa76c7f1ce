import packageJson from "../package.json";

/** The version of `@luml/core`. */
export const VERSION: string = packageJson.version;
