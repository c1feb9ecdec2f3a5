// The HTML files the browser checks open: each path given, or every
// `.html` file found under it, sorted.

import fs from "node:fs";
import path from "node:path";

function htmlFiles(root) {
  if (fs.statSync(root).isFile()) return [root];
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) return htmlFiles(full);
    return entry.name.endsWith(".html") ? [full] : [];
  });
}

export function pages(roots) {
  return roots.flatMap(htmlFiles).sort();
}
