// CT dashboard: live free places per location. Every text from the server goes in through textContent, never as HTML.
'use strict';

(function () {
  var element = opvang.element;
  var word = opvang.word;
  var KINDS = ['regular', 'crisis', 'nood', 'opstart', 'family'];
  // Target groups in the hub's order (nl.opvang.hub.location.TargetGroup); words are group.<name>.
  var GROUPS = ['men', 'women', 'families', 'young_mothers', 'under_18', 'age_18_23', 'trafficking', 'addiction',
    'pets', 'wheelchair'];
  var RANK = { live: 0, stale: 1, offline: 2 };
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  var DAY = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'short' });
  var DATE_KEY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

  var locations = new Map();
  // The hub's clock minus this device's, from the last snapshot: ages stay right on a phone whose clock is off.
  var skew = 0;
  var rows = new Map();
  // Whether the caller may ask for a place (CT, Veilig Thuis): the VO desk and night staff see no "Aanvragen" button.
  var mayRequest = false;
  var body, totals, connection, municipalityFilter, kindFilter, groupFilter, empty, table;

  // Whom a kind's places are for: its own groups where the region file says so, else the location's.
  function groupsOf(entry, places) {
    return (places && places.groups) || entry.groups || [];
  }

  function groupWords(groups) {
    return groups.map(function (group) { return word('group.' + group); }).join(', ');
  }

  // Whether the location has places of the chosen kind (any when none is chosen) for the chosen group.
  function fits(entry, kind, group) {
    return entry.kinds.some(function (places) {
      return (!kind || places.kind === kind) && (!group || groupsOf(entry, places).indexOf(group) >= 0);
    });
  }

  function kindOf(entry, kind) {
    for (var i = 0; i < entry.kinds.length; i++) {
      if (entry.kinds[i].kind === kind) {
        return entry.kinds[i];
      }
    }
    return null;
  }

  function freeOf(entry, kind) {
    var sum = 0;
    entry.kinds.forEach(function (each) {
      if (!kind || each.kind === kind) {
        sum += each.free;
      }
    });
    return sum;
  }

  function now() {
    return Date.now() + skew;
  }

  // Freshness in words (docs/DESIGN.md §6): "live", "laatst bevestigd 2 min geleden", "geen contact sinds 23:05".
  function age(iso) {
    var minutes = Math.max(0, Math.floor((now() - Date.parse(iso)) / 60000));
    if (minutes < 1) {
      return 'zojuist';
    }
    if (minutes < 60) {
      return minutes + ' min geleden';
    }
    var hours = Math.floor(minutes / 60);
    return hours < 24 ? hours + ' uur geleden' : 'op ' + DAY.format(new Date(iso));
  }

  function since(iso) {
    var date = new Date(iso);
    var sameDay = DATE_KEY.format(date) === DATE_KEY.format(new Date(now()));
    return sameDay ? TIME.format(date) : DAY.format(date) + ' ' + TIME.format(date);
  }

  function freshnessText(entry) {
    if (entry.freshness === 'live') {
      return word('freshness.live');
    }
    if (!entry.lastConfirmedAt) {
      return word('freshness.offline');
    }
    if (entry.freshness === 'stale') {
      return word('freshness.confirmed') + ' ' + age(entry.lastConfirmedAt);
    }
    return word('freshness.offline-since') + ' ' + since(entry.lastConfirmedAt);
  }

  function kindCell(entry, kind) {
    var cell = element('td', 'count');
    cell.setAttribute('data-kind', kind);
    cell.setAttribute('data-label', opvang.capitalised(opvang.kind(kind)));
    var places = kindOf(entry, kind);
    if (!places) {
      cell.classList.add('absent');
      cell.appendChild(element('span', null, '—')).setAttribute('aria-hidden', 'true');
      cell.appendChild(element('span', 'sr-only', 'geen'));
      return cell;
    }
    var group = groupFilter.value;
    if (group && groupsOf(entry, places).indexOf(group) < 0) {
      cell.classList.add('absent');
      cell.appendChild(element('span', 'where', 'niet voor ' + word('group.' + group)));
      return cell;
    }
    if (places.groups) {
      // This kind is for other groups than the location's: say for whom, under the figures.
      cell.setAttribute('data-groups', places.groups.join(' '));
    }
    if (places.capacity === 0) {
      cell.appendChild(element('span', 'closed', word('count.closed')));
      addKindGroups(cell, places);
      return cell;
    }
    if (entry.freshness !== 'live') {
      // Not confirmed now: never shown as free (docs/DESIGN.md §3). The last figure, greyed; its age is in the row.
      cell.appendChild(element('span', 'lastknown', word('count.last-known') + ': ' + places.lastKnownFree));
      addKindGroups(cell, places);
      return cell;
    }
    var line = element('span', null);
    line.appendChild(element('span', 'free', String(places.free)));
    line.appendChild(document.createTextNode(' ' + word('status.free')));
    cell.appendChild(line);
    var details = ['van ' + places.capacity];
    if (places.held > 0) {
      details.push(places.held + ' ' + word('status.held'));
    }
    if (places.cleaning > 0) {
      details.push(places.cleaning + ' ' + word('status.cleaning'));
    }
    if (places.outOfService > 0) {
      details.push(places.outOfService + ' ' + word('status.out_of_service'));
    }
    // Noodbedden are counted apart, with the time they were opened and until when (docs/DESIGN.md §4).
    if (places.openSince) {
      details.push(word('count.open-since') + ' ' + since(places.openSince));
    }
    if (places.openUntil) {
      details.push(word('count.open-until') + ' ' + since(places.openUntil));
    }
    cell.appendChild(element('span', 'where', details.join(' · ')));
    addKindGroups(cell, places);
    return cell;
  }

  function addKindGroups(cell, places) {
    if (places.groups) {
      cell.appendChild(element('span', 'groups', 'voor ' + groupWords(places.groups)));
    }
  }

  // "Vrouwenopvang · voor vrouwen, gezinnen": the domain and whom the location is for, in words.
  function audienceText(entry) {
    var parts = [];
    if (entry.domain) {
      parts.push(opvang.capitalised(word('domain.' + entry.domain)));
    }
    if (entry.groups && entry.groups.length) {
      parts.push('voor ' + groupWords(entry.groups));
    }
    return parts.join(' · ');
  }

  function fillRow(row, entry) {
    row.replaceChildren();
    row.setAttribute('data-freshness', entry.freshness);
    row.classList.toggle('not-live', entry.freshness !== 'live');
    var name = element('th', 'name');
    name.setAttribute('scope', 'row');
    name.appendChild(document.createTextNode(entry.name));
    if (entry.secret) {
      name.appendChild(element('span', 'secret', '(adres geheim)'));
    }
    name.appendChild(element('span', 'where', entry.municipality));
    var audience = audienceText(entry);
    if (audience) {
      name.appendChild(element('span', 'groups', audience));
    }
    row.appendChild(name);
    KINDS.forEach(function (kind) {
      row.appendChild(kindCell(entry, kind));
    });
    var status = element('td', 'status');
    status.setAttribute('data-label', 'Laatst bevestigd');
    status.appendChild(element('span', 'freshness ' + entry.freshness, freshnessText(entry)));
    row.appendChild(status);
    var phone = element('td', 'phone');
    phone.setAttribute('data-label', 'Telefoon');
    if (entry.phone) {
      phone.appendChild(opvang.phoneLink(entry.phone));
    }
    row.appendChild(phone);
    if (!mayRequest) {
      return;
    }
    var request = element('td', 'request');
    request.setAttribute('data-label', 'Aanvraag');
    // A hold in two clicks (docs/DESIGN.md §6): this button, then the kind of place (holds-ct.js asks which).
    if (entry.freshness === 'live' && freeOf(entry, null) > 0) {
      var ask = element('button', null, 'Aanvragen');
      ask.type = 'button';
      ask.setAttribute('aria-label', 'Aanvragen bij ' + entry.name);
      ask.addEventListener('click', function () {
        document.dispatchEvent(new CustomEvent('opvang:request', { detail: locations.get(entry.code) }));
      });
      request.appendChild(ask);
    }
    row.appendChild(request);
  }

  function upsert(entry) {
    locations.set(entry.code, entry);
    var row = rows.get(entry.code);
    if (!row) {
      row = element('tr');
      row.setAttribute('data-code', entry.code);
      rows.set(entry.code, row);
      body.appendChild(row);
    }
    fillRow(row, entry);
  }

  function compare(kind) {
    return function (a, b) {
      return (RANK[a.freshness] - RANK[b.freshness]) || (freeOf(b, kind) - freeOf(a, kind))
        || a.name.localeCompare(b.name, 'nl');
    };
  }

  // Re-orders rows only when the order changed, so that a focused link keeps its focus during live updates.
  function sortRows() {
    var kind = kindFilter.value;
    var sorted = Array.from(locations.values()).sort(compare(kind));
    var current = Array.from(body.children).map(function (row) { return row.getAttribute('data-code'); });
    var wanted = sorted.map(function (entry) { return entry.code; });
    if (current.join('\n') !== wanted.join('\n')) {
      wanted.forEach(function (code) { body.appendChild(rows.get(code)); });
    }
  }

  function applyFilters() {
    var municipality = municipalityFilter.value;
    var kind = kindFilter.value;
    var group = groupFilter.value;
    var visible = 0;
    locations.forEach(function (entry, code) {
      var shown = (!municipality || entry.municipality === municipality) && fits(entry, kind, group);
      rows.get(code).hidden = !shown;
      visible += shown ? 1 : 0;
    });
    var present = KINDS.filter(function (each) {
      return Array.from(locations.values()).some(function (entry) { return kindOf(entry, each) !== null; });
    });
    table.querySelectorAll('[data-kind]').forEach(function (cell) {
      var column = cell.getAttribute('data-kind');
      cell.hidden = kind ? column !== kind : present.indexOf(column) < 0;
    });
    empty.hidden = visible > 0;
  }

  function renderTotals() {
    var free = {};
    var capacity = {};
    var notLive = 0;
    locations.forEach(function (entry) {
      if (entry.freshness !== 'live') {
        notLive++;
      }
      entry.kinds.forEach(function (each) {
        free[each.kind] = (free[each.kind] || 0) + each.free;
        capacity[each.kind] = (capacity[each.kind] || 0) + each.capacity;
      });
    });
    var parts = [];
    KINDS.forEach(function (kind) {
      if (capacity[kind] === undefined) {
        return;
      }
      if (kind === 'nood' && capacity[kind] === 0) {
        parts.push(opvang.kind(kind, 0) + ' ' + word('count.closed'));
        return;
      }
      parts.push(free[kind] + ' ' + opvang.kind(kind, free[kind]));
    });
    var text = 'Vannacht vrij: ' + (parts.length ? parts.join(' · ') : 'geen plekken bekend');
    if (notLive > 0) {
      text += ' (' + notLive + (notLive === 1 ? ' locatie' : ' locaties') + ' zonder live contact tellen niet mee)';
    }
    totals.textContent = text;
  }

  function renderMunicipalities() {
    var chosen = municipalityFilter.value;
    var names = Array.from(new Set(Array.from(locations.values()).map(function (entry) { return entry.municipality; })))
      .sort(function (a, b) { return a.localeCompare(b, 'nl'); });
    var existing = Array.from(municipalityFilter.options).slice(1).map(function (option) { return option.value; });
    if (existing.join('\n') === names.join('\n')) {
      return;
    }
    while (municipalityFilter.options.length > 1) {
      municipalityFilter.remove(1);
    }
    names.forEach(function (name) {
      var option = element('option', null, name);
      option.value = name;
      municipalityFilter.appendChild(option);
    });
    municipalityFilter.value = names.indexOf(chosen) >= 0 ? chosen : '';
  }

  // The groups some location is for, in the hub's order; the chosen one stays while it exists.
  function renderGroups() {
    var chosen = groupFilter.value;
    var present = GROUPS.filter(function (group) {
      return Array.from(locations.values()).some(function (entry) { return fits(entry, null, group); });
    });
    var existing = Array.from(groupFilter.options).slice(1).map(function (option) { return option.value; });
    if (existing.join('\n') === present.join('\n')) {
      return;
    }
    while (groupFilter.options.length > 1) {
      groupFilter.remove(1);
    }
    present.forEach(function (group) {
      var option = element('option', null, opvang.capitalised(word('group.' + group)));
      option.value = group;
      groupFilter.appendChild(option);
    });
    groupFilter.value = present.indexOf(chosen) >= 0 ? chosen : '';
  }

  function render() {
    renderMunicipalities();
    renderGroups();
    renderTotals();
    sortRows();
    applyFilters();
    // The alerts (ct-alerts.js) are derived from the same figures.
    document.dispatchEvent(new CustomEvent('opvang:locations',
      { detail: { locations: Array.from(locations.values()), skew: skew } }));
  }

  function renderAges() {
    locations.forEach(function (entry, code) {
      var label = rows.get(code).querySelector('.freshness');
      if (label) {
        label.textContent = freshnessText(entry);
      }
    });
  }

  function setConnection(live) {
    // The banner of page.js says since when the hub is away; this line only says what happens meanwhile.
    var text = live ? 'Live verbonden met de centrale.' : 'Opnieuw verbinden met de centrale…';
    if (connection.textContent !== text) {
      connection.textContent = text;
    }
    connection.classList.toggle('lost', !live);
  }

  function connect() {
    var source = opvang.stream('/api/v1/availability/stream');
    source.addEventListener('snapshot', function (event) {
      var answer = JSON.parse(event.data);
      skew = Date.parse(answer.generatedAt) - Date.now();
      var codes = new Set(answer.locations.map(function (entry) { return entry.code; }));
      Array.from(rows.keys()).forEach(function (code) {
        if (!codes.has(code)) {
          rows.get(code).remove();
          rows.delete(code);
          locations.delete(code);
        }
      });
      answer.locations.forEach(upsert);
      render();
      setConnection(true);
    });
    source.addEventListener('location', function (event) {
      upsert(JSON.parse(event.data));
      render();
    });
    source.addEventListener('error', function () {
      setConnection(false);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    body = document.getElementById('rows');
    totals = document.getElementById('totals');
    connection = document.getElementById('connection');
    municipalityFilter = document.getElementById('filter-municipality');
    kindFilter = document.getElementById('filter-kind');
    groupFilter = document.getElementById('filter-group');
    empty = document.getElementById('empty');
    table = document.getElementById('locations');
    municipalityFilter.addEventListener('change', render);
    kindFilter.addEventListener('change', render);
    groupFilter.addEventListener('change', function () {
      // The kind cells say which kinds are not for the chosen group: fill the rows again.
      locations.forEach(function (entry) { fillRow(rows.get(entry.code), entry); });
      render();
    });
    document.getElementById('filters').addEventListener('submit', function (event) { event.preventDefault(); });
    setInterval(renderAges, 10000);
    opvang.session().then(function (session) {
      mayRequest = session.role === 'ct';
      if (!mayRequest) {
        table.querySelector('thead th:last-child').remove();
      }
      connect();
    });
  });
}());
