// The plotly.js the dashboard draws with: the core (which holds the SVG scatter the lanes
// use, axes, range selector, image export) plus bar for the counts panel; nothing else
// (no WebGL: at most a few thousand marks are drawn, and creating a WebGL context costs
// more than drawing them in SVG). Loaded from assets/ as window.Plotly, which dcc.Graph
// takes instead of fetching its full 4.8 MB bundle.
var Plotly = require("plotly.js/lib/core");

Plotly.register([require("plotly.js/lib/bar")]);

window.Plotly = Plotly;
