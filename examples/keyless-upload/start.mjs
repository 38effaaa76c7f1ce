// @ts-check
/**
 * Runs the example against a LUML API. The key stays in this process:
 *
 *   LUML_API_KEY=dfs_… LUML_BASE_URL=https://api.luml.ai \
 *   LUML_ORGANIZATION="My Org" LUML_ORBIT="Default Orbit" LUML_COLLECTION=Models \
 *   npm run build && npm start          # then open the printed URL
 *
 * `PORT` picks the port (default 3000).
 */
import { LumlClient } from "@luml/node";
import { startExampleServer } from "./server.mjs";

const luml = await LumlClient.create({
  organization: process.env.LUML_ORGANIZATION,
  orbit: process.env.LUML_ORBIT,
  collection: process.env.LUML_COLLECTION,
});
const server = await startExampleServer({ luml, port: Number(process.env.PORT ?? 3000) });
console.log(`Key-less upload example at ${server.url}`);
