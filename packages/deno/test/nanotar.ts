// nanotar as tests/runtime/suite/tar-archive.ts imports it, from the workspace's
// installed package, so the tests resolve every module from disk and need no registry.
// @ts-types="../../../tests/runtime/node_modules/nanotar/dist/index.d.mts"
export * from "../../../tests/runtime/node_modules/nanotar/dist/index.mjs";
