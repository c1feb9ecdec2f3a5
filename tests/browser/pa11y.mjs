// A second engine beside axe-core: pa11y with its HTML_CodeSniffer runner
// (WCAG 2.1 AA), on Debian's chromium, over every HTML file given (or found
// under the folders given), at a desktop width and at 320 px. Errors fail;
// notices and warnings are left to people. Rules judged false positives
// are listed, each with why, in pa11y-undantag.json and ignored.
// Usage: node pa11y.mjs PATH...   Exit code 1 on any error.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pa11y from "pa11y";
import { pages } from "./pages.mjs";

const roots = process.argv.slice(2);
if (roots.length === 0) {
  console.error("användning: node pa11y.mjs SÖKVÄG...");
  process.exit(2);
}

// Each exception: { "regel": "WCAG2AA.…", "varfor": "…" }.
const { undantag } = JSON.parse(fs.readFileSync(new URL("./pa11y-undantag.json", import.meta.url), "utf8"));
for (const e of undantag) {
  if (!e.regel || !e.varfor) throw new Error(`undantag utan regel eller skäl: ${JSON.stringify(e)}`);
}
const ignore = undantag.map((e) => e.regel);
const files = pages(roots);
if (files.length === 0) {
  console.error("inga HTML-filer hittades");
  process.exit(1);
}

const chromeLaunchConfig = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
};

let errors = 0;
for (const file of files) {
  for (const width of [1280, 320]) {
    const result = await pa11y(pathToFileURL(path.resolve(file)).href, {
      runners: ["htmlcs"],
      standard: "WCAG2AA",
      ignore,
      chromeLaunchConfig,
      viewport: { width, height: 900 },
      timeout: 60000,
    });
    for (const issue of result.issues.filter((i) => i.type === "error")) {
      errors += 1;
      console.error(`${file} (${width} px): ${issue.code}\n  ${issue.message}\n  ${issue.selector}: ${issue.context}`);
    }
  }
}
console.log(`pa11y (HTML_CodeSniffer, WCAG 2.1 AA): ${files.length} sidor, två bredder, ${errors} fel`);
process.exit(errors > 0 ? 1 : 0);
