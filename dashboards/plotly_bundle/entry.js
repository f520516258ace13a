// The plotly.js the dashboard draws with: the core (scatter, axes, range selector, image
// export) plus the two trace types the timeline uses, WebGL scatter and bar. Loaded from
// assets/ as window.Plotly, which dcc.Graph takes instead of fetching its full 4.8 MB
// bundle; at 1.5 MB it parses several times faster, the largest part of the first paint.
var Plotly = require("plotly.js/lib/core");

Plotly.register([require("plotly.js/lib/scattergl"), require("plotly.js/lib/bar")]);

window.Plotly = Plotly;
