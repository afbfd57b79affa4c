// Verifies a signed HTTP request with http-message-signatures (RFC 9421).
// in:  { method, url, headers: {name: value}, body_b64?, jwk: public key, keyid }
// out: { verified: true | false | null (no signature for a known key), error?, keyids: [keyid of every input],
//        digest_matches: the content-digest header is sha-256 of the body (null without either) }
import { createHash, createPublicKey } from "node:crypto";
import { httpbis, createVerifier } from "http-message-signatures";
import { readInput, writeOutput, run, fromB64 } from "./io.mjs";

run(async () => {
  const input = await readInput();
  const verify = createVerifier(createPublicKey({ key: input.jwk, format: "jwk" }), "rsa-pss-sha512");
  const keyids = [];
  // The library asks for a key per signature-input; only the expected keyid resolves.
  const keyLookup = async (params) => {
    keyids.push(params.keyid ?? null);
    return params.keyid === input.keyid ? { id: input.keyid, algs: ["rsa-pss-sha512"], verify } : null;
  };
  const message = { method: input.method ?? "POST", url: input.url ?? "http://localhost/", headers: input.headers };

  const digestHeader = Object.entries(input.headers).find(([k]) => k.toLowerCase() === "content-digest")?.[1];
  const digest_matches = digestHeader === undefined || input.body_b64 === undefined ? null
    : digestHeader === `sha-256=:${createHash("sha256").update(fromB64(input.body_b64)).digest("base64")}:`;

  try {
    const verified = await httpbis.verifyMessage({ keyLookup }, message);
    writeOutput({ verified, keyids, digest_matches });
  } catch (error) {
    writeOutput({ verified: false, error: `${error?.name}: ${error?.message}`, keyids, digest_matches });
  }
});
