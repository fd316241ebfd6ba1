// Node entry: instantiates the module synchronously from the file next to this one.
import { readFileSync } from 'node:fs';
import { initSync } from './fbskit.js';

initSync({ module: readFileSync(new URL('./fbskit_bg.wasm', import.meta.url)) });

export * from './fbskit.js';
