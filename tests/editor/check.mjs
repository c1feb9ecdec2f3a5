// Checks granska's JSON Schemas with taplo, the TOML engine inside Even
// Better TOML (VS Code), as an inspector's editor would use them:
//   1. every example file names its schema with `#:schema` and lints clean;
//   2. for each bad-input case below that a schema can express, taplo
//      reports an error on the same line as `granska check`, and its
//      message names the offending key or value. (A missing top-level
//      section is the exception: taplo can only point at the file's top,
//      granska points where the section belongs; there any line will do.)
// Usage (from tests/editor.sh): node check.mjs GRANSKA_BINARY REPO_ROOT

import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const [granska, repo] = process.argv.slice(2);
const taplo = join(dirname(fileURLToPath(import.meta.url)), "node_modules", ".bin", "taplo");
const corpus = join(repo, "tests", "bad-input");

// Case folder, and the key or value taplo's message must contain.
const CASES = [
  ["16-type-text-instead-of-number", "20"],
  ["17-type-negative-count", "-1"],
  ["18-type-decimal-count", "2.5"],
  ["19-type-number-instead-of-text", "42"],
  ["20-rating-unknown", "blå"],
  ["22-quality-area-unknown", "trygghet"],
  ["24-date-with-time", "2026-06-01T09:00:00"],
  ["26-inspectors-not-a-list", "Anna Andersson"],
  ["27-table-instead-of-text", "Enheten"],
  ["28-unknown-key-typo", "bedomnig"],
  ["31-unknown-quality-area", "effektivt"],
  ["33-missing-quality-areas", "kunskapsbaserad_verksamhet"],
  ["34-missing-section", "slutsatser", "any line"],
  ["36-unknown-review-question", "planer"],
  ["39-question-id-not-ascii", "Plan för år"],
  ["41-key-figure-not-a-year", "tjugo"],
  ["65-bad-accent-colour", "blå"],
  ["68-unknown-follow-up-status", "klar"],
  ["75-standing-unknown-word", "bäst25"],
  ["78-section-written-as-text", "Enheten håller god kvalitet."],
];

let failures = 0;
function fail(where, message) {
  failures += 1;
  console.error(`FEL ${where}: ${message}`);
}

function kindOf(file) {
  const name = basename(file);
  if (name === "granskning.toml") return "granskning";
  if (name === "granska.toml") return "projekt";
  if (/^arsrapport-\d{4}\.toml$/.test(name)) return "arsrapport";
  return "distrikt";
}

/** taplo's errors for one file: [{ line, message }]. */
function lint(cwd, file, schema) {
  const args = ["lint", "--no-auto-config"];
  if (schema) args.push("--schema", `file://${schema}`);
  args.push(file);
  const run = spawnSync(taplo, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", RUST_LOG: "error" } });
  const out = `${run.stdout}\n${run.stderr}`;
  const errors = [];
  const pattern = /^error: (.*)\n\s*┌─ .*?:(\d+):(\d+)/gm;
  for (const m of out.matchAll(pattern)) errors.push({ line: Number(m[2]), message: m[1] });
  return { status: run.status, errors, out };
}

function tomlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tomlFiles(path));
    else if (name.endsWith(".toml")) out.push(path);
  }
  return out.sort();
}

// 1. The examples lint clean, through their own `#:schema` lines.
for (const project of [repo, ...["solvik", "uppfoljning-2014", "arsrapport-2025"].map((e) => join(repo, "examples", e))]) {
  const files = [join(project, "granska.toml"), ...tomlFiles(join(project, "findings"))];
  for (const file of files) {
    const where = relative(repo, file);
    const first = readFileSync(file, "utf8").split("\n")[0];
    if (!first.startsWith("#:schema ")) {
      fail(where, "första raden ska vara `#:schema …` så att editorn hittar schemat");
      continue;
    }
    const result = lint(project, file);
    if (result.status !== 0 || result.errors.length > 0) fail(where, `taplo hittar fel:\n${result.out}`);
  }
  console.log(`${relative(repo, project) || "."}: ${files.length} filer utan fel i taplo`);
}

// 2. Spellings granska reads as the key or word they mean are no error in
// the editor either: a key with å, ä or ö in quotes, a key with a capital,
// a level with a capital.
{
  const work = mkdtempSync(join(tmpdir(), "granska-editor-"));
  try {
    cpSync(join(repo, "findings"), join(work, "findings"), { recursive: true });
    cpSync(join(repo, "schema"), join(work, "schema"), { recursive: true });
    cpSync(join(repo, "granska.toml"), join(work, "granska.toml"));
    const file = join(work, "findings", "2011-ekonomiskt-bistand", "bromma.toml");
    const text = readFileSync(file, "utf8");
    const respelt = text
      .replace(/^niva = /m, '"nivå" = ')
      .replace(/^bedomning = /m, "Bedomning = ")
      .replace(/^niva = "(gul|grön|röd)"/m, (_, level) => `niva = "${level[0].toUpperCase()}${level.slice(1)}"`);
    if ((respelt.match(/"nivå" = |Bedomning = |niva = "[GR]/g) || []).length !== 3) {
      fail("stavningar", "exemplet har inte två `niva` och en `bedomning` att stava om");
    }
    writeFileSync(file, respelt);
    const check = spawnSync(granska, ["check"], { cwd: work, encoding: "utf8" });
    if (check.status !== 0) fail("stavningar", `granska check säger nej:\n${check.stderr}`);
    const result = lint(work, file);
    if (result.status !== 0 || result.errors.length > 0) fail("stavningar", `taplo hittar fel:\n${result.out}`);
    else console.log('stavningar: "nivå", Bedomning och "Gul" godtas av taplo och granska');

    // A new district's placeholders ("TODO" for counts and levels) are
    // what the editor expects there too, and the editor still names the
    // words when a level is wrong.
    const made = spawnSync(granska, ["new", "2011-ekonomiskt-bistand", "Nytt distrikt"], { cwd: work, encoding: "utf8" });
    const scaffold = join(work, "findings", "2011-ekonomiskt-bistand", "nytt-distrikt.toml");
    if (made.status !== 0) fail("platshållare", `granska new säger nej:\n${made.stderr}`);
    else {
      const placeholders = (readFileSync(scaffold, "utf8").match(/= "TODO"/g) || []).length;
      const result = lint(work, scaffold);
      if (placeholders < 10) fail("platshållare", `bara ${placeholders} platshållare "TODO" i ${scaffold}`);
      else if (result.status !== 0 || result.errors.length > 0) fail("platshållare", `taplo hittar fel:\n${result.out}`);
      else console.log(`platshållare: ${placeholders} "TODO" för antal och nivåer godtas av taplo`);
      writeFileSync(scaffold, readFileSync(scaffold, "utf8").replace(/^niva = "TODO"/m, 'niva = "gull"'));
      const wrong = lint(work, scaffold);
      if (!wrong.errors.some((e) => e.message.includes('"gull" is not one of') && e.message.includes('"gul"'))) {
        fail("platshållare", `taplo nämner inte nivåerna för "gull":\n${wrong.out}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// 3. The bad-input cases: taplo and granska agree on the line.
for (const [name, token, anyLine] of CASES) {
  const work = mkdtempSync(join(tmpdir(), "granska-editor-"));
  try {
    cpSync(join(corpus, "_base"), work, { recursive: true });
    cpSync(join(corpus, name, "files"), work, { recursive: true });
    // The project's schemas; where its granska.toml is broken, the
    // defaults (as an editor would still have them from before).
    if (spawnSync(granska, ["schema", "--skriv"], { cwd: work }).status !== 0) {
      mkdirSync(join(work, "schema"));
      for (const kind of ["granskning", "distrikt", "projekt", "arsrapport"]) {
        const text = execFileSync(granska, ["schema", kind], { cwd: tmpdir(), encoding: "utf8" });
        writeFileSync(join(work, "schema", `${kind}.schema.json`), text);
      }
    }
    const check = spawnSync(granska, ["check"], { cwd: work, encoding: "utf8" });
    const located = /^(\S+?):(\d+):(\d+): fel: (.*)$/m.exec(check.stderr);
    if (!located) {
      fail(name, `granska check gav inget fel med rad:\n${check.stderr}`);
      continue;
    }
    const [, file, line] = located;
    const schema = join(work, "schema", `${kindOf(file)}.schema.json`);
    const result = lint(work, file, schema);
    const same = result.errors.filter((e) => anyLine || e.line === Number(line));
    if (same.length === 0) {
      fail(name, `granska: ${located[0]}\ntaplo har inget fel på rad ${line}:\n${result.out}`);
    } else if (!same.some((e) => e.message.includes(token))) {
      fail(name, `taplo:s fel på rad ${line} nämner inte \`${token}\`: ${same.map((e) => e.message).join(" | ")}`);
    } else {
      console.log(`${name}: ${file}:${line}: ${same.find((e) => e.message.includes(token)).message}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (failures > 0) {
  console.error(`${failures} fel`);
  process.exit(1);
}
console.log(`taplo: exemplen utan fel, ${CASES.length} felfall på samma rad som granska check`);
