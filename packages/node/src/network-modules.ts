/**
 * `node:http`, `node:https`, `node:net` and `node:tls`, taken with
 * `process.getBuiltinModule` (Node 20.16+, Bun) rather than `import`. An ES
 * `import` of a built-in module reads every one of its exports, and so runs their
 * lazy getters: in Node 22 and 24, `node:http`'s `WebSocket` loads Node's whole
 * `fetch` implementation (undici, with `node:http2`, `node:zlib` and more), and
 * `node:tls`'s `rootCertificates` decodes every bundled CA certificate into
 * strings. The SDK uses neither (it sends every request on `node:http` or a bare
 * socket, and TLS loads the certificates it needs itself).
 */
export const http = process.getBuiltinModule("node:http");
export const https = process.getBuiltinModule("node:https");
export const net = process.getBuiltinModule("node:net");
export const tls = process.getBuiltinModule("node:tls");
