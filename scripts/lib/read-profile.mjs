// Reads one profile file with pprof-gate's reader (file → Profile, as the CLI and the action read
// it) and prints its size: `node scripts/lib/read-profile.mjs BUILD_DIR FILE`, where BUILD_DIR is
// src/ compiled by tsc (npm run bench compiles it into bench/out/build). The bench times this.
const [, , build, file] = process.argv;
const { readProfileFile } = await import(`${build}/pprof/read.js`);
const p = await readProfileFile(file);
console.log(`${p.sampleCount} samples, ${p.locationCount} locations, ${p.functionCount} functions`);
