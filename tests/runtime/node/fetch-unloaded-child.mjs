// Run by fetch-unloaded.test.ts in a fresh process: what a short script using
// @luml/node does (create a client, list, upload, download, meet an API error),
// then which of Node's lazily loaded modules it pulled in. Prints JSON.
//
//   node fetch-unloaded-child.mjs <archive path> <download path>
import { LumlClient } from "../../../packages/node/dist/index.js";

const [archive, target] = process.argv.slice(2);
const { baseUrl, apiKey, seeded } = JSON.parse(process.env.LUML_DEV_SERVER);
const scope = {
  baseUrl,
  apiKey,
  organization: seeded.organization.name,
  orbit: seeded.orbits.s3.name,
  collection: seeded.collections.s3.name,
};
const luml = await LumlClient.create(scope);
await luml.artifacts.list({ limit: 1 });
const artifact = await luml.artifacts.upload(archive);
const downloaded = await luml.artifacts.download(artifact.id, { to: target });
let error;
try {
  await new LumlClient({ ...scope, apiKey: "not-the-key" }).artifacts.list({ limit: 1 });
} catch (caught) {
  error = { name: caught.constructor.name, status: caught.status, headers: caught.headers };
}
const loaded = process.moduleLoadList.filter((name) => /undici|http2|zlib/.test(name));
process.stdout.write(`${JSON.stringify({ sha256: downloaded.file_hash, error, loaded })}\n`);
