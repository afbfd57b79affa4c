// Reads a bundle with arbundles and verifies every item and its header ID.
// in:  { bundle_b64 }
// out: { verified, ids, items: [{ id, valid, tags, data_b64 }] }
import { Bundle, DataItem } from "arbundles";
import { readInput, writeOutput, run, fromB64, toB64 } from "./io.mjs";

run(async () => {
  const { bundle_b64 } = await readInput();
  const bundle = new Bundle(fromB64(bundle_b64));
  const items = [];
  for (const item of bundle.items) {
    items.push({ id: item.id, valid: await DataItem.verify(item.getRaw()), tags: item.tags, data_b64: toB64(item.rawData) });
  }
  writeOutput({ verified: await bundle.verify(), ids: bundle.getIds(), items });
});
