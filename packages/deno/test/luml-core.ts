// Tests run against core's built package, as npm:@luml/deno users get it.
// @ts-types="../../core/dist/index.d.ts"
export * from "../../core/dist/index.js";
