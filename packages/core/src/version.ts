// A named import: bundlers keep the one field, not the whole package.json (its
// scripts and dependency lists would otherwise ship in every page's bundle).
import { version } from "../package.json";

/** The version of `@luml/core`. */
export const VERSION: string = version;
