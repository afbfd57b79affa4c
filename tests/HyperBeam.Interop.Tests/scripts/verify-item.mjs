// Reads and verifies a data item with arbundles (or the package named by `package`, e.g. @dha-team/arbundles).
// in:  { item_b64, package? }
// out: { valid, id, owner_address, tags: [{name, value}], data_b64, target_b64, anchor_b64 }
import { createHash } from "node:crypto";
import { readInput, writeOutput, run, fromB64, toB64 } from "./io.mjs";

run(async () => {
  const { item_b64, package: name } = await readInput();
  const { DataItem } = await import(name ?? "arbundles");
  const bytes = fromB64(item_b64);
  const item = new DataItem(bytes);
  writeOutput({
    valid: await DataItem.verify(bytes),
    id: item.id,
    owner_address: createHash("sha256").update(item.rawOwner).digest("base64url"),
    tags: item.tags,
    data_b64: toB64(item.rawData),
    target_b64: toB64(item.rawTarget),
    anchor_b64: toB64(item.rawAnchor),
  });
});
