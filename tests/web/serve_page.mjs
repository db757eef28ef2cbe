// Drives `claimex serve`'s page in Debian's headless Chromium (Playwright, no browser
// download): pastes three seed stories, uploads two more as files, clicks Extract, and
// checks that the figures and quotes are highlighted in the articles, that the figures
// panel and the compare groups with their timelines appear, that the CSV download works
// and that the page logged no console error. Saves a screenshot.
//
//   node tests/web/serve_page.mjs [--claimex target/release/claimex] [--seeds fixtures/corpus]
//        [--screenshot out/serve.png] [--screenshot-only]
//
// --screenshot-only takes the screenshot without the checks (scripts/serve_screenshot.sh).
// CHROMIUM overrides the browser (default /usr/bin/chromium).

import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

const options = parseArguments(process.argv.slice(2));
const failures = [];

function parseArguments(args) {
  const options = { claimex: "target/release/claimex", seeds: "fixtures/corpus", screenshot: "out/serve.png", check: true };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === "--screenshot-only") options.check = false;
    else if (["--claimex", "--seeds", "--screenshot"].includes(flag) && i + 1 < args.length) options[flag.slice(2)] = args[++i];
    else throw new Error(`unknown argument ${flag}; see the head of ${process.argv[1]}`);
  }
  return options;
}

function check(condition, message) {
  if (!condition) failures.push(message);
  console.log(`${condition ? "ok  " : "FAIL"} ${message}`);
}

// Starts `claimex serve --port 0` and resolves its URL from the line it prints.
async function startServer() {
  const server = spawn(options.claimex, ["serve", "--port", "0", "--threads", "2"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: server.stdout });
  const exited = once(server, "exit").then(([code]) => { throw new Error(`claimex serve exited (${code}) before listening`); });
  const listening = (async () => {
    for await (const line of lines) {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) return match[1];
    }
    throw new Error("claimex serve closed its stdout before listening");
  })();
  return { server, url: await Promise.race([listening, exited]) };
}

async function main() {
  const seeds = readdirSync(options.seeds).filter((name) => name.endsWith(".txt")).sort();
  if (seeds.length < 3) throw new Error(`need at least 3 .txt seed stories in ${options.seeds}`);
  const { server, url } = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const consoleErrors = [];
    page.on("console", (message) => { if (message.type() === "error") consoleErrors.push(message.text()); });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await page.goto(url);

    const [pasted, uploaded] = [seeds.slice(0, 3), seeds.slice(3)];
    for (const name of pasted) {
      await page.getByTestId("paste-text").fill(readFileSync(join(options.seeds, name), "utf8"));
      await page.getByTestId("paste-source").fill(name.replace(/\.txt$/, ""));
      await page.getByTestId("add-pasted").click();
    }
    if (uploaded.length) await page.getByTestId("file-input").setInputFiles(uploaded.map((name) => join(options.seeds, name)));
    await page.getByTestId("queued-document").nth(seeds.length - 1).waitFor();
    await page.getByTestId("extract-button").click();
    await page.locator('[data-testid="compare"]:not(.hidden)').waitFor({ timeout: 60_000 });

    if (options.check) await checkPage(page, seeds.length, consoleErrors);
    mkdirSync(dirname(options.screenshot), { recursive: true });
    await page.screenshot({ path: options.screenshot, fullPage: true });
    console.log(`screenshot: ${options.screenshot}`);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
  if (failures.length) {
    console.error(`${failures.length} check(s) failed`);
    process.exit(1);
  }
}

async function checkPage(page, documents, consoleErrors) {
  const texts = async (testid) => page.getByTestId(testid).allTextContents();
  check((await page.getByTestId("article").count()) === documents, `${documents} articles are shown`);
  check((await page.getByTestId("article-error").count()) === 0, "no article failed");
  const figures = await texts("claim-highlight");
  check(figures.includes("14,000") && figures.includes("almost 100,000"), `figures highlighted in place (${figures.join(" | ")})`);
  const speakers = await texts("speaker-highlight");
  check(speakers.some((s) => s.includes("Zelenskiy")), "a quote's speaker (Zelenskiy) is highlighted");
  check((await page.getByTestId("quote-highlight").count()) > 10, "quote contents are highlighted");
  const quoteSpeakers = await texts("quote-speaker");
  check(quoteSpeakers.includes("Volodymyr Zelenskiy") && quoteSpeakers.includes("Ned Price"), "the quote tables name Zelenskiy and Ned Price");
  const intervals = await texts("figure-interval");
  check(intervals.includes("13,000 – open (more than)"), `the figures panel gives intervals (${intervals.join(" | ")})`);
  check((await page.getByTestId("entity-chip").count()) > 20, "entities are listed");
  const headings = await texts("group-heading");
  check(headings.some((h) => h.includes("Killed, people, Ukraine, since 2014")), `the compare view shows the 2014 toll group (${headings.join(" | ")})`);
  check((await page.getByTestId("timeline-mark").count()) >= 3, "each group has a timeline with its figures");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
  const csv = readFileSync(await download.path(), "utf8");
  check(download.suggestedFilename() === "groups.csv" && csv.startsWith("group,"), "the CSV download is compare's CSV");
  const [jsonl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-jsonl").click()]);
  const lines = readFileSync(await jsonl.path(), "utf8").trim().split("\n");
  check(lines.length === documents, "the JSONL download holds one record per article");
  check(consoleErrors.length === 0, `no console errors (${consoleErrors.join(" | ")})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
