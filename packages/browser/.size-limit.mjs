// What a page ships, measured as a page's bundler (esbuild, minified, gzip) builds
// it. The hashing code (the SHA-256 WebAssembly and the worker) is a chunk of its
// own that the page loads on its first hash, and so are @luml/core's tar reader
// and its plain TypeScript SHA-256 (dynamic imports, which a page's bundler splits
// off): the first check leaves every dynamically imported chunk out, counting what
// `import { LumlClient }` loads up front; the second counts everything.
const withoutLazyChunks = (config) => ({
  ...config,
  plugins: [
    ...(config.plugins ?? []),
    {
      name: "dynamic-imports-external",
      setup(build) {
        build.onResolve({ filter: /.*/ }, (args) =>
          args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined,
        );
      },
    },
  ],
});

export default [
  {
    name: "import { LumlClient } (what a page loads up front: browser, core, valibot)",
    path: "dist/index.js",
    import: "{ LumlClient }",
    gzip: true,
    limit: "25 kB",
    modifyEsbuildConfig: withoutLazyChunks,
  },
  {
    name: "import { LumlClient } with every chunk it may load later (hashing: WebAssembly once and the worker; tar reader; download; plain SHA-256)",
    path: "dist/index.js",
    import: "{ LumlClient }",
    gzip: true,
    // 41 kB until the read-ahead of archive headers, the checks of ids, keys and
    // permissions, and the server-only key-less upload chunk (split off the up-front
    // bundle, which fell from 24.8 to 23.4 kB) added 1.7 kB to the whole; 44 kB since
    // the checks of option names, cursors and collections, the errors' `source` and
    // the abort's settling of the record added 1.0 kB (up front 24.5 kB); the checks
    // of a base URL's credentials and of a record's sha256 bring it to 43.5 kB (up
    // front 24.8 kB); 46 kB since the checks of the client's own option names, of
    // a record's fields and of file URLs, finding the record of a create whose reply
    // was lost, scrubbing the key from replies and capping their size added 1.6 kB
    // (up front 22.5 kB: the body of `artifacts.upload` became a chunk of its own).
    limit: "46 kB",
  },
  {
    name: "@luml/browser's own code (all exports, @luml/core excluded)",
    path: "dist/index.js",
    import: "*",
    gzip: true,
    limit: "16 kB",
    ignore: ["@luml/core"],
  },
];
