// Shared plumbing for the interop scripts: one JSON object in on stdin, one JSON object out on stdout.
// Binary values travel as standard base64. Errors go to stderr with a non-zero exit code.
import { generateKeyPairSync } from "node:crypto";

export async function readInput() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8").trim();
  return text ? JSON.parse(text) : {};
}

export function writeOutput(value) {
  process.stdout.write(JSON.stringify(value));
}

export function run(main) {
  main().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}

export const fromB64 = (text) => Buffer.from(text ?? "", "base64");
export const toB64 = (bytes) => Buffer.from(bytes).toString("base64");

// A fresh Arweave key: RSA-4096, e = 65537, exported as a JWK (kty, n, e, d, p, q, dp, dq, qi).
export function freshJwk() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 4096, publicExponent: 65537 });
  return privateKey.export({ format: "jwk" });
}
