// CT: the active placement requests, newest first, live from the holds stream; a new request in two clicks from a row
// ("Aanvragen", then the kind of place); the instructions of CT's own accepted requests. Text through textContent only.
'use strict';

(function () {
  // Requests that change something carry the session's CSRF token (the hub refuses them without it).
  var csrf = '';
  fetch('/api/v1/session', { credentials: 'same-origin' })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (session) { csrf = session.csrfToken || ''; });
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  var STATES = { requested: 'aangevraagd', accepted: 'geaccepteerd', refused: 'geweigerd', expired: 'verlopen',
    cancelled: 'ingetrokken', fulfilled: 'opgenomen' };
  var WORDS = { regular: 'plek', crisis: 'crisisplek', nood: 'noodbed', opstart: 'opstartplek', family: 'gezinsplek' };
  var holds = new Map();
  var instructions = new Map();
  var list, none, choice, message;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function render() {
    list.textContent = '';
    var shown = Array.from(holds.values())
      .filter(function (hold) { return hold.state === 'requested' || hold.state === 'accepted' || hold.conflict; })
      .sort(function (a, b) { return a.createdAt < b.createdAt ? 1 : -1; });
    none.hidden = shown.length > 0;
    shown.forEach(function (hold) {
      var item = document.createElement('li');
      item.setAttribute('data-hold', hold.id);
      item.appendChild(element('span', 'hold-line', TIME.format(new Date(hold.createdAt)) + ' · '
        + (WORDS[hold.kind] || hold.kind) + ' · ' + (hold.location || '') + ' · ' + hold.requesterRole + ' · '
        + STATES[hold.state] + (hold.conflict ? ' — ' + hold.conflict : '')));
      if (hold.state === 'accepted' && instructions.has(hold.id)) {
        item.appendChild(element('span', 'hold-label', 'Wat u moet weten:'));
        item.appendChild(element('span', 'instructions', instructions.get(hold.id)));
      }
      list.appendChild(item);
    });
    document.dispatchEvent(new CustomEvent('opvang:holds', { detail: Array.from(holds.values()) }));
  }

  function update(hold) {
    holds.set(hold.id, hold);
    if (hold.state === 'accepted' && hold.mine && !instructions.has(hold.id)) {
      fetch('/api/v1/holds/' + encodeURIComponent(hold.id), { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (full) {
          if (full && full.instructions) {
            instructions.set(hold.id, full.instructions);
            render();
          }
        });
    }
  }

  function closeChoice() {
    choice.hidden = true;
    choice.textContent = '';
  }

  // The second click: which kind of place, among those free at this location now.
  function ask(entry) {
    choice.textContent = '';
    choice.appendChild(element('p', null, 'Aanvraag bij ' + entry.name + ': welke soort plek?'));
    entry.kinds.filter(function (places) { return places.free > 0; }).forEach(function (places) {
      var kind = element('button', null, (WORDS[places.kind] || places.kind) + ' (' + places.free + ' vrij)');
      kind.type = 'button';
      kind.setAttribute('data-kind', places.kind);
      kind.addEventListener('click', function () { request(entry, places.kind); });
      choice.appendChild(kind);
    });
    var cancel = element('button', 'secondary', 'Annuleren');
    cancel.type = 'button';
    cancel.addEventListener('click', closeChoice);
    choice.appendChild(cancel);
    choice.hidden = false;
    choice.querySelector('button').focus();
  }

  function request(entry, kind) {
    message.textContent = 'Aanvraag wordt verstuurd…';
    fetch('/api/v1/holds', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ site: entry.code, kind: kind, bed: null })
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (answer) {
      closeChoice();
      if (answer.status === 201) {
        message.textContent = 'Aanvraag verstuurd naar ' + entry.name + '. Het antwoord verschijnt hieronder.';
        update(answer.body);
        render();
      } else {
        message.textContent = answer.body.error || 'De aanvraag is niet gelukt.';
      }
    }).catch(function () {
      message.textContent = 'Kan de centrale niet bereiken. Bel de locatie.';
    });
  }

  document.addEventListener('opvang:request', function (event) {
    if (choice) {
      ask(event.detail);
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    list = document.getElementById('hold-list');
    none = document.getElementById('no-hold');
    choice = document.getElementById('hold-choice');
    message = document.getElementById('hold-message');
    if (!list || typeof EventSource === 'undefined') {
      return;
    }
    var source = new EventSource('/api/v1/holds/stream');
    // A page kept in the back/forward cache keeps its stream open; with HTTP/1.1's six connections per host a few
    // such pages starve the next page's requests (a VO desk's answer then hangs). Close it on leaving; shown again
    // from the cache, the page loads afresh.
    window.addEventListener('pagehide', function () { source.close(); });
    window.addEventListener('pageshow', function (event) {
      if (event.persisted) {
        window.location.reload();
      }
    });
    source.addEventListener('holds', function (event) {
      holds.clear();
      JSON.parse(event.data).holds.forEach(update);
      render();
    });
    source.addEventListener('hold', function (event) {
      update(JSON.parse(event.data));
      render();
    });
  });
}());
