// Veilig Thuis: crisis places per region as counts, one button to ask, then the live answer. Never an address or a
// location's name: the hub does not send them to this role. Server text goes in through textContent only.
'use strict';

(function () {
  var element = opvang.element;
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  var holds = new Map();
  var instructions = new Map();
  var regionsList, holdsList, noHolds, message;

  function say(text, error) {
    message.textContent = text;
    message.className = error ? 'message error' : 'message';
  }

  // Refreshed every 15 s by the page itself: marked as background, so it does not keep an unattended screen logged in
  // (the session still ends after 30 minutes without a click or a typed request).
  // Also loaded again whenever the holds stream (re)connects: after the hub was away, the counts are live at once.
  var UNREACHABLE = 'Kan de centrale niet bereiken. Bel het 24/7-nummer van de vrouwenopvang.';
  function loadRegions() {
    fetch('/api/v1/crisis-places', { credentials: 'same-origin', headers: { 'X-Opvang-Background': '1' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (answer) {
        showRegions(answer.regions);
        if (message.textContent === UNREACHABLE) {
          say('');
        }
      })
      .catch(function () { say(UNREACHABLE, true); });
  }

  function showRegions(regions) {
    regionsList.textContent = '';
    regions.forEach(function (region) {
      var card = element('li', 'card');
      card.appendChild(element('h2', null, region.name));
      card.appendChild(element('p', 'count', region.free + ' ' + opvang.kind('crisis', region.free) + ' '
        + opvang.word('status.free')));
      region.phones.forEach(function (phone) {
        var call = element('p', 'phone', 'Bel ');
        call.appendChild(opvang.phoneLink(phone));
        card.appendChild(call);
      });
      var ask = element('button', null, 'Plaatsing aanvragen');
      ask.type = 'button';
      ask.addEventListener('click', function () { request(ask); });
      card.appendChild(ask);
      regionsList.appendChild(card);
    });
  }

  function request(button) {
    button.disabled = true;
    say('Aanvraag wordt verstuurd…');
    fetch('/api/v1/holds', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': opvang.csrf() },
      body: JSON.stringify({ site: null, kind: 'crisis', bed: null })
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (answer) {
      button.disabled = false;
      if (answer.status === 201) {
        say('Aanvraag verstuurd. U ziet hier het antwoord zodra de opvang reageert.');
        update(answer.body);
      } else if (answer.status === 409) {
        say('Er is nu geen crisisplek vrij. Bel het 24/7-nummer.', true);
      } else {
        say(answer.body.error || 'De aanvraag is niet gelukt. Bel het 24/7-nummer.', true);
      }
      loadRegions();
    }).catch(function () {
      button.disabled = false;
      say('Kan de centrale niet bereiken. Bel het 24/7-nummer.', true);
    });
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
    render();
  }

  // 'Geaccepteerd': a state at the start of a line.
  function state(wire) {
    return opvang.capitalised(opvang.word('hold.' + wire));
  }

  function at(time) {
    return time ? ' (om ' + TIME.format(new Date(time)) + ')' : '';
  }

  function render() {
    holdsList.textContent = '';
    var sorted = Array.from(holds.values()).sort(function (a, b) { return a.createdAt < b.createdAt ? 1 : -1; });
    noHolds.hidden = sorted.length > 0;
    sorted.forEach(function (hold) {
      var item = element('li', 'card');
      item.setAttribute('data-hold', hold.id);
      var history = state('requested') + at(hold.createdAt);
      if (hold.state !== 'requested') {
        history += ' → ' + state(hold.state) + at(hold.answeredAt);
      }
      item.appendChild(element('p', 'state ' + hold.state, history));
      var call = element('p', 'muted', opvang.capitalised(opvang.kind('crisis')) + ' · bel ');
      call.appendChild(opvang.phoneLink(hold.phone));
      item.appendChild(call);
      if (hold.state === 'requested') {
        item.appendChild(element('p', 'muted', 'Geldig tot ' + TIME.format(new Date(hold.expiresAt))));
      }
      if (hold.state === 'accepted' && instructions.has(hold.id)) {
        item.appendChild(element('p', null, 'Wat u moet weten:'));
        item.appendChild(element('p', 'instructions', instructions.get(hold.id)));
      }
      if (hold.conflict) {
        item.appendChild(element('p', 'conflict', hold.conflict));
      } else if (hold.refusal) {
        item.appendChild(element('p', null, 'Reden: ' + hold.refusal));
      }
      if (hold.state === 'refused' || hold.state === 'expired') {
        var again = element('button', null, 'Nieuwe aanvraag elders');
        again.type = 'button';
        again.addEventListener('click', function () { request(again); });
        item.appendChild(again);
      }
      if (hold.mayCancel) {
        var cancel = element('button', 'secondary', 'Aanvraag intrekken');
        cancel.type = 'button';
        cancel.addEventListener('click', function () {
          fetch('/api/v1/holds/' + encodeURIComponent(hold.id), { method: 'DELETE', credentials: 'same-origin', headers: { 'X-CSRF-Token': opvang.csrf() } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (body) { if (body) { update(body); } });
        });
        item.appendChild(cancel);
      }
      holdsList.appendChild(item);
    });
  }

  function listen() {
    var source = opvang.stream('/api/v1/holds/stream');
    source.addEventListener('open', loadRegions);
    source.addEventListener('holds', function (event) {
      JSON.parse(event.data).holds.forEach(update);
    });
    source.addEventListener('hold', function (event) {
      update(JSON.parse(event.data));
      loadRegions();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    regionsList = document.getElementById('regions');
    holdsList = document.getElementById('holds');
    noHolds = document.getElementById('no-holds');
    message = document.getElementById('message');
    listen();
    setInterval(loadRegions, 15000);
  });
}());
