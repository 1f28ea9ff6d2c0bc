// @ts-check
/**
 * Bundle each page's script (src/pages/<page>.js, with everything it imports
 * from src/ and node_modules) into static/dist/<page>.js with a source map.
 *
 *   node trainer_api/web/build.mjs           build once, minified
 *   node trainer_api/web/build.mjs --watch   rebuild on every change
 */
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";

const web = dirname(fileURLToPath(import.meta.url));
const pages = join(web, "src", "pages");
const outdir = join(web, "static", "dist");
const watch = process.argv.includes("--watch");

/** @type {esbuild.BuildOptions} */
const options = {
  entryPoints: readdirSync(pages)
    .filter((name) => name.endsWith(".js"))
    .map((name) => join(pages, name)),
  outdir,
  bundle: true,
  format: "esm",
  target: ["es2022"],
  platform: "browser",
  sourcemap: "linked",
  minify: !watch,
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log(`watching ${relative(process.cwd(), web)}/src → ${relative(process.cwd(), outdir)}`);
} else {
  const started = performance.now();
  rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build(options);
  const outputs = result.metafile ? result.metafile.outputs : {};
  for (const [file, output] of Object.entries(outputs)) {
    if (file.endsWith(".js")) console.log(`${file.padEnd(42)} ${(output.bytes / 1024).toFixed(1).padStart(7)} KiB`);
  }
  console.log(`built in ${Math.round(performance.now() - started)} ms`);
}
