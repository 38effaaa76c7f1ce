// Tests run against core's built package, as npm:@luml/deno users get it.
// @ts-types="../../core/dist/internal.d.ts"
export * from "../../core/dist/internal.js";
