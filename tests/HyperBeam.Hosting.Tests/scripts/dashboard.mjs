// Opens the node's dashboard in Debian's chromium as a person would, and reports what the page shows.
// stdin: {"url": "http://127.0.0.1:PORT", "resolvePath": "/~meta@1.0/build"}; stdout: one JSON object.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const input = JSON.parse(await new Promise(resolve => {
  let data = "";
  process.stdin.on("data", chunk => (data += chunk));
  process.stdin.on("end", () => resolve(data));
}));

const profile = mkdtempSync(join(tmpdir(), "hb-chromium-"));
// A new, empty profile: playwright passes it as chromium's --user-data-dir.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  const timeout = 30000;
  // The root redirects to the dashboard.
  await page.goto(input.url + "/", { timeout });
  const notPending = id => page.waitForFunction(i => {
    const el = document.getElementById(i);
    return el && el.textContent && el.textContent !== "…";
  }, id, { timeout });
  await notPending("info-address");
  await page.waitForFunction(() => document.querySelectorAll("#members tr").length > 0, null, { timeout });
  await page.waitForFunction(() => Number(document.getElementById("requests-total").textContent) > 0, null, { timeout });
  const seen = {
    location: new URL(page.url()).pathname,
    title: await page.title(),
    address: await page.textContent("#info-address"),
    port: await page.textContent("#info-port"),
    features: await page.textContent("#info-features"),
    members: await page.$$eval("#members tr", rows => rows.map(r => r.textContent)),
    processes: await page.$$eval("#processes tr", rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))),
    requestsTotal: Number(await page.textContent("#requests-total")),
  };
  await page.fill("#resolve-path", input.resolvePath);
  await page.click("#resolve-submit");
  await page.waitForFunction(() => /^\d+$/.test(document.getElementById("resolve-status").textContent), null, { timeout });
  seen.resolveStatus = await page.textContent("#resolve-status");
  seen.resolveResult = await page.textContent("#resolve-result");
  process.stdout.write(JSON.stringify(seen));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
