// Builds the web app into the Python package's static folder, which the API server serves:
//   index.html, app.js, app.css and basemap.json (Natural Earth countries, TopoJSON).
// `node build.mjs --watch` rebuilds on every change while developing.
import { build, context } from "esbuild";
import { copyFile, mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, "..", "src", "frontlines", "serve", "static");
const watch = process.argv.includes("--watch");

// 110m: in headless Chromium on this project's 2-core machines, 50m took 0.6-0.8 s to turn into
// layers and paint (and as long again on each zoom), 110m about 0.2 s. Events are the point of
// the map; the coarser coastline is the price of a first paint well under two seconds.
const BASEMAP = join(here, "node_modules", "world-atlas", "countries-110m.json");

const options = {
  // main.js imports app.css, so esbuild writes app.css beside app.js.
  entryPoints: { app: join(here, "src", "main.js") },
  outdir,
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2020"],
  // Leaflet's stylesheet points at a few small images (layer control, default marker); inlining
  // them keeps the output to a fixed set of files.
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  legalComments: "linked",
  logLevel: "warning",
  metafile: true,
};

// The API's /docs page (FastAPI's Swagger UI) loads these from /static/swagger/ rather than
// from a CDN.
const SWAGGER = join(here, "node_modules", "swagger-ui-dist");
const SWAGGER_FILES = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE"];

async function copyStatic() {
  await mkdir(join(outdir, "swagger"), { recursive: true });
  await copyFile(join(here, "src", "index.html"), join(outdir, "index.html"));
  await copyFile(BASEMAP, join(outdir, "basemap.json"));
  for (const name of SWAGGER_FILES) await copyFile(join(SWAGGER, name), join(outdir, "swagger", name));
}

async function report() {
  const names = ["index.html", "app.js", "app.css", "basemap.json"];
  for (const name of names) {
    const { size } = await stat(join(outdir, name));
    console.log(`${name.padEnd(14)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
  }
}

const started = performance.now();
if (watch) {
  const ctx = await context({
    ...options,
    plugins: [{ name: "after", setup: (b) => b.onEnd(() => copyStatic()) }],
  });
  await ctx.watch();
  console.log(`watching; writing to ${outdir}`);
} else {
  await build(options);
  await copyStatic();
  await report();
  console.log(`built in ${Math.round(performance.now() - started)} ms into ${outdir}`);
}
