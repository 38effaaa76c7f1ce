// valibot as core's build imports it, from the workspace's installed package, so
// the tests resolve every module from disk and need no registry.
// @ts-types="../../core/node_modules/valibot/dist/index.d.mts"
export * from "../../core/node_modules/valibot/dist/index.mjs";
