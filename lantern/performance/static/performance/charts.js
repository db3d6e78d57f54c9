// Draws each measure's 12-period trend from the data the page embeds with json_script (no inline script, no eval:
// the CSP allows neither). Each chart's numbers are also in the table beside it, for those who cannot see it.
(function () {
  "use strict";
  var source = document.getElementById("pack-charts");
  if (!source || typeof window.Chart === "undefined") return;
  var charts = JSON.parse(source.textContent);
  charts.forEach(function (chart) {
    var canvas = document.getElementById("chart-" + chart.id);
    if (!canvas) return;
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: chart.labels,
        datasets: [{ label: chart.label, data: chart.values, borderColor: "#1d70b8", backgroundColor: "#1d70b8", spanGaps: false, tension: 0 }],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          y: { beginAtZero: true, ticks: { callback: function (v) { return v + chart.unit; } } },
        },
      },
    });
  });
})();
