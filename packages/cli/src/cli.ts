import { main } from "./main";

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Let stdout and stderr drain, but do not wait on idle connections kept for reuse.
setTimeout(() => process.exit(code), 2000).unref();
