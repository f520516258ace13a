// Rebuild ../assets/plotly-timeline.min.js (run after changing entry.js or plotly.js's
// version, which must match the plotly.js of the installed `plotly` Python package):
//     cd dashboards/plotly_bundle && npm ci && node build.js
// Same esbuild settings as plotly.js's own bundles (its esbuild-config.js).
const esbuild = require("esbuild");
const { environmentPlugin } = require("esbuild-plugin-environment");
const { glsl } = require("esbuild-plugin-glsl");
const InlineCSSPlugin = require("esbuild-plugin-inline-css");
const { version } = require("plotly.js/package.json");

esbuild.build({
    entryPoints: ["entry.js"],
    outfile: "../assets/plotly-timeline.min.js",
    format: "iife",
    bundle: true,
    minify: true,
    legalComments: "eof",
    banner: { js: `/*! plotly.js v${version} partial bundle (core with scatter, bar), built by ` +
                  "dashboards/plotly_bundle/build.js. Copyright 2012-2026, Plotly, Inc. " +
                  "MIT license; bundled packages' notices at the end. */" },
    plugins: [InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: "@plotly/regl", stream: "stream-browserify" },
    define: { global: "window", "define.amd": "false" },
    target: "es2016",
    logLevel: "info",
}).catch(() => process.exit(1));
