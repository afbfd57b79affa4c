// Signs an HTTP request with http-message-signatures (RFC 9421), the way a client of that library would.
// in:  { method, url, headers: {name: value}, body_b64?, fields: [component ids], params?: [names in order],
//        param_values?: {name: value} (for parameters the library does not fill itself, e.g. nonce, tag), keyid?, name?, jwk? }   (no jwk: a fresh RSA-4096 key; no keyid: base64url of the modulus)
// out: { headers: {name: value} with Signature and Signature-Input added, base, keyid, modulus_b64url }
// A content-digest header (RFC 9530, sha-256) is added for the body before signing, so `fields` can cover it.
import { createHash, createPrivateKey } from "node:crypto";
import { httpbis, createSigner } from "http-message-signatures";
import { readInput, writeOutput, run, fromB64, freshJwk } from "./io.mjs";

run(async () => {
  const input = await readInput();
  const jwk = input.jwk ?? freshJwk();
  const keyid = input.keyid ?? jwk.n;
  const headers = { ...input.headers };
  if (input.body_b64 !== undefined)
    headers["Content-Digest"] = `sha-256=:${createHash("sha256").update(fromB64(input.body_b64)).digest("base64")}:`;

  // The library's own signer (RSA-PSS, Node's default maximum salt length); the wrapper only records the
  // signature base it was asked to sign, so a mismatch on the .NET side can be shown line by line.
  const signer = createSigner(createPrivateKey({ key: jwk, format: "jwk" }), "rsa-pss-sha512", keyid);
  let base = null;
  const recording = { ...signer, sign: async (data) => { base = data.toString("utf8"); return signer.sign(data); } };

  const signed = await httpbis.signMessage(
    { key: recording, fields: input.fields, params: input.params, paramValues: input.param_values, name: input.name },
    { method: input.method ?? "POST", url: input.url ?? "http://localhost/", headers },
  );
  writeOutput({ headers: signed.headers, base, keyid, modulus_b64url: jwk.n });
});
