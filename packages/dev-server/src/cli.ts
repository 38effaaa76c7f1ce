#!/usr/bin/env node
import { CLI_USAGE, parseCliArguments } from "./parse-cli-arguments";
import { startDevServer } from "./start-dev-server";
import type { DevServer } from "./types";

function banner(server: DevServer): string {
  const { seeded } = server;
  return `LUML dev server ready at ${server.baseUrl} (routes under /v1)

  API key            ${server.apiKey}
  Key without rights ${seeded.noRightsApiKey}
  Organization       ${seeded.organization.name} (${seeded.organization.id})
  Other organization ${seeded.otherOrganization.name} (${seeded.otherOrganization.id})
  S3 orbit           ${seeded.orbits.s3.name} (${seeded.orbits.s3.id}), collection ${seeded.collections.s3.name} (${seeded.collections.s3.id})
  Azure orbit        ${seeded.orbits.azure.name} (${seeded.orbits.azure.id}), collection ${seeded.collections.azure.name} (${seeded.collections.azure.id})
  S3 storage         ${server.storage.s3.endpoint}
  Azure storage      ${server.storage.azure.endpoint}

Use it with the SDK:
  export LUML_BASE_URL=${server.baseUrl}
  export LUML_API_KEY=${server.apiKey}

  import { LumlClient } from "@luml/node";
  const luml = await LumlClient.create({ organization: "${seeded.organization.name}", orbit: "${seeded.orbits.s3.name}", collection: "${seeded.collections.s3.name}" });

Press Ctrl+C to stop.`;
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArguments>;
  try {
    options = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (!options) {
    console.log(CLI_USAGE);
    return;
  }
  const server = await startDevServer(options);
  console.log(banner(server));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await server.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(
    `luml-dev-server failed to start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
