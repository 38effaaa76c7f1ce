import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, modelBody } from "./helpers";

let limited: DevServer;
let unlimited: DevServer;
beforeAll(async () => {
  [limited, unlimited] = await Promise.all([
    startDevServer({ maxArtifactsPerOrganization: 2 }),
    startDevServer(),
  ]);
}, 90_000);
afterAll(async () => {
  await Promise.all([limited?.stop(), unlimited?.stop()]);
});

describe("an organization's artifact limit", () => {
  it("answers 409 to the artifact past it, counting every orbit, and frees a slot on delete", async () => {
    const first = await call(limited, "POST", artifactsPath(limited, "s3"), { body: modelBody() });
    const second = await call(limited, "POST", artifactsPath(limited, "azure"), {
      body: modelBody(),
    });
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await call(limited, "POST", artifactsPath(limited, "s3"), { body: modelBody() });
    expect(third).toMatchObject({
      status: 409,
      body: { detail: "Organization reached maximum number of artifacts" },
    });
    const forced = await call(
      limited,
      "DELETE",
      `${artifactsPath(limited, "s3")}/${first.body.artifact.id}/force`,
    );
    expect(forced.status).toBe(204);
    expect(
      (await call(limited, "POST", artifactsPath(limited, "s3"), { body: modelBody() })).status,
    ).toBe(200);
  });

  it("is off by default", async () => {
    for (let index = 0; index < 3; index++) {
      const created = await call(unlimited, "POST", artifactsPath(unlimited), {
        body: modelBody(),
      });
      expect(created.status).toBe(200);
    }
  });

  it("refuses a limit that is not a non-negative integer", async () => {
    await expect(startDevServer({ maxArtifactsPerOrganization: -1 })).rejects.toThrow(
      /maxArtifactsPerOrganization/,
    );
    await expect(startDevServer({ s3MinPartSize: 1.5 })).rejects.toThrow(/s3MinPartSize/);
  });
});
