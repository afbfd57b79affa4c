// The differential test of genesis-wasm@1.0 against the legacy compute unit's loader: one JSON-interface module run
// both by the node (uploaded as a data item, spawned and messaged with the real aoconnect in mainnet mode, read back
// over HTTP) and by the real @permaweb/ao-loader in this process, on the same messages. ao-loader gets each message as
// the legacy compute unit builds it from the data item aoconnect signed (Id, Owner as the signer's address, From,
// Target, Anchor, Tags in the item's order, Data), and each call's memory is the last good call's, as the unit keeps it.
// in:  { url, wasm (base64), format, steps: [{ tags: [{name, value}], data }], jwk? }
// out: { module, pid, address, steps: [{ slot, id, ours: {type, data, error, json, outbox, memory},
//        theirs: {result, memory | thrown} }] }   (memory: the linear memory's size in bytes after the message)
// Step 0 is the process message itself (slot 0: a legacy process handles its own spawn first).
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { ArweaveSigner, createData, DataItem } from "@dha-team/arbundles";
import { readInput, writeOutput, run, fromB64, freshJwk } from "./io.mjs";
import { routeSchedulerToNode } from "./scheduler-router.mjs";

const AoLoader = createRequire(import.meta.url)("@permaweb/ao-loader");

run(async () => {
  const input = await readInput();
  const url = input.url.replace(/\/$/, "");
  const jwk = input.jwk ?? freshJwk();
  const address = createHash("sha256").update(Buffer.from(jwk.n, "base64url")).digest("base64url");
  let sentItem = null;
  const realFetch = await routeSchedulerToNode(url, (target, init) => {
    if (init?.method === "POST" && target.endsWith("/push") && init.headers?.["Content-Type"] === "application/ans104") sentItem = init.body;
  });
  const { connect, createSigner } = await import("@permaweb/aoconnect");
  const ao = connect({ MODE: "mainnet", URL: url, signer: createSigner(jwk) });
  const wasm = fromB64(input.wasm);

  // The module, as legacy AO modules are published: a data item whose data is the wasm.
  const signer = new ArweaveSigner(jwk);
  const moduleTags = [
    { name: "Data-Protocol", value: "ao" }, { name: "Variant", value: "ao.TN.1" }, { name: "Type", value: "Module" },
    { name: "Module-Format", value: input.format }, { name: "Input-Encoding", value: "JSON-1" },
    { name: "Output-Encoding", value: "JSON-1" }, { name: "Content-Type", value: "application/wasm" },
  ];
  const moduleItem = createData(wasm, signer, { tags: moduleTags });
  await moduleItem.sign(signer);
  const upload = await realFetch(`${url}/~bundler@1.0/tx`, {
    method: "POST",
    headers: { "codec-device": "ans104@1.0", "content-type": "application/ans104" },
    body: moduleItem.getRaw(),
  });
  if (!upload.ok) throw new Error(`the module upload answered ${upload.status}: ${await upload.text()}`);
  const processTags = [{ name: "Name", value: "ao-loader-differential" }];
  const pid = await ao.spawn({ module: moduleItem.id, tags: processTags });

  const handle = await AoLoader(wasm, { format: input.format, memoryLimit: "1-gb", computeLimit: 9e12 });
  const env = {
    Process: { Id: pid, Owner: address, Tags: processTags },
    Module: { Id: moduleItem.id, Owner: address, Tags: moduleTags },
  };
  let memory = null;
  const loader = async (msg) => {
    try {
      const result = await handle(memory, msg, env);
      memory = result.Memory;
      const { Memory, ...rest } = result;
      return { result: rest, memory: Memory.byteLength };
    } catch (e) {
      return { thrown: String(e?.message ?? e) };
    }
  };
  const ours = async (slot) => {
    const at = `${url}/${pid}~process@1.0/compute&slot=${slot}/results`;
    const text = async (key) => {
      const response = await realFetch(`${at}/${key}`);
      return response.ok ? await response.text() : null;
    };
    const outbox = await realFetch(`${at}/outbox`, { headers: { accept: "application/json" } });
    // A small process's state carries its memory (genesis-wasm-state), whose size is the memory's.
    const size = await realFetch(`${url}/${pid}~process@1.0/compute&slot=${slot}/genesis-wasm-state/size`);
    return {
      type: await text("type"), data: await text("data"), error: await text("error"), json: await text("json"),
      outbox: outbox.ok ? await outbox.json() : null, memory: size.ok ? Number(await size.text()) : null,
    };
  };

  const steps = [];
  // Slot 0: the process message. What the counter answers depends only on who sent it.
  steps.push({
    slot: 0,
    theirs: await loader({ Id: pid, Owner: address, Target: "", Anchor: "", From: address, Tags: processTags, Data: "1984", "Block-Height": "0", Timestamp: "0", Cron: false }),
    ours: await ours(0),
  });
  for (const step of input.steps) {
    sentItem = null;
    const slot = Number(await ao.message({ process: pid, tags: step.tags, data: step.data }));
    if (!sentItem) throw new Error("aoconnect sent no data item to /push");
    const item = new DataItem(Buffer.from(sentItem));
    // The legacy compute unit's message: the item's own fields, Owner and From as the signer's address.
    const msg = {
      Id: item.id, Signature: item.signature, Data: Buffer.from(item.rawData).toString("utf8"), Owner: address,
      Target: item.target, Anchor: item.anchor, From: address, Tags: item.tags,
      "Block-Height": String(1000 + slot), Timestamp: String(Date.now()), Cron: false,
    };
    steps.push({ slot, id: item.id, theirs: await loader(msg), ours: await ours(slot) });
  }
  writeOutput({ module: moduleItem.id, pid, address, steps });
});
