// VO desk page (/vo; docs/DESIGN.md §6): besides the requests, the desk's own locations — those the hub shows it in
// full, for a VO desk its provider's locations of the vrouwenopvang, for night staff its own site — with their free
// places per target group and per kind, and their noodbedden: open or closed, until when, and whether cold-weather
// mode is on. Live from the availability stream; cold-weather mode polled as a background request. Only what the
// role may see: a location shown as counts only (another provider's, another site) is not the desk's and is left out.
// A VO desk also opens and closes its noodbedden here (GET/POST /api/v1/nood: the hub sends the command and shows
// whether the location confirmed); night staff do that at their kiosk. Text through textContent only.
'use strict';

(function () {
  var element = opvang.element;
  var ZONE = 'Europe/Amsterdam';
  var COLD_POLL_MS = 60000;
  var WHEN = new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'short',
    hour: '2-digit', minute: '2-digit' });
  var locations = new Map();
  var role = null;
  var cold = null;
  // The VO desk's noodbedden as the hub reports them (GET /api/v1/nood), by location; null for other roles.
  var desk = null;
  var NOOD_POLL_MS = 5000;

  // The desk's own: the hub gave its figures in full; a VO desk's own are of the vrouwenopvang.
  function own(entry) {
    var full = entry.kinds.some(function (kind) { return kind.occupied !== null; });
    return full && (role !== 'vo_desk' || entry.domain === 'vo');
  }

  function groupsOf(entry, kind) {
    return kind.groups || entry.groups || [];
  }

  function words(groups) {
    return groups.map(function (group) { return opvang.word('group.' + group); }).join(', ');
  }

  function renderGroups(mine) {
    var totals = new Map();
    mine.forEach(function (entry) {
      entry.kinds.forEach(function (kind) {
        if (kind.kind === 'nood' && kind.capacity === 0) {
          return;
        }
        groupsOf(entry, kind).forEach(function (group) {
          totals.set(group, (totals.get(group) || 0) + kind.free);
        });
      });
    });
    var list = document.getElementById('vo-groups');
    list.textContent = '';
    totals.forEach(function (free, group) {
      var item = element('li', free > 0 ? 'free' : 'none', opvang.capitalised(opvang.word('group.' + group)) + ': '
        + free + ' vrij');
      item.setAttribute('data-group', group);
      list.appendChild(item);
    });
  }

  function kindLine(entry, kind) {
    var text = opvang.capitalised(opvang.kind(kind.kind, 2)) + ': ' + kind.free + ' vrij van ' + kind.capacity;
    if (entry.freshness !== 'live') {
      text += ' (laatst bekend: ' + kind.lastKnownFree + ' vrij)';
    }
    if (kind.groups) {
      text += ' — voor ' + words(kind.groups);
    }
    var item = element('li', null, text);
    item.setAttribute('data-kind', kind.kind);
    return item;
  }

  function renderLocations(mine) {
    var list = document.getElementById('vo-locations');
    list.textContent = '';
    mine.forEach(function (entry) {
      var item = element('li', 'card');
      item.setAttribute('data-location', entry.code);
      item.appendChild(element('h3', null, entry.name));
      var about = [];
      if (entry.domain) {
        about.push(opvang.capitalised(opvang.word('domain.' + entry.domain)));
      }
      if (entry.groups.length > 0) {
        about.push('voor ' + words(entry.groups));
      }
      about.push(opvang.word('freshness.' + entry.freshness, entry.freshness));
      item.appendChild(element('p', 'muted', about.join(' · ')));
      var kinds = element('ul', 'vo-kinds');
      entry.kinds.filter(function (kind) { return kind.kind !== 'nood'; }).forEach(function (kind) {
        kinds.appendChild(kindLine(entry, kind));
      });
      item.appendChild(kinds);
      list.appendChild(item);
    });
    document.getElementById('vo-places-none').hidden = mine.length > 0;
  }

  // A VO desk's switch for one location: a reason, and Openen (until 12:00 tomorrow) or Sluiten. Not while
  // cold-weather mode covers the location (the CT decides then), and not while a field of it has the focus.
  function deskControls(site) {
    var box = element('div', 'nood-switch');
    if (site.coldWeatherUntil) {
      box.appendChild(element('p', 'muted', 'Open door de koudweerregeling; de Centrale Toegang beslist.'));
      return box;
    }
    var opening = !(site.open || (site.asked && site.asked.open));
    var id = 'nood-reason-' + site.site;
    var label = element('label', null, opening ? 'Reden om te openen' : 'Reden om te sluiten');
    label.htmlFor = id;
    var reason = element('input');
    reason.id = id;
    reason.type = 'text';
    reason.maxLength = 300;
    reason.autocomplete = 'off';
    var button = element('button', opening ? null : 'secondary', opening ? 'Noodbedden openen' : 'Noodbedden sluiten');
    button.type = 'button';
    button.addEventListener('click', function () {
      opvang.send('POST', '/api/v1/nood/' + encodeURIComponent(site.site), { open: opening, reason: reason.value })
        .then(function (result) {
          var message = document.getElementById('vo-nood-message');
          message.textContent = result.ok ? (opening ? 'Gevraagd: openen tot morgen 12:00.' : 'Gevraagd: sluiten.')
            + ' De locatie bevestigt het zelf.' : result.body.error;
          message.classList.toggle('error', !result.ok);
          pollNood();
        });
    });
    box.appendChild(label);
    box.appendChild(reason);
    box.appendChild(button);
    return box;
  }

  function renderDesk(list) {
    desk.forEach(function (site) {
      var item = element('li', site.open ? 'nood open' : 'nood closed');
      item.setAttribute('data-location', site.site);
      item.appendChild(element('p', 'nood-state', site.name + ': ' + site.text
        + (site.open && site.openUntil ? ', tot ' + WHEN.format(new Date(site.openUntil)) : '')
        + (site.open ? ' · ' + (site.capacity - site.occupied) + ' van ' + site.capacity + ' vrij' : '')));
      item.appendChild(deskControls(site));
      list.appendChild(item);
    });
  }

  function renderNood(mine) {
    var withNood = mine.filter(function (entry) {
      return entry.kinds.some(function (kind) { return kind.kind === 'nood'; });
    });
    var section = document.getElementById('vo-nood');
    var list = document.getElementById('vo-nood-list');
    if (list.contains(document.activeElement) && document.activeElement.tagName === 'INPUT') {
      return;
    }
    section.hidden = desk ? desk.length === 0 : withNood.length === 0;
    list.textContent = '';
    if (desk) {
      renderDesk(list);
    }
    (desk ? [] : withNood).forEach(function (entry) {
      var nood = entry.kinds.filter(function (kind) { return kind.kind === 'nood'; })[0];
      var open = nood.capacity > 0;
      var text = entry.name + ': ' + (open ? 'open, ' + nood.free + ' vrij van ' + nood.capacity
        + (nood.openUntil ? ', tot ' + WHEN.format(new Date(nood.openUntil)) : '') : 'gesloten');
      var item = element('li', open ? 'nood open' : 'nood closed', text);
      item.setAttribute('data-location', entry.code);
      list.appendChild(item);
    });
    var coldLine = document.getElementById('vo-nood-cold');
    coldLine.hidden = !(cold && cold.active);
    coldLine.textContent = cold && cold.active ? opvang.capitalised(opvang.word('coldweather')) + ' actief tot '
      + WHEN.format(new Date(cold.until)) + '.' : '';
  }

  function render() {
    var mine = Array.from(locations.values()).filter(own).sort(function (a, b) { return a.name < b.name ? -1 : 1; });
    document.getElementById('vo-places').hidden = false;
    renderGroups(mine);
    renderLocations(mine);
    renderNood(mine);
  }

  function pollNood() {
    fetch('/api/v1/nood', { credentials: 'same-origin', headers: { 'X-Opvang-Background': '1' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer) {
          desk = answer.locations;
          renderNood(Array.from(locations.values()).filter(own));
        }
      })
      .catch(function () { /* the next poll tries again */ });
  }

  function pollCold() {
    fetch('/api/v1/cold-weather', { credentials: 'same-origin', headers: { 'X-Opvang-Background': '1' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        cold = state;
        if (locations.size > 0) {
          renderNood(Array.from(locations.values()).filter(own));
        }
      })
      .catch(function () { /* the next poll tries again */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!document.getElementById('vo-places')) {
      return;
    }
    opvang.session().then(function (who) {
      role = who.role || null;
      // CT opens /vo for the requests only: its overview of places is the CT page.
      if (role !== 'vo_desk' && role !== 'night_staff') {
        return;
      }
      pollCold();
      setInterval(pollCold, COLD_POLL_MS);
      if (role === 'vo_desk') {
        pollNood();
        setInterval(pollNood, NOOD_POLL_MS);
      }
      var source = opvang.stream('/api/v1/availability/stream');
      source.addEventListener('snapshot', function (event) {
        locations.clear();
        JSON.parse(event.data).locations.forEach(function (entry) { locations.set(entry.code, entry); });
        render();
      });
      source.addEventListener('location', function (event) {
        var entry = JSON.parse(event.data);
        locations.set(entry.code, entry);
        render();
      });
    });
  });
}());
