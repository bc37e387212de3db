// Occupancy per night: a bar chart drawn as inline SVG and the same figures as a table. Server text goes in through
// textContent only.
'use strict';

(function () {
  var SVG = 'http://www.w3.org/2000/svg';
  var DAY = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  var LABEL = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'short' });

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // A night is named by its date; parsed as UTC midnight so the weekday never shifts with the viewer's zone.
  function nightDate(night) {
    return new Date(night + 'T00:00:00Z');
  }

  function describe(night) {
    if (!night.sampled) {
      return DAY.format(nightDate(night.night)) + ': geen gegevens';
    }
    return DAY.format(nightDate(night.night)) + ': ' + night.occupied + ' van ' + night.capacity + ' bezet';
  }

  function drawChart(nights) {
    var container = document.getElementById('chart');
    container.textContent = '';
    // The drawing is as wide as its box, so that it is scaled about 1:1 and a week's seven bars are wide rather than its
    // labels huge (a narrow drawing scaled to the page's width once made them 50 px high). Bars are at least 14 wide.
    var gap = 4;
    var room = Math.max(300, (container.clientWidth || 900) - 74);
    var step = Math.max(18, Math.floor(room / Math.max(1, nights.length)));
    var bar = step - gap;
    var left = 44;
    var top = 10;
    var height = 220;
    var bottom = 40;
    var width = left + nights.length * step + 30;
    var max = 1;
    nights.forEach(function (night) {
      max = Math.max(max, night.capacity, night.occupied);
    });
    var scale = height / max;
    var chart = svg('svg', {
      'class': 'chart', viewBox: '0 0 ' + width + ' ' + (top + height + bottom), role: 'img',
      'aria-labelledby': 'chart-title chart-summary'
    });
    var summary = svg('desc', { id: 'chart-summary' }, summaryText(nights));
    chart.appendChild(summary);
    chart.appendChild(svg('line', { 'class': 'axis', x1: left, y1: top + height, x2: width, y2: top + height }));
    chart.appendChild(svg('line', { 'class': 'axis', x1: left, y1: top, x2: left, y2: top + height }));
    chart.appendChild(svg('text', { x: left - 6, y: top + 10, 'text-anchor': 'end' }, String(max)));
    chart.appendChild(svg('text', { x: left - 6, y: top + height, 'text-anchor': 'end' }, '0'));
    nights.forEach(function (night, i) {
      var x = left + gap + i * step;
      var group = svg('g', { 'data-night': night.night });
      group.appendChild(svg('title', {}, describe(night)));
      var capacity = Math.round(night.capacity * scale);
      var occupied = Math.round(night.occupied * scale);
      group.appendChild(svg('rect', { 'class': 'capacity', x: x, y: top + height - capacity, width: bar, height: capacity }));
      group.appendChild(svg('rect', { 'class': 'occupied', x: x, y: top + height - occupied, width: bar, height: occupied }));
      if (i % 7 === 0 || (i === nights.length - 1 && i % 7 > 2)) {
        group.appendChild(svg('text', { x: x + bar / 2, y: top + height + 16, 'text-anchor': 'middle' },
          LABEL.format(nightDate(night.night))));
      }
      chart.appendChild(group);
    });
    container.appendChild(chart);
  }

  function summaryText(nights) {
    var sampled = nights.filter(function (night) { return night.sampled; });
    if (sampled.length === 0) {
      return 'Nog geen gemeten nachten in deze periode.';
    }
    var highest = sampled.reduce(function (a, b) { return b.occupied > a.occupied ? b : a; });
    return sampled.length + ' gemeten nachten; het hoogst: ' + describe(highest) + '. De tabel hieronder geeft alle getallen.';
  }

  function fillTable(nights) {
    var body = document.getElementById('rows');
    body.textContent = '';
    nights.forEach(function (night) {
      var row = document.createElement('tr');
      row.setAttribute('data-night', night.night);
      var head = document.createElement('th');
      head.setAttribute('scope', 'row');
      head.textContent = DAY.format(nightDate(night.night));
      row.appendChild(head);
      // Check-outs without the pass (issue 15) are counted also on a night without occupancy samples.
      var cells = (night.sampled
        ? [String(night.occupied), String(night.capacity),
          night.capacity > 0 ? Math.round(100 * night.occupied / night.capacity) + '%' : '–']
        : ['geen gegevens', '–', '–']).concat([String(night.withoutPass)]);
      cells.forEach(function (text) {
        var cell = document.createElement('td');
        cell.className = 'number';
        cell.textContent = text;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
  }

  // The nights on the page, drawn again when the window changes width (the drawing follows its box).
  var shown = null;
  var redraw = null;

  function load() {
    var weeks = document.getElementById('weeks').value;
    var status = document.getElementById('status');
    document.getElementById('download').setAttribute('href', '/api/v1/reports/occupancy.csv?weeks=' + weeks);
    fetch('/api/v1/reports/occupancy?weeks=' + encodeURIComponent(weeks), { headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        shown = answer.nights;
        drawChart(answer.nights);
        fillTable(answer.nights);
        status.className = 'status';
        status.textContent = 'Nachten van ' + LABEL.format(nightDate(answer.from)) + ' tot en met '
          + LABEL.format(nightDate(answer.to)) + '.';
      })
      .catch(function () {
        status.className = 'status error';
        status.textContent = 'Kan de rapportage niet ophalen. Probeer het over een minuut opnieuw.';
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('weeks').addEventListener('change', load);
    window.addEventListener('resize', function () {
      clearTimeout(redraw);
      redraw = setTimeout(function () {
        if (shown) {
          drawChart(shown);
        }
      }, 150);
    });
    document.getElementById('controls').addEventListener('submit', function (event) {
      event.preventDefault();
    });
    load();
  });
}());
