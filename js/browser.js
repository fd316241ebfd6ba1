// Browser (and bundler) entry: fetches and instantiates the module next to this file once, at import.
import init from './fbskit.js';

await init({ module_or_path: new URL('./fbskit_bg.wasm', import.meta.url) });

export * from './fbskit.js';
