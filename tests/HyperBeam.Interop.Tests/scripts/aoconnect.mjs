// Drives the real @permaweb/aoconnect (mainnet mode) against a node, as a user would: upload a Lua module, spawn a
// process on it, message it, read result/results, dryrun, request, and read the schedule back through the legacy
// scheduler-unit calls (getMessages, getLastSlot, getMessageById).
// Then the same for a WebAssembly module (AOS's JSON interface) spawned with aoconnect's default execution device,
// genesis-wasm@1.0, when `wasm` names the module file.
// in:  { url, lua, wasm?, jwk? }   (no jwk: a fresh key is generated)
// out: { upload: {status, id, item_id}, served: {status, id, verifies}, pid, slots: [..], results: {...}, ..., wasm: {...} }
// The testnet router is answered by scheduler-router.mjs (the node is every process's scheduler); nothing else is stubbed.
import { ArweaveSigner, createData, DataItem } from "arbundles";
import { readFile } from "node:fs/promises";
import { readInput, writeOutput, run, freshJwk } from "./io.mjs";
import { routeSchedulerToNode } from "./scheduler-router.mjs";

run(async () => {
  const input = await readInput();
  const url = input.url.replace(/\/$/, "");
  const jwk = input.jwk ?? freshJwk();
  // The body of the node's last answer, for what aoconnect's own reading of a reply drops.
  let lastBody = null;
  const realFetch = await routeSchedulerToNode(url, undefined, (body) => { lastBody = body; });
  // aoconnect keeps the fetch it finds at import time for its scheduler-unit calls: import it after the router answer.
  const { connect, createSigner } = await import("@permaweb/aoconnect");
  const ao = connect({ MODE: "mainnet", URL: url, signer: createSigner(jwk) });
  const out = {};

  // 1. Upload the module as a signed data item, the way the newest HyperBEAM takes uploads.
  const signer = new ArweaveSigner(jwk);
  // Signs a data item and posts it to the node's upload endpoint: what the node answered, and the item's own ID.
  const upload = async (data, tags) => {
    const item = createData(data, signer, { tags });
    await item.sign(signer);
    const response = await realFetch(`${url}/~bundler@1.0/tx`, {
      method: "POST",
      headers: { "codec-device": "ans104@1.0", "content-type": "application/ans104" },
      body: item.getRaw(),
    });
    return { status: response.status, id: response.headers.get("id"), item_id: item.id };
  };
  out.upload = await upload(input.lua, [{ name: "Content-Type", value: "application/lua" }, { name: "Name", value: "counter" }]);
  const module = { id: out.upload.item_id };
  const served = await realFetch(`${url}/${module.id}`, { headers: { "accept-codec": "ans104@1.0" } });
  const servedBytes = Buffer.from(await served.arrayBuffer());
  let servedItem = null;
  try { servedItem = new DataItem(servedBytes); } catch { servedItem = null; }
  out.served = { status: served.status, id: servedItem?.id ?? null, verifies: servedItem ? await DataItem.verify(servedBytes) : false };

  // 2. Spawn on lua@5.3a (aoconnect defaults to genesis-wasm@1.0; its tags override its defaults).
  out.pid = await ao.spawn({ module: module.id, tags: [{ name: "execution-device", value: "lua@5.3a" }, { name: "Name", value: "aoconnect-interop" }] });

  // 3. Two messages; each answers its slot.
  out.slots = [];
  for (const n of [1, 2]) out.slots.push(String(await ao.message({ process: out.pid, tags: [{ name: "Action", value: "Add" }, { name: "Note", value: `note-${n}` }], data: `add ${n}` })));

  // 4. Results, by slot and as the latest list.
  out.result_first = await ao.result({ process: out.pid, slot: out.slots[0] });
  out.result_second = await ao.result({ process: out.pid, slot: out.slots[1] });
  out.results = await ao.results({ process: out.pid });

  // 5. A dry run answers from the current state, schedules nothing and changes nothing.
  out.dryrun = await ao.dryrun({ process: out.pid, tags: [{ name: "Action", value: "Info" }] });
  out.result_after_dryrun = await ao.result({ process: out.pid, slot: out.slots[1] });
  out.slots.push(String(await ao.message({ process: out.pid, tags: [{ name: "Action", value: "Add" }], data: "add 3" })));
  out.result_third = await ao.result({ process: out.pid, slot: out.slots[2] });

  // 6. A plain signed request through aoconnect.
  const now = await ao.request({ path: `/${out.pid}~process@1.0/now/count`, method: "GET" });
  out.request = { status: now.status, body: await now.text() };

  // 7. The schedule through the legacy scheduler-unit calls, the node being the process's scheduler.
  const messages = await ao.getMessages({ processId: out.pid, from: "0", to: String(Date.now() + 60_000), limit: "100" });
  out.messages = {
    count: messages.edges.length,
    has_next_page: messages.page_info?.has_next_page,
    nonces: messages.edges.map((e) => e.node.assignment.tags.find((t) => t.name === "Nonce")?.value),
    actions: messages.edges.map((e) => e.node.message.tags.find((t) => t.name === "Action")?.value ?? null),
    ids: messages.edges.map((e) => e.node.message.id),
  };
  out.last_slot = await ao.getLastSlot({ processId: out.pid });
  const byId = await ao.getMessageById({ processId: out.pid, messageId: out.messages.ids[1] });
  out.message_by_id = { nonce: byId.assignment.tags.find((t) => t.name === "Nonce")?.value, id: byId.message.id };

  // 8. A WebAssembly module on genesis-wasm@1.0, aoconnect's default: upload, spawn, message, result, results, dryrun.
  if (input.wasm) {
    const wasm = {};
    wasm.upload = await upload(await readFile(input.wasm), [{ name: "Content-Type", value: "application/wasm" }, { name: "Module-Format", value: "wasm32-unknown-emscripten" }]);
    wasm.pid = await ao.spawn({ module: wasm.upload.item_id, tags: [{ name: "Name", value: "aoconnect-wasm" }] });
    wasm.slots = [];
    for (let n = 0; n < 2; n++) wasm.slots.push(String(await ao.message({ process: wasm.pid, tags: [{ name: "Action", value: "Count" }] })));
    wasm.result = await ao.result({ process: wasm.pid, slot: wasm.slots[1] });
    wasm.result_body = JSON.parse(lastBody);
    wasm.results = await ao.results({ process: wasm.pid });
    wasm.results_body = JSON.parse(lastBody);
    wasm.dryrun = await ao.dryrun({ process: wasm.pid, tags: [{ name: "Action", value: "Count" }] });
    wasm.dryrun_body = JSON.parse(lastBody);
    wasm.slots.push(String(await ao.message({ process: wasm.pid, tags: [{ name: "Action", value: "Count" }] })));
    await ao.result({ process: wasm.pid, slot: wasm.slots[2] });
    wasm.result_after_dryrun_body = JSON.parse(lastBody);
    out.wasm = wasm;
  }
  writeOutput(out);
});
