// Turns wasm-pack's output in pkg/ into the npm package: merges the top-level pkg.json into
// pkg/package.json, adds the per-runtime entries from js/, and checks the version equals Cargo.toml's.
import { readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');

const manifest = JSON.parse(read('pkg.json'));
const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(read('Cargo.toml'))?.[1];
if (manifest.version !== cargoVersion) {
  console.error(`pkg.json version ${manifest.version} differs from Cargo.toml version ${cargoVersion}`);
  process.exit(1);
}
const generated = JSON.parse(read('pkg/package.json'));
// pkg.json wins; wasm-pack's fields fill what it leaves out.
const merged = { ...generated, ...manifest };
delete merged.collaborators;
writeFileSync(new URL('pkg/package.json', root), JSON.stringify(merged, null, 2) + '\n');

for (const file of readdirSync(new URL('js/', root))) {
  copyFileSync(new URL(`js/${file}`, root), new URL(`pkg/${file}`, root));
}
// fbskit/inspect loads its own module the same ways, from the files next to it.
for (const file of ['browser.js', 'node.js', 'workerd.js']) {
  copyFileSync(new URL(`js/${file}`, root), new URL(`pkg/inspect/${file}`, root));
}
for (const file of manifest.files) {
  if (file.includes('*')) continue;
  try {
    readFileSync(new URL(`pkg/${file}`, root));
  } catch {
    console.error(`pkg.json lists ${file}, which the build did not produce`);
    process.exit(1);
  }
}
console.log(`pkg/: fbskit ${merged.version}`);
