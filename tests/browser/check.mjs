// Opens every HTML file given (or found under the folders given) in headless
// Chromium and checks what a browser alone can tell:
//   - axe-core with the WCAG 2.1 A and AA rules finds no violation, on a
//     desktop-wide and on a 320 px wide window;
//   - at 320 px the page does not scroll sideways (WCAG 1.4.10, reflow);
//   - at both widths every table caption is wholly in view (a wide table
//     scrolls inside its region, its caption does not), and on the index
//     every link is in view and the page uses the window's width;
//   - the page makes no request to anything but itself (self-contained).
// It saves a screenshot of the first screen of each page in SCREENSHOTS.
// Usage: node check.mjs SCREENSHOTS PATH...   Exit code 1 on any finding.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";
import { pages } from "./pages.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [screenshots, ...roots] = process.argv.slice(2);
if (!screenshots || roots.length === 0) {
  console.error("användning: node check.mjs SKÄRMBILDSMAPP SÖKVÄG...");
  process.exit(2);
}

const files = pages(roots);
if (files.length === 0) {
  console.error("inga HTML-filer hittades");
  process.exit(1);
}
fs.mkdirSync(screenshots, { recursive: true });

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

let problems = 0;
const fail = (file, message) => {
  problems += 1;
  console.error(`FEL ${file}: ${message}`);
};

for (const file of files) {
  const url = pathToFileURL(path.resolve(file)).href;
  const page = await browser.newPage();
  const foreign = [];
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const target = request.url();
    if (target !== url && !target.startsWith("data:")) foreign.push(target);
    if (target === url || target.startsWith("data:")) request.continue();
    else request.abort();
  });
  for (const [width, height] of [[1280, 900], [320, 640]]) {
    await page.setViewport({ width, height });
    await page.goto(url, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
    );
    for (const violation of result.violations) {
      const where = violation.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
      fail(file, `axe ${violation.id} vid ${width} px (${violation.help}): ${where}`);
    }
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll("caption")]
        .filter((c) => {
          const r = c.getBoundingClientRect();
          return r.left < -1 || r.right > window.innerWidth + 1;
        })
        .map((c) => c.textContent.slice(0, 60)),
    );
    for (const caption of cut) fail(file, `tabellrubriken är avskuren vid ${width} px: ${caption}`);
    if (path.basename(file) === "index.html") {
      const outside = await page.evaluate(() =>
        [...document.querySelectorAll("main a")]
          .filter((a) => {
            const r = a.getBoundingClientRect();
            return r.left < 0 || r.right > window.innerWidth;
          })
          .map((a) => a.textContent),
      );
      for (const link of outside) fail(file, `länken ${link} syns inte vid ${width} px`);
      const used = await page.evaluate(() => document.querySelector(".sida").getBoundingClientRect().width);
      if (used < width * 0.9) fail(file, `sidan använder ${Math.round(used)} av ${width} px`);
    }
    if (width === 320) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) fail(file, `sidan kan rullas i sidled ${overflow} px vid 320 px bredd`);
    } else {
      const name = path.basename(file, ".html") + ".png";
      await page.screenshot({ path: path.join(screenshots, name) });
    }
  }
  for (const target of foreign) fail(file, `begär något utanför filen: ${target}`);
  await page.close();
  console.log(`ok ${file}`);
}

await browser.close();
console.log(`webbläsarkontroll: ${files.length} sidor, ${problems} fel`);
process.exit(problems === 0 ? 0 : 1);
