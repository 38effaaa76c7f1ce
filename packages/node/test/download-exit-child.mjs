// Downloads one artifact with the built @luml/node, as a user's script would, and
// prints what happened as JSON; then does nothing more, so the process must end by
// itself. argv: client options as JSON, the artifact id, the target path.
import { LumlClient } from "../dist/index.js";

const [options, artifactId, to] = process.argv.slice(2);
const luml = new LumlClient(JSON.parse(options));
try {
  await luml.artifacts.download(artifactId, { to });
  console.log(JSON.stringify({ downloaded: true }));
} catch (error) {
  console.log(JSON.stringify({ name: error.name }));
}
