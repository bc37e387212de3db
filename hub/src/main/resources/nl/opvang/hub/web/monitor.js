// The monitoring page (docs/MONITORING.md): for the chosen month a chart and a table per figure, with its CSV
// download, optionally per location; above them the occupancy and the unique clients of the 12 weeks up to the month's
// end. Charts are drawn by uPlot (served from the hub's jar, no CDN); the tables under them hold the same numbers and
// are what a screen reader reads: the charts are images with a label that points to their table.
(function () {
  'use strict';
  var FIGURES = ['clients', 'occupancy', 'inflow', 'revolving-door', 'length-of-stay', 'destinations',
    'unmet-demand', 'placement'];
  // Per figure the part of its rows drawn as bars (the total of the part is left out): what a council meeting asks.
  var BARS = {
    'inflow': ['gemeente'],
    'length-of-stay': ['verblijfsduur', 'norm'],
    'destinations': ['bestemming', 'zonder uitchecken'],
    'unmet-demand': ['weggestuurd'],
    'placement': ['aanvragen', 'geweigerd om'],
    'revolving-door': ['draaideur'],
    'clients': ['cliënten'],
    'occupancy': ['bezetting']
  };
  var TOTALS = ['turn_aways', 'ended', 'requests', 'minutes_to_answer', 'occupancy_rate', 'place_nights'];
  var WEEKS = 12;
  var BLUE = '#1f4e8c';
  var ORANGE = '#a04a00';
  var charts = [];

  function month() {
    return document.getElementById('month').value;
  }

  function perLocation() {
    return document.getElementById('per-location').checked;
  }

  function chartBox(label) {
    var box = opvang.element('div', 'chart');
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', label);
    return box;
  }

  function width(box) {
    return Math.max(260, Math.min(box.clientWidth || 600, 900));
  }

  function remember(box, plot) {
    charts.push({ box: box, plot: plot });
  }

  // Bars of one figure's chosen rows; a hidden cell ("< 5", "verborgen") draws no bar and its label says so.
  function bars(answer, box) {
    var rows = answer.rows.filter(function (row) {
      return (BARS[answer.figure] || []).indexOf(row.part) >= 0 && TOTALS.indexOf(row.code) < 0
        && row.cell.unit === 'aantal';
    });
    var labels = rows.map(function (row) {
      return row.label + (row.cell.suppressed ? ' (' + row.cell.shown + ')' : '');
    });
    var xs = rows.map(function (row, index) { return index; });
    var ys = rows.map(function (row) { return row.cell.suppressed ? null : row.cell.count; });
    var plot = new uPlot({
      width: width(box),
      height: 300,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, rows.length - 0.5)] }, y: { range: [0, null] } },
      axes: [
        { values: function (u, splits) { return splits.map(function (v) { return labels[v] || ''; }); },
          splits: function () { return xs; }, rotate: -40, size: 120, gap: 4, font: '12px sans-serif' },
        { font: '12px sans-serif' }
      ],
      series: [{}, { label: 'Aantal', fill: BLUE, stroke: BLUE, points: { show: false },
        paths: uPlot.paths.bars({ size: [0.7, 48] }) }]
    }, [xs, ys], box);
    remember(box, plot);
  }

  // The weeks (Monday to Sunday) up to the end of the chosen month, or up to today in the current month.
  function weeks() {
    var parts = month().split('-');
    var end = new Date(Date.UTC(+parts[0], +parts[1], 0));
    var today = new Date();
    var todayUtc = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
    if (end > todayUtc) {
      end = todayUtc;
    }
    var monday = new Date(end.getTime() - ((end.getUTCDay() + 6) % 7) * 86400000);
    var list = [];
    for (var i = WEEKS - 1; i >= 0; i--) {
      var from = new Date(monday.getTime() - i * 7 * 86400000);
      var to = new Date(from.getTime() + 6 * 86400000);
      list.push({ from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) });
    }
    return list;
  }

  function value(answer, code) {
    var row = answer.rows.filter(function (each) { return each.code === code; })[0];
    if (!row || row.cell.suppressed) {
      return null;
    }
    return row.cell.count !== null ? row.cell.count : row.cell.value;
  }

  function trend(container) {
    var list = weeks();
    var section = opvang.element('section', 'figure');
    var title = opvang.element('h2', null, 'Bezetting en cliënten per week');
    title.id = 'figuur-weken';
    section.appendChild(title);
    section.appendChild(opvang.element('p', 'legend', 'De ' + WEEKS + ' weken tot en met ' + list[WEEKS - 1].to
      + '. Blauw: bezettingsgraad (%, links). Oranje: unieke cliënten (rechts).'));
    var box = chartBox('Grafiek: bezettingsgraad en unieke cliënten per week. De tabel eronder heeft dezelfde cijfers.');
    section.appendChild(box);
    container.insertBefore(section, container.firstChild);
    return Promise.all(list.map(function (week) {
      var period = '?van=' + week.from + '&tot=' + week.to;
      return Promise.all([opvang.getJson('/api/v1/monitoring/occupancy' + period),
        opvang.getJson('/api/v1/monitoring/clients' + period)]);
    })).then(function (answers) {
      // Unique clients across the retention boundary are estimates (docs/MONITORING.md "Retention"): said, per week.
      var estimated = answers.filter(function (pair) { return pair[1].estimate; });
      if (estimated.length) {
        section.insertBefore(opvang.element('p', 'status', estimated[0][1].note), box);
      }
      var rates = answers.map(function (pair) { return value(pair[0], 'occupancy_rate'); });
      var clients = answers.map(function (pair) { return value(pair[1], 'unique_clients'); });
      var labels = list.map(function (week) { return week.from.slice(8, 10) + '-' + week.from.slice(5, 7); });
      var xs = list.map(function (week, index) { return index; });
      var plot = new uPlot({
        width: width(box),
        height: 280,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false }, '%': { range: [0, 100] }, n: { range: [0, null] } },
        axes: [
          { values: function (u, splits) { return splits.map(function (v) { return labels[v] || ''; }); },
            splits: function () { return xs; }, font: '12px sans-serif' },
          { scale: '%', font: '12px sans-serif' },
          { scale: 'n', side: 1, grid: { show: false }, font: '12px sans-serif' }
        ],
        series: [{}, { label: 'Bezettingsgraad (%)', scale: '%', stroke: BLUE, width: 3 },
          { label: 'Unieke cliënten', scale: 'n', stroke: ORANGE, width: 3, dash: [8, 4] }]
      }, [xs, rates, clients], box);
      remember(box, plot);
      section.appendChild(trendTable(list, answers));
    });
  }

  function trendTable(list, answers) {
    var grid = opvang.element('table', 'data');
    grid.setAttribute('aria-labelledby', 'figuur-weken');
    grid.appendChild(head(['Week vanaf', 'Bezettingsgraad', 'Unieke cliënten']));
    var body = opvang.element('tbody');
    list.forEach(function (week, index) {
      body.appendChild(line([week.from, shown(answers[index][0], 'occupancy_rate'),
        shown(answers[index][1], 'unique_clients') + (answers[index][1].estimate ? ' (schatting)' : '')]));
    });
    grid.appendChild(body);
    return scroller(grid);
  }

  function shown(answer, code) {
    var row = answer.rows.filter(function (each) { return each.code === code; })[0];
    return row ? row.cell.shown : '';
  }

  function head(texts) {
    var thead = opvang.element('thead');
    var row = opvang.element('tr');
    texts.forEach(function (text) {
      var cell = opvang.element('th', null, text);
      cell.scope = 'col';
      row.appendChild(cell);
    });
    thead.appendChild(row);
    return thead;
  }

  function line(texts) {
    var row = opvang.element('tr');
    texts.forEach(function (text) {
      row.appendChild(opvang.element('td', null, text));
    });
    return row;
  }

  // A wide table scrolls on its own on a phone; it can take focus so that a keyboard can scroll it too.
  function scroller(grid) {
    var box = opvang.element('div', 'table-scroll');
    box.tabIndex = 0;
    box.appendChild(grid);
    return box;
  }

  function figure(answer) {
    var section = opvang.element('section', 'figure');
    var id = 'figuur-' + answer.figure;
    var title = opvang.element('h2', null, answer.title);
    title.id = id;
    section.appendChild(title);
    // The definition's version links to its meaning on the definitions page (from the same definitions in code).
    var legend = opvang.element('p', 'legend', 'Periode ' + answer.from + ' tot en met ' + answer.to + ' · definitie ');
    var definition = opvang.element('a', null, answer.definition);
    definition.href = '/monitor/definities#' + answer.figure;
    legend.appendChild(definition);
    section.appendChild(legend);
    if (answer.estimate) {
      section.appendChild(opvang.element('p', 'status', answer.note));
    }
    var box = chartBox('Grafiek: ' + answer.title + '. De tabel eronder heeft dezelfde cijfers.');
    section.appendChild(box);
    var grid = opvang.element('table', 'data');
    grid.setAttribute('aria-labelledby', id);
    var columns = ['Onderdeel', 'Omschrijving', answer.locations.length ? 'Alle locaties' : 'Aantal'];
    answer.locations.forEach(function (location) {
      columns.push(location.label);
    });
    grid.appendChild(head(columns));
    var body = opvang.element('tbody');
    answer.rows.forEach(function (row, index) {
      var texts = [row.part, row.label, row.cell.shown];
      answer.locations.forEach(function (location) {
        texts.push(location.rows[index] ? location.rows[index].cell.shown : '');
      });
      body.appendChild(line(texts));
    });
    grid.appendChild(body);
    section.appendChild(scroller(grid));
    var link = opvang.element('a', 'download', 'Download ' + answer.title + ' als CSV');
    link.href = '/api/v1/monitoring/' + answer.figure + '.csv?' + query();
    section.appendChild(link);
    return { section: section, box: box };
  }

  function query() {
    return 'maand=' + encodeURIComponent(month()) + (perLocation() ? '&per=locatie' : '');
  }

  function load() {
    var status = document.getElementById('status');
    var figures = document.getElementById('figures');
    status.textContent = 'Gegevens worden geladen…';
    Promise.all(FIGURES.map(function (name) {
      return opvang.getJson('/api/v1/monitoring/' + name + '?' + query());
    })).then(function (answers) {
      charts.forEach(function (chart) { chart.plot.destroy(); });
      charts = [];
      figures.textContent = '';
      answers.forEach(function (answer) {
        var drawn = figure(answer);
        figures.appendChild(drawn.section);
        bars(answer, drawn.box);
      });
      return trend(figures);
    }).then(function () {
      status.textContent = 'Cijfers van ' + month() + '.';
    }).catch(function (error) {
      status.textContent = error.message;
    });
  }

  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      charts.forEach(function (chart) {
        chart.plot.setSize({ width: width(chart.box), height: chart.plot.height });
      });
    }, 150);
  });

  document.addEventListener('DOMContentLoaded', function () {
    // First this month; in its first 7 days the last one, which has figures to show (docs/MONITORING.md "The page").
    var now = new Date();
    var shown = now.getDate() <= 7 ? new Date(now.getFullYear(), now.getMonth() - 1, 1) : now;
    document.getElementById('month').value = shown.getFullYear() + '-' + String(shown.getMonth() + 1).padStart(2, '0');
    document.getElementById('controls').addEventListener('submit', function (event) {
      event.preventDefault();
      load();
    });
    load();
  });
}());
