// Writes the smallest archive the service accepts as a model: a ustar file holding the
// six files a model's file_index must list. Built here, byte by byte, so the smoke test
// needs no archiver and the bytes are known exactly.

const modelFiles = {
  "manifest.json": {
    variant: "pipeline",
    name: "smoke",
    version: null,
    description: "smoke test model",
    producer_name: "luml-smoke",
    producer_version: "0.0.0",
    producer_tags: [],
    inputs: [],
    outputs: [],
    dynamic_attributes: [],
    env_vars: [],
  },
  "meta.json": [],
  "dtypes.json": {},
  "env.json": {},
  "ops.json": [],
  "variant_config.json": {},
};

/** Writes `text` into `header` at `offset`, ASCII, at most `length` bytes. */
function put(header, offset, length, text) {
  header.set(new TextEncoder().encode(text).subarray(0, length), offset);
}

/** One 512-byte ustar header for a regular file. */
function tarHeader(name, size) {
  const header = new Uint8Array(512);
  put(header, 0, 100, name);
  put(header, 100, 8, "0000644\0");
  put(header, 108, 8, "0000000\0");
  put(header, 116, 8, "0000000\0");
  put(header, 124, 12, `${size.toString(8).padStart(11, "0")}\0`);
  put(header, 136, 12, "00000000000\0");
  put(header, 148, 8, "        ");
  put(header, 156, 1, "0");
  put(header, 257, 8, "ustar\x0000");
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  put(header, 148, 8, `${checksum.toString(8).padStart(6, "0")}\0 `);
  return header;
}

/** The bytes of the tiny model archive. */
export function tinyModel() {
  const blocks = [];
  for (const [name, content] of Object.entries(modelFiles)) {
    const body = new TextEncoder().encode(JSON.stringify(content));
    blocks.push(tarHeader(name, body.length));
    const padded = new Uint8Array(Math.ceil(body.length / 512) * 512);
    padded.set(body);
    blocks.push(padded);
  }
  blocks.push(new Uint8Array(1024));
  const total = blocks.reduce((sum, block) => sum + block.length, 0);
  const archive = new Uint8Array(total);
  let offset = 0;
  for (const block of blocks) {
    archive.set(block, offset);
    offset += block.length;
  }
  return archive;
}
