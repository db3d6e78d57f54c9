// Builds Lantern's static front-end into frontend/build (served by Django as a STATICFILES_DIRS entry).
// Run after `npm ci`: copies GOV.UK Frontend's assets and JavaScript and htmx, compiles lantern.scss,
// then writes frontend/build/.built so that make knows the build is complete.
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const out = join(root, "frontend", "build");
const govuk = join(modules, "govuk-frontend", "dist", "govuk");

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

// Start clean so files dropped by a newer package version do not linger.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

cpSync(join(govuk, "assets"), join(out, "govuk", "assets"), { recursive: true });
for (const name of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  if (existsSync(join(govuk, name))) copy(join(govuk, name), join(out, "govuk", name));
}
copy(join(modules, "htmx.org", "dist", "htmx.min.js"), join(out, "htmx", "htmx.min.js"));
copy(join(modules, "chart.js", "dist", "chart.umd.min.js"), join(out, "chartjs", "chart.umd.min.js"));

const entry = join(root, "frontend", "scss", "lantern.scss");
const result = sass.compile(entry, {
  style: "compressed",
  // Resolves `pkg:govuk-frontend` through node_modules, as GOV.UK Frontend's docs recommend.
  importers: [new sass.NodePackageImporter(root)],
  // GOV.UK Frontend still carries code that newer Dart Sass warns about; those warnings are not ours to fix.
  quietDeps: true,
});
writeFileSync(join(out, "lantern.css"), result.css);

writeFileSync(join(out, ".built"), `${new Date().toISOString()}\n`);
console.log(`Front-end built in ${relative(process.cwd(), out) || "."}`);
