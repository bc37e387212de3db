// CT: the active placement requests, newest first, live from the holds stream; a new request in two clicks from a row
// ("Aanvragen", then the kind of place); the instructions of CT's own accepted requests. Text through textContent only.
'use strict';

(function () {
  var element = opvang.element;
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  var holds = new Map();
  var instructions = new Map();
  var list, none, choice, message;

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
        + opvang.kind(hold.kind) + ' · ' + (hold.location || '') + ' · ' + hold.requesterRole + ' · '
        + opvang.word('hold.' + hold.state) + (hold.conflict ? ' — ' + hold.conflict : '')));
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
      var kind = element('button', null, opvang.kind(places.kind) + ' (' + places.free + ' ' + opvang.word('status.free') + ')');
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
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': opvang.csrf() },
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
    var source = opvang.stream('/api/v1/holds/stream');
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
