// The privacy officer's page (issue 17, docs/DESIGN.md §5): rights requests made at a kiosk with a pass, their
// deadline, and carrying them out. Every text from the server goes in through textContent (opvang.element).
'use strict';

(function () {
  var RIGHTS = { access: 'Inzage', erasure: 'Verwijderen', restriction: 'Beperken' };
  var ACTIONS = { access: 'Afronden: inzage gegeven', erasure: 'Nu verwijderen', restriction: 'Nu beperken' };
  var known = null;

  var TWO_DAYS = 48 * 3600 * 1000;

  function day(iso) {
    return new Date(iso).toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit',
      year: 'numeric' });
  }

  // The statutory month as a date; the hours left only in the last two days (opvang.timeLeft, as on every page).
  function deadline(request) {
    var left = Date.parse(request.deadline) - Date.now();
    return day(request.deadline) + (request.open && left < TWO_DAYS ? ' (' + opvang.timeLeft(left) + ')' : '');
  }

  function cell(tag, text, label) {
    var node = opvang.element(tag, null, text);
    node.setAttribute('data-label', label);
    return node;
  }

  function show(id, text) {
    var node = document.getElementById(id);
    node.textContent = text;
    node.hidden = !text;
  }

  function fail(error) {
    show('error', error.message || 'Er ging iets mis.');
  }

  function get(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (json) {
          if (!response.ok) {
            throw new Error(json.error || 'Er ging iets mis.');
          }
          return json;
        });
      });
  }

  function button(text, handler) {
    var node = opvang.element('button', null, text);
    node.type = 'button';
    node.addEventListener('click', handler);
    return node;
  }

  function act(request, what) {
    opvang.send('POST', '/api/v1/privacy/requests/' + request.request + '/' + what, {}).then(function (answer) {
      if (!answer.ok) {
        throw new Error(answer.body.error || 'Er ging iets mis.');
      }
      show('notice', answer.body.reference + ': ' + (answer.body.outcome || 'beperking opgeheven'));
      load();
    }).catch(fail);
  }

  function exportOf(request) {
    get('/api/v1/privacy/requests/' + request.request + '/export').then(function (answer) {
      document.getElementById('export').hidden = false;
      document.getElementById('export-title').textContent = 'Inzage (AVG artikel 15), kenmerk ' + request.reference;
      document.getElementById('export-made').textContent = 'Gemaakt op ' + day(new Date().toISOString())
        + ' door de functionaris gegevensbescherming van de gemeente, op verzoek aan de balie van ' + request.location
        + ' op ' + day(request.receivedAt) + '.';
      document.getElementById('export-message').textContent = answer.message;
      var rows = document.getElementById('export-rows');
      rows.textContent = '';
      answer.stays.forEach(function (stay) {
        var row = document.createElement('tr');
        [[stay.date, 'Datum'], [stay.what, 'Wat'], [stay.location, 'Locatie'], [stay.origin || '—', 'Herkomst'],
          [stay.destination || '—', 'Vertrokken naar']].forEach(function (pair) {
          row.appendChild(cell('td', pair[0], pair[1]));
        });
        rows.appendChild(row);
      });
      document.getElementById('export-stays').hidden = answer.stays.length === 0;
      var holds = document.getElementById('export-holds');
      holds.textContent = '';
      document.getElementById('export-holds-title').hidden = answer.holds.length === 0;
      answer.holds.forEach(function (hold) {
        holds.appendChild(opvang.element('li', null, 'Plaatsingsverzoek ' + hold.date + ', ' + hold.location + ': '
          + hold.state + ' (aangevraagd door ' + hold.requestedBy + ')'));
      });
      var asked = document.getElementById('export-requests');
      asked.textContent = '';
      document.getElementById('export-requests-title').hidden = answer.requests.length === 0;
      answer.requests.forEach(function (each) {
        asked.appendChild(opvang.element('li', null, each.date + ': ' + each.right + ', aan de balie van '
          + each.location));
      });
      document.getElementById('export-turn-aways').textContent = answer.turnAways;
      var reads = document.getElementById('export-reads');
      reads.textContent = '';
      answer.reads.forEach(function (read) { reads.appendChild(opvang.element('li', null, read)); });
      document.getElementById('export-json').href = '/api/v1/privacy/requests/' + request.request + '/export';
      document.getElementById('export').scrollIntoView();
    }).catch(fail);
  }

  function render(answer) {
    var body = document.getElementById('requests');
    body.textContent = '';
    var open = 0;
    answer.requests.forEach(function (request) {
      var row = document.createElement('tr');
      row.setAttribute('data-request', request.request);
      var reference = cell('th', request.reference, 'Kenmerk');
      reference.setAttribute('scope', 'row');
      row.appendChild(reference);
      row.appendChild(cell('td', RIGHTS[request.right] || request.right, 'Verzoek'));
      row.appendChild(cell('td', request.location, 'Locatie'));
      row.appendChild(cell('td', day(request.receivedAt), 'Ontvangen'));
      row.appendChild(cell('td', deadline(request), 'Uiterlijk'));
      row.appendChild(cell('td', request.open ? 'Open' : request.outcome + (request.restricted ? ' (beperkt)' : ''),
        'Stand'));
      var actions = cell('td', '', 'Actie');
      actions.className = 'actions';
      if (request.right === 'access') {
        actions.appendChild(button('Inzage tonen', function () { exportOf(request); }));
      }
      if (request.open) {
        open++;
        actions.appendChild(button(ACTIONS[request.right] || 'Afhandelen', function () { act(request, 'carry-out'); }));
      }
      if (request.restricted) {
        actions.appendChild(button('Beperking opheffen', function () { act(request, 'lift'); }));
      }
      row.appendChild(actions);
      body.appendChild(row);
    });
    document.getElementById('empty').hidden = answer.requests.length > 0;
    if (known !== null && open > known) {
      opvang.notify('Nieuw privacyverzoek');
    }
    known = open;
  }

  function load() {
    get('/api/v1/privacy/requests').then(function (answer) {
      show('error', '');
      render(answer);
    }).catch(fail);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('print').addEventListener('click', function () { window.print(); });
    load();
    window.setInterval(load, 60000);
  });
})();
