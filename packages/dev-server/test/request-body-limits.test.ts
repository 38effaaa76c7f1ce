import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, lumlArtifactManifest, modelBody } from "./helpers";

const MIB = 1024 * 1024;

let server: DevServer;
let small: DevServer;
beforeAll(async () => {
  [server, small] = await Promise.all([
    startDevServer({ faults: true }),
    startDevServer({ apiBodyLimit: 64 * 1024, faults: true }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([server?.stop(), small?.stop()]);
});

/** A create body padded with a long description to `size` bytes or more. */
function paddedBody(size: number): string {
  return JSON.stringify(modelBody({ description: "x".repeat(size) }));
}

/** `depth` nested arrays: `[[[…]]]`. */
function nestedArrays(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

/** Sends `body` in chunks without a Content-Length (chunked transfer encoding). */
function postChunked(
  target: DevServer,
  path: string,
  body: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(target.baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: hostname,
        port: Number(port),
        method: "POST",
        path,
        headers: {
          authorization: `Bearer ${target.apiKey}`,
          "content-type": "application/json",
          "transfer-encoding": "chunked",
        },
        agent: false,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    // The server may answer and close before every chunk is written.
    request.on("error", (error) => reject(error));
    for (let offset = 0; offset < body.length; offset += 16 * 1024) {
      request.write(body.slice(offset, offset + 16 * 1024));
    }
    request.end();
  });
}

describe("request body size", () => {
  it("answers 413 with a JSON detail above 16 MiB by default", async () => {
    const response = await call(server, "POST", artifactsPath(server), {
      body: paddedBody(17 * MIB),
    });
    expect(response.status).toBe(413);
    expect(response.body.detail).toMatch(/16777216 bytes/);
  });

  it("takes bodies up to the limit", async () => {
    const response = await call(server, "POST", artifactsPath(server), {
      body: paddedBody(15 * MIB),
    });
    expect(response.status).toBe(200);
  });

  it("follows the apiBodyLimit option, for chunked bodies too", async () => {
    const declared = await call(small, "POST", artifactsPath(small), {
      body: paddedBody(100 * 1024),
    });
    expect(declared.status).toBe(413);
    expect(declared.body.detail).toMatch(/65536 bytes/);
    const chunked = await postChunked(small, artifactsPath(small), paddedBody(100 * 1024));
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).detail).toMatch(/65536 bytes/);
    const fits = await postChunked(small, artifactsPath(small), paddedBody(10 * 1024));
    expect(fits.status).toBe(200);
  });

  it("limits the dev routes too", async () => {
    const response = await call(small, "POST", "/_dev/faults", {
      apiKey: null,
      body: JSON.stringify({
        target: "api",
        path: "x".repeat(100 * 1024),
        action: { status: 500 },
      }),
    });
    expect(response.status).toBe(413);
    expect(small.faults.list()).toEqual([]);
  });
});

describe("request body nesting", () => {
  it("answers 422 naming the problem for a 200,000-deep array", async () => {
    const response = await call(server, "POST", artifactsPath(server), {
      body: nestedArrays(200_000),
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toEqual([
      expect.objectContaining({ loc: ["body"], msg: expect.stringMatching(/nest.*128/i) }),
    ]);
  });

  it("takes 128 levels and refuses 129, counting the body object", async () => {
    // The body object is level 1, `manifest` level 2 and its `payload` level 3.
    const body = (depth: number) =>
      JSON.stringify(
        modelBody({ manifest: lumlArtifactManifest("model", { payload: 0 }) }),
      ).replace('"payload":0', `"payload":{"deep":${nestedArrays(depth - 3)}}`);
    expect((await call(server, "POST", artifactsPath(server), { body: body(128) })).status).toBe(
      200,
    );
    expect((await call(server, "POST", artifactsPath(server), { body: body(129) })).status).toBe(
      422,
    );
  });

  it("counts brackets inside strings as text", async () => {
    const response = await call(server, "POST", artifactsPath(server), {
      body: modelBody({ description: `"[{\\${"[".repeat(500)}` }),
    });
    expect(response.status).toBe(200);
    expect(response.body.artifact.description).toBe(`"[{\\${"[".repeat(500)}`);
  });

  it("refuses deep bodies on PATCH and on the dev routes", async () => {
    const created = await call(server, "POST", artifactsPath(server), { body: modelBody() });
    const path = `${artifactsPath(server)}/${created.body.artifact.id}`;
    expect((await call(server, "PATCH", path, { body: nestedArrays(10_000) })).status).toBe(422);
    const faults = await call(server, "POST", "/_dev/faults", {
      apiKey: null,
      body: nestedArrays(10_000),
    });
    expect(faults.status).toBe(422);
  });
});
