// Cold-weather mode (koudweerregeling, docs/DESIGN.md §4) on the hub's pages: the banner "Koudweerregeling actief tot
// …" on the CT page (/ and /ct) and the Veilig Thuis page (/vt), and on the CT page the switch (end time, locations,
// reason; on, extend, off) with per location whether its node confirmed. Reads GET /api/v1/cold-weather every few
// seconds as a background request (not use of the session). Text through textContent only.
'use strict';

(function () {
  var ZONE = 'Europe/Amsterdam';
  var POLL_MS = 5000;
  var DAY = new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'short' });
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
  var PARTS = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  var element = opvang.element;
  var banner, section, form, until, untilText, sites, reason, onButton, offButton, message, nodes, stateLine;
  // Whether CT has changed the form since it was last filled: a poll then leaves the fields alone.
  var edited = false;
  var shownSites = '';
  var current = null;

  // "di 8 dec 12:00" in Amersfoort's time, whatever the browser's zone.
  function when(iso) {
    var date = new Date(iso);
    return DAY.format(date).replace('.', '') + ' ' + TIME.format(date);
  }

  // The value of a datetime-local field for an instant, in Amersfoort's time.
  function local(iso) {
    var parts = {};
    PARTS.formatToParts(new Date(iso)).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + '-' + parts.month + '-' + parts.day + 'T' + parts.hour + ':' + parts.minute;
  }

  function load() {
    fetch('/api/v1/cold-weather', { credentials: 'same-origin', headers: { 'X-Opvang-Background': '1' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { if (state) { render(state); } })
      .catch(function () { /* the next poll tries again; the page's own status line tells about the connection */ });
  }

  function render(state) {
    current = state;
    var text = state.active ? opvang.capitalised(opvang.word('coldweather')) + ' actief tot ' + when(state.until) : '';
    banner.hidden = !state.active;
    // A live region: written only when it changes, so that a screen reader does not repeat it at every poll.
    if (banner.textContent !== text) {
      banner.textContent = text;
    }
    if (section && state.maySwitch) {
      renderSwitch(state);
    }
  }

  function renderSwitch(state) {
    section.hidden = false;
    if (state.active) {
      stateLine.textContent = 'Aan tot ' + when(state.until) + ' · reden: ' + state.reason;
    } else {
      var last = state.history && state.history[0];
      stateLine.textContent = 'Uit.' + (last && last.endedAt ? ' Laatst aan tot ' + when(last.endedAt) + ' (' + last.endReason + ').' : '');
    }
    onButton.textContent = state.active ? 'Verlengen' : 'Aanzetten';
    offButton.hidden = !state.active;
    until.max = local(state.latestUntil);
    var signature = JSON.stringify(state.locations);
    if (signature !== shownSites) {
      shownSites = signature;
      renderSites(state.locations);
      edited = false;
    }
    if (!edited) {
      fill(state);
    }
    renderNodes(state.nodes);
  }

  function renderSites(locations) {
    sites.textContent = '';
    locations.forEach(function (location) {
      var label = element('label', 'site');
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'sites';
      box.value = location.code;
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + location.name + ' (' + location.noodbedden + ' '
        + opvang.kind('nood', location.noodbedden) + ')'));
      sites.appendChild(label);
    });
  }

  // The end time in words under the field, whose own format follows the browser's language, not the page's.
  function describeUntil() {
    var chosen = until.value ? new Date(until.value) : null;
    untilText.textContent = chosen && !isNaN(chosen.getTime()) ? 'Nederlandse tijd: ' + untilWords(until.value) : '';
  }

  // "di 8 dec 12:00" for a datetime-local value, which is already Amersfoort's time.
  function untilWords(value) {
    var date = new Date(value + ':00Z');
    var words = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
    return words.format(date).replace('.', '') + ' ' + value.slice(11, 16);
  }

  // The fields as the state says: the current end time and locations while on, the defaults while off.
  function fill(state) {
    until.value = local(state.active ? state.until : state.defaultUntil);
    var chosen = state.active ? state.sites : state.locations.map(function (location) { return location.code; });
    sites.querySelectorAll('input').forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
    describeUntil();
  }

  function renderNodes(list) {
    nodes.textContent = '';
    list.filter(function (node) { return node.desired || node.open; }).forEach(function (node) {
      var item = element('li', 'node ' + node.status);
      item.setAttribute('data-site', node.site);
      item.appendChild(element('span', 'node-name', node.name + ': '));
      item.appendChild(element('span', 'node-state', node.text));
      nodes.appendChild(item);
    });
    if (!nodes.firstChild) {
      nodes.appendChild(element('li', 'node closed', 'Alle noodbedden zijn gesloten.'));
    }
  }

  function send(method, body) {
    message.className = 'cold-message';
    message.textContent = 'Bezig…';
    opvang.send(method, '/api/v1/cold-weather', body).then(function (result) {
      if (!result.ok) {
        message.className = 'cold-message error';
        message.textContent = result.body.error || 'Dat lukte niet.';
        return;
      }
      edited = false;
      reason.value = '';
      render(result.body);
      message.textContent = result.body.active ? 'Koudweerregeling staat aan tot ' + when(result.body.until) + '.'
        : 'Koudweerregeling staat uit. Noodbedden sluiten zodra ze leeg zijn.';
    }).catch(function () {
      message.className = 'cold-message error';
      message.textContent = 'Kan de centrale niet bereiken. Probeer het zo opnieuw.';
    });
  }

  function switchOn(event) {
    event.preventDefault();
    var chosen = Array.from(sites.querySelectorAll('input:checked')).map(function (box) { return box.value; });
    send('POST', { until: until.value, sites: chosen, reason: reason.value });
  }

  function switchOff() {
    send('DELETE', { reason: reason.value });
  }

  document.addEventListener('DOMContentLoaded', function () {
    banner = document.getElementById('cold-weather-banner');
    if (!banner) {
      return;
    }
    section = document.getElementById('cold-weather');
    if (section) {
      form = document.getElementById('cold-weather-form');
      until = document.getElementById('cold-weather-until');
      untilText = document.getElementById('cold-weather-until-text');
      sites = document.getElementById('cold-weather-sites');
      reason = document.getElementById('cold-weather-reason');
      onButton = document.getElementById('cold-weather-on');
      offButton = document.getElementById('cold-weather-off');
      message = document.getElementById('cold-weather-message');
      nodes = document.getElementById('cold-weather-nodes');
      stateLine = document.getElementById('cold-weather-state');
      form.addEventListener('submit', switchOn);
      offButton.addEventListener('click', switchOff);
      until.addEventListener('input', function () { edited = true; describeUntil(); });
      sites.addEventListener('change', function () { edited = true; });
    }
    load();
    setInterval(load, POLL_MS);
  });
}());
