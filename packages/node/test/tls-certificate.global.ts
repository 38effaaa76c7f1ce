// Creates a certificate for `localhost` that the test processes trust, the way a
// machine with a private CA trusts it (NODE_EXTRA_CA_CERTS, read when a process
// starts: this runs before the test processes are started), so downloads over a
// real TLS connection can be tested.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), "luml-tls-"));
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"],
      ...["-keyout", join(folder, "key.pem"), "-out", join(folder, "cert.pem")],
      ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
    ],
    { stdio: "ignore" },
  );
  process.env.NODE_EXTRA_CA_CERTS = join(folder, "cert.pem");
  process.env.LUML_TEST_TLS_FOLDER = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
