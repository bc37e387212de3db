// The monitoring page (docs/MONITORING.md): one table per figure for the chosen month, with its CSV download.
(function () {
  'use strict';
  var FIGURES = ['clients', 'occupancy', 'inflow', 'revolving-door', 'length-of-stay', 'destinations',
    'unmet-demand', 'placement'];

  function table(answer) {
    var section = opvang.element('section', 'figure');
    var id = 'figuur-' + answer.figure;
    var title = opvang.element('h2', null, answer.title);
    title.id = id;
    section.appendChild(title);
    var note = 'Periode ' + answer.from + ' tot en met ' + answer.to + ' · definitie ' + answer.definition;
    section.appendChild(opvang.element('p', 'legend', note));
    if (answer.estimate) {
      section.appendChild(opvang.element('p', 'status', answer.note));
    }
    var grid = opvang.element('table', 'data');
    grid.setAttribute('aria-labelledby', id);
    var head = opvang.element('thead');
    var headRow = opvang.element('tr');
    ['Onderdeel', 'Omschrijving', 'Aantal'].forEach(function (text) {
      var cell = opvang.element('th', null, text);
      cell.scope = 'col';
      headRow.appendChild(cell);
    });
    head.appendChild(headRow);
    grid.appendChild(head);
    var body = opvang.element('tbody');
    answer.rows.forEach(function (row) {
      var line = opvang.element('tr');
      line.appendChild(opvang.element('td', null, row.part));
      line.appendChild(opvang.element('td', null, row.label));
      line.appendChild(opvang.element('td', null, row.cell.shown));
      body.appendChild(line);
    });
    grid.appendChild(body);
    section.appendChild(grid);
    var link = opvang.element('a', 'download', 'Download ' + answer.title + ' als CSV');
    link.href = '/api/v1/monitoring/' + answer.figure + '.csv?maand=' + encodeURIComponent(month());
    section.appendChild(link);
    return section;
  }

  function month() {
    return document.getElementById('month').value;
  }

  function load() {
    var status = document.getElementById('status');
    var figures = document.getElementById('figures');
    status.textContent = 'Gegevens worden geladen…';
    Promise.all(FIGURES.map(function (figure) {
      return fetch('/api/v1/monitoring/' + figure + '?maand=' + encodeURIComponent(month()), { credentials: 'same-origin' })
        .then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) {
              throw new Error(body.error || 'Laden mislukt');
            }
            return body;
          });
        });
    })).then(function (answers) {
      figures.textContent = '';
      answers.forEach(function (answer) {
        figures.appendChild(table(answer));
      });
      status.textContent = 'Cijfers van ' + month() + '.';
    }).catch(function (error) {
      status.textContent = error.message;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var now = new Date();
    document.getElementById('month').value = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0');
    document.getElementById('controls').addEventListener('submit', function (event) {
      event.preventDefault();
      load();
    });
    load();
  });
}());
