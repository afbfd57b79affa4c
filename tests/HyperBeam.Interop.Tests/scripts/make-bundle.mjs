// Builds a bundle with arbundles: creates the items and signs them all with one (fresh or given) key.
// in:  { jwk?, items: [{ data_b64, tags }] }
// out: { jwk, bundle_b64, ids }
import { ArweaveSigner, createData, bundleAndSignData } from "arbundles";
import { readInput, writeOutput, run, fromB64, toB64, freshJwk } from "./io.mjs";

run(async () => {
  const input = await readInput();
  const jwk = input.jwk ?? freshJwk();
  const signer = new ArweaveSigner(jwk);
  const items = input.items.map((i) => createData(fromB64(i.data_b64), signer, { tags: i.tags ?? [] }));
  const bundle = await bundleAndSignData(items, signer);
  writeOutput({ jwk, bundle_b64: toB64(bundle.getRaw()), ids: bundle.getIds() });
});
