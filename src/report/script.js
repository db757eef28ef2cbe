// The claimex report's script (compiled into the page by report/mod.rs).
// Records script errors; on load, counts the charts drawn with a non-empty box and
// appends the ready marker that a headless browser reads (hidden: readers see no debug text).
window.claimexErrors = [];
window.addEventListener('error', function (e) {
  window.claimexErrors.push(String(e.message));
});
window.addEventListener('load', function () {
  var charts = document.querySelectorAll('svg.chart'), drawn = 0;
  for (var i = 0; i < charts.length; i++) {
    var b = charts[i].getBBox();
    if (b.width > 0 && b.height > 0 && charts[i].querySelectorAll('.claim').length > 0) drawn++;
  }
  var m = document.createElement('div');
  m.id = 'claimex-ready';
  m.setAttribute('data-charts', drawn);
  m.setAttribute('data-total', charts.length);
  m.setAttribute('data-errors', window.claimexErrors.length);
  m.hidden = true;
  document.body.appendChild(m);
});
