// aoconnect finds a process's scheduler unit through ao-scheduler-utils' `locate`, which asks the public testnet
// router (su-router.ao-testnet.xyz) and then an Arweave gateway. Neither is part of the node under test and the tests
// must not leave the machine, so the router is answered here: it names the node (the process's Scheduler) and every
// other router URL goes to the node. Nothing else is stubbed. Install before importing aoconnect (it keeps the fetch
// it finds at import time for its scheduler-unit calls). `seen(url, init)`, when given, sees every other request, and
// `answered(body)` the text of the node's answer to it.
const ROUTER = "https://su-router.ao-testnet.xyz";

export async function routeSchedulerToNode(url, seen, answered) {
  const realFetch = globalThis.fetch;
  const nodeAddress = await (await realFetch(`${url}/~meta@1.0/info/address`)).text();
  globalThis.fetch = async (target, init) => {
    const text = typeof target === "string" ? target : target.url;
    if (!text.startsWith(ROUTER)) {
      seen?.(text, init);
      const response = await realFetch(target, init);
      if (answered) answered(await response.clone().text().catch(() => null));
      return response;
    }
    const rest = text.slice(ROUTER.length);
    if (rest.startsWith("?process-id=") || rest.startsWith("/?process-id=")) {
      return new Response(JSON.stringify({ address: nodeAddress }), { headers: { "content-type": "application/json" } });
    }
    return realFetch(url + rest, init);
  };
  return realFetch;
}
