// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with their dependencies.
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import license from 'rollup-plugin-license';

// The licenses of everything bundled into dist/, shipped beside it. Both bundles add to one list.
const bundled = new Map();
const licenses = () =>
  license({
    thirdParty: {
      includePrivate: false,
      multipleVersions: true,
      output: {
        file: 'dist/licenses.txt',
        template(dependencies) {
          for (const d of dependencies) bundled.set(`${d.name}@${d.version}`, d);
          return [...bundled.values()]
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1))
            .map(
              (d) =>
                `${d.name}@${d.version}\nLicense: ${d.license ?? 'unknown'}\n\n${(d.licenseText ?? '(no license text shipped)').trim()}\n`,
            )
            .join('\n---\n\n');
        },
      },
    },
  });

const plugins = () => [
  typescript({ tsconfig: 'tsconfig.build.json', module: 'NodeNext' }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json(),
  licenses(),
];

const onwarn = (warning, warn) => {
  // The toolkit's dependencies use `this` at module level and circular imports; both are harmless.
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

// Each bundle is one file, but for modules it imports dynamically: those become chunks beside it,
// loaded only when used (re2js, for profiles that set drop_frames). Both builds write the same
// chunk, named by its content.
const output = (file, extra = {}) => ({
  dir: 'dist',
  entryFileNames: file,
  chunkFileNames: 'chunks/[name]-[hash].js',
  manualChunks: { re2js: ['re2js'] },
  format: 'es',
  ...extra,
});

export default [
  { input: 'src/index.ts', output: output('index.js'), plugins: plugins(), onwarn },
  {
    input: 'src/cli.ts',
    output: output('cli.js', { banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : '') }),
    plugins: plugins(),
    onwarn,
  },
];
