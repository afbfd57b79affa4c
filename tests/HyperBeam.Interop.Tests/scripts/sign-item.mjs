// Creates and signs a data item with arbundles (or the package named by `package`, e.g. @dha-team/arbundles).
// in:  { jwk?, data_b64, tags: [{name, value}], target_b64?, anchor_b64?, package? }   (no jwk: a fresh key is generated)
// out: { jwk, item_b64, id }
import { readInput, writeOutput, run, fromB64, toB64, freshJwk } from "./io.mjs";

run(async () => {
  const input = await readInput();
  const { ArweaveSigner, createData } = await import(input.package ?? "arbundles");
  const jwk = input.jwk ?? freshJwk();
  const signer = new ArweaveSigner(jwk);
  const item = createData(fromB64(input.data_b64), signer, {
    tags: input.tags ?? [],
    // arbundles takes the target as base64url; the anchor it copies with Buffer.from, so bytes pass as they are.
    target: input.target_b64 ? fromB64(input.target_b64).toString("base64url") : undefined,
    anchor: input.anchor_b64 ? fromB64(input.anchor_b64) : undefined,
  });
  await item.sign(signer);
  writeOutput({ jwk, item_b64: toB64(item.getRaw()), id: item.id });
});
