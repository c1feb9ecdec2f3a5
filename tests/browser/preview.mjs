// The live preview (`granska watch --visa`) in headless Chromium, as an
// inspector uses it: open the report, save a change, and the new text
// appears without a manual reload; save a mistake, and the located error
// appears at the top of the page (checked with axe-core too); fix it, and
// the report is back. A second window (the index) reloads as well.
// Usage: node preview.mjs GRANSKA PROJECT   (PROJECT: a copy of the example)
// Exit code 1 on any finding.

import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [granska, project] = process.argv.slice(2);
if (!granska || !project) {
  console.error("användning: node preview.mjs GRANSKA PROJEKTMAPP");
  process.exit(2);
}
const district = path.join(project, "findings/2011-ekonomiskt-bistand/bromma.toml");
const edit = (from, to) => {
  const text = fs.readFileSync(district, "utf8");
  if (!text.includes(from)) throw new Error(`${from} saknas i bromma.toml`);
  fs.writeFileSync(district, text.replace(from, to));
};

const watch = spawn(granska, ["watch", "--visa"], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
let output = "";
watch.stderr.on("data", (d) => (output += d));
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`ingen adress:\n${output}`)), 60000);
  watch.stdout.on("data", (d) => {
    output += d;
    const found = output.match(/förhandsvisning: (http:\/\/127\.0\.0\.1:\d+\/)/);
    if (found && output.includes("bevakar")) {
      clearTimeout(timer);
      resolve(found[1]);
    }
  });
});

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let problems = 0;
const fail = (message) => {
  problems += 1;
  console.error(`FEL förhandsvisning: ${message}`);
};
const textOf = (page) => page.evaluate(() => document.body.innerText);
// Waits until `test` holds in the page; a reload on the way (which ends
// the page's old context) is just part of the wait.
const waitForText = async (page, test, what) => {
  const started = Date.now();
  while (Date.now() - started < 15000) {
    try {
      if (await page.evaluate(test)) return Date.now() - started;
    } catch {
      // The page is reloading.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  fail(`${what} syntes inte inom 15 s; granska skrev:\n${output.slice(-1500)}\nsidan visar:\n${(await textOf(page)).slice(0, 300)}`);
  return null;
};

try {
  const report = await browser.newPage();
  await report.goto(`${base}2011-ekonomiskt-bistand/3-1-117-2011-bromma.html`);
  const index = await browser.newPage();
  let indexLoads = 0;
  index.on("load", () => (indexLoads += 1));
  await index.goto(base);

  if (!(await textOf(report)).includes("Handläggarna var noga")) fail("rapporten visas inte");

  // A save: the new text without a manual reload.
  edit("Handläggarna var noga", "Handläggarna var mycket noga");
  const took = await waitForText(
    report,
    () => document.body.innerText.includes("Handläggarna var mycket noga"),
    "den sparade ändringen",
  );
  if (took !== null) console.log(`förhandsvisning: ändringen syntes efter ${took} ms`);

  // A mistake: located, in Swedish, at the top of the page.
  edit("urval = 10", "urval = 100");
  await waitForText(
    report,
    () => {
      const alert = document.querySelector("[role=alert]");
      return alert && alert.innerText.includes("bromma.toml:") && alert.innerText.includes("urvalet (100)");
    },
    "felet med fil och rad",
  );
  await report.evaluate(axeSource);
  const axe = await report.evaluate(() =>
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  for (const v of axe.violations) fail(`axe ${v.id} på sidan med fel: ${v.help}`);

  // Fixed: the report is back, without the error.
  edit("urval = 100", "urval = 10");
  await waitForText(
    report,
    () => !document.querySelector("[role=alert]") && document.body.innerText.includes("mycket noga"),
    "rapporten efter rättningen",
  );
  if (indexLoads < 3) fail(`det andra fönstret (index) laddades om ${indexLoads} gånger, inte efter varje bygge`);

  // The published files stay free of scripts.
  for (const file of ["output/index.html", "output/2011-ekonomiskt-bistand/3-1-117-2011-bromma.html"]) {
    if (fs.readFileSync(path.join(project, file), "utf8").includes("<script")) fail(`${file} har fått ett skript`);
  }
} finally {
  await browser.close();
  watch.kill();
}

console.log(`förhandsvisning: ${problems} fel`);
process.exit(problems === 0 ? 0 : 1);
