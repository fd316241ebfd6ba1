// Cloudflare Workers entry: Workers hand a `.wasm` import over as a compiled WebAssembly.Module, and
// forbid compiling code at run time, so the module is instantiated synchronously from that import.
import module from './fbskit_bg.wasm';
import { initSync } from './fbskit.js';

initSync({ module });

export * from './fbskit.js';
