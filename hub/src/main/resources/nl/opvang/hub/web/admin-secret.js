// Admin page, contacts of secret locations (issue 11): whom CT calls in an emergency, as structured fields only.
// The page never shows what is stored (reading it is break-glass, for CT); it shows whether it is set or must be
// entered again. Every text from the server goes in through textContent, never as HTML.
'use strict';

(function () {
  var STATES = { set: 'ingesteld', missing: 'ontbreekt', reenter: 'opnieuw invoeren: de oude vrije tekst is verwijderd' };
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' });
  var csrf = null;

  function show(id, text) {
    var node = document.getElementById(id);
    node.textContent = text || '';
    node.hidden = !text;
  }

  function call(method, path, body) {
    var options = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (method !== 'GET') {
      options.headers['X-CSRF-Token'] = csrf;
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      if (response.status === 204) {
        return null;
      }
      return response.json().then(function (json) {
        if (!response.ok) {
          throw new Error(json.error || 'Er ging iets mis.');
        }
        return json;
      });
    });
  }

  function cell(text, label) {
    var node = opvang.element('td', null, text);
    node.setAttribute('data-label', label);
    return node;
  }

  function render(answer) {
    var body = document.getElementById('secret-contacts');
    var select = document.getElementById('secret-location');
    var chosen = select.value;
    body.textContent = '';
    select.textContent = '';
    answer.locations.forEach(function (location) {
      var row = document.createElement('tr');
      row.setAttribute('data-code', location.code);
      row.appendChild(cell(location.name + ' (' + location.code + ')', 'Locatie'));
      var state = cell(STATES[location.state] || location.state, 'Contact');
      if (location.state !== 'set') {
        state.className = 'bad';
      }
      row.appendChild(state);
      row.appendChild(cell(location.updatedAt ? TIME.format(new Date(location.updatedAt)) : '—', 'Gewijzigd'));
      body.appendChild(row);
      var option = document.createElement('option');
      option.value = location.code;
      option.textContent = location.name;
      select.appendChild(option);
    });
    if (chosen) {
      select.value = chosen;
    }
  }

  function load() {
    return call('GET', '/api/v1/admin/secret-contacts').then(render);
  }

  function save(event) {
    event.preventDefault();
    var form = event.target;
    var phone = { number: form.number.value.trim() };
    if (form.note.value.trim()) {
      phone.note = form.note.value.trim();
    }
    var body = { desk: form.desk.value.trim() || null, phones: [phone], hours: form.hours.value.trim() || null };
    show('secret-error', '');
    call('PUT', '/api/v1/locations/' + encodeURIComponent(form.location.value) + '/contact', body).then(function () {
      show('notice', 'Het contact van ' + form.location.options[form.location.selectedIndex].textContent
        + ' is opgeslagen.');
      form.desk.value = '';
      form.number.value = '';
      form.note.value = '';
      form.hours.value = '';
      return load();
    }).catch(function (error) {
      show('secret-error', error.message);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('secret-contact').addEventListener('submit', save);
    call('GET', '/api/v1/session').then(function (session) {
      csrf = session.csrfToken;
      return load();
    }).then(function () {
      document.body.setAttribute('data-secret-loaded', 'true');
    }).catch(function (error) {
      show('secret-error', error.message);
    });
  });
}());
