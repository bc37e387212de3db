// CT page, "Capaciteit" (issue #13): the capacity calendar — what changes when, planned / geldt nu / afgelopen, and
// whether the location confirmed it — a form to plan a change and a button to withdraw one. Shown only when the hub
// answers /api/v1/capacity-changes for this account. Text through textContent only (opvang.element).
'use strict';

(function () {
  var element = opvang.element;
  var WHEN = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', weekday: 'short', day: 'numeric',
    month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  // Ended and withdrawn changes stay on the calendar this long after they stopped.
  var KEEP_MS = 30 * 24 * 60 * 60 * 1000;
  var section, list, none, dates, form, site, kind, number, hint, message;
  var sites = [];
  var shownCalendar = '';

  function when(text) {
    return WHEN.format(new Date(text));
  }

  function stateLine(change) {
    var text = opvang.capitalised(opvang.word('capacity.' + change.state, change.state));
    var className = 'capacity-state';
    if (change.state === 'active') {
      text += ' — ' + opvang.word(change.confirmed ? 'capacity.confirmed' : 'capacity.unconfirmed');
      if (!change.confirmed && change.reported !== null) {
        text += ' (de locatie meldt nu ' + change.reported + ')';
      }
      className += change.confirmed ? ' confirmed' : ' unconfirmed';
    } else if (change.state === 'cancelled' && change.cancelledBy) {
      text += ' door ' + change.cancelledBy;
    }
    return element('span', className, text);
  }

  function item(change) {
    var li = element('li', change.state + (change.state === 'active' && !change.confirmed ? ' unconfirmed' : ''));
    li.setAttribute('data-change', String(change.id));
    li.appendChild(element('span', 'capacity-what', change.name + ' · ' + opvang.kind(change.kind, 2) + ': '
      + change.configured + ' → ' + change.capacity));
    li.appendChild(element('span', 'capacity-when', 'Van ' + when(change.from)
      + (change.until ? ' tot ' + when(change.until) : ', tot intrekken')));
    li.appendChild(stateLine(change));
    li.appendChild(element('span', 'capacity-why', 'Reden: ' + change.reason + ' (' + change.createdBy + ')'));
    if (change.state === 'planned' || change.state === 'active') {
      var cancel = element('button', 'secondary', 'Intrekken');
      cancel.type = 'button';
      cancel.setAttribute('aria-label', 'Wijziging ' + change.name + ' ' + opvang.kind(change.kind, 2) + ' intrekken');
      cancel.addEventListener('click', function () { withdraw(change); });
      li.appendChild(cancel);
    }
    return li;
  }

  function render(calendar) {
    // Redrawn only when something changed, so that a button in focus keeps its focus between the looks every 10 s.
    var drawn = JSON.stringify([calendar.changes, calendar.dates]);
    if (drawn === shownCalendar) {
      return;
    }
    shownCalendar = drawn;
    var now = Date.parse(calendar.generatedAt);
    list.textContent = '';
    var shown = calendar.changes.filter(function (change) {
      var stopped = change.cancelledAt || change.until;
      return change.state === 'planned' || change.state === 'active' || !stopped || now - Date.parse(stopped) < KEEP_MS;
    });
    shown.forEach(function (change) { list.appendChild(item(change)); });
    none.hidden = shown.length > 0;
    dates.textContent = '';
    calendar.dates.forEach(function (dated) {
      var text = dated.name + ': ';
      if (dated.opens) {
        text += (Date.parse(dated.opens) > now ? 'opent ' : 'open sinds ') + when(dated.opens);
      }
      if (dated.retired) {
        text += (dated.opens ? '; ' : '') + (dated.present ? 'sluit ' : 'gesloten sinds ') + when(dated.retired)
          + (dated.reason ? ' (' + dated.reason + ')' : '');
      }
      var li = element('li', dated.present ? 'planned' : 'ended', text);
      li.setAttribute('data-site', dated.site);
      dates.appendChild(li);
    });
    document.getElementById('capacity-dates-title').hidden = calendar.dates.length === 0;
    if (!sites.length) {
      sites = calendar.sites;
      fillSites();
    }
  }

  function fillSites() {
    site.textContent = '';
    sites.forEach(function (each) {
      var option = element('option', null, each.name);
      option.value = each.code;
      site.appendChild(option);
    });
    fillKinds();
  }

  function fillKinds() {
    var chosen = sites.filter(function (each) { return each.code === site.value; })[0];
    kind.textContent = '';
    (chosen ? chosen.kinds : []).forEach(function (each) {
      var option = element('option', null, opvang.capitalised(opvang.kind(each.kind, 2)));
      option.value = each.kind;
      kind.appendChild(option);
    });
    showHint();
  }

  function showHint() {
    var chosen = sites.filter(function (each) { return each.code === site.value; })[0];
    var places = chosen && chosen.kinds.filter(function (each) { return each.kind === kind.value; })[0];
    hint.textContent = places ? 'Ingesteld: ' + places.configured + (places.beds ? ' bedden (meer kan niet).'
      : ' ' + opvang.kind(places.kind, places.configured) + '.') : '';
    if (places) {
      number.max = String(places.configured);
    }
  }

  function load() {
    return fetch('/api/v1/capacity-changes', { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (calendar) {
        if (calendar) {
          section.hidden = false;
          render(calendar);
        }
      })
      .catch(function () { /* The live table says when the hub cannot be reached. */ });
  }

  function withdraw(change) {
    message.textContent = 'Wijziging wordt ingetrokken…';
    opvang.send('DELETE', '/api/v1/capacity-changes/' + encodeURIComponent(change.id),
      { reason: 'Ingetrokken op de CT-pagina' })
      .then(function (answer) {
        message.textContent = answer.status === 200 ? 'Ingetrokken: ' + change.name + ', '
          + opvang.kind(change.kind, 2) + '.' : (answer.body.error || 'Intrekken is niet gelukt.');
        return load();
      })
      .catch(function () { message.textContent = 'Kan de centrale niet bereiken. Probeer het zo nog eens.'; });
  }

  function plan(event) {
    event.preventDefault();
    var from = document.getElementById('capacity-from').value;
    var until = document.getElementById('capacity-until').value;
    message.textContent = 'Wijziging wordt gepland…';
    opvang.send('POST', '/api/v1/capacity-changes', {
      site: site.value,
      kind: kind.value,
      capacity: number.value === '' ? null : Number(number.value),
      from: from || null,
      until: until || null,
      reason: document.getElementById('capacity-reason').value
    }).then(function (answer) {
      if (answer.status === 201) {
        message.textContent = 'Gepland: ' + answer.body.name + ', ' + opvang.kind(answer.body.kind, 2) + ' → '
          + answer.body.capacity + '. De locatie krijgt hem zodra hij ingaat.';
        form.reset();
        fillSites();
      } else {
        message.textContent = answer.body.error || 'Plannen is niet gelukt.';
      }
      return load();
    }).catch(function () { message.textContent = 'Kan de centrale niet bereiken. Probeer het zo nog eens.'; });
  }

  document.addEventListener('DOMContentLoaded', function () {
    section = document.getElementById('capacity');
    if (!section) {
      return;
    }
    list = document.getElementById('capacity-list');
    none = document.getElementById('no-capacity');
    dates = document.getElementById('capacity-dates');
    form = document.getElementById('capacity-form');
    site = document.getElementById('capacity-site');
    kind = document.getElementById('capacity-kind');
    number = document.getElementById('capacity-number');
    hint = document.getElementById('capacity-number-hint');
    message = document.getElementById('capacity-message');
    site.addEventListener('change', fillKinds);
    kind.addEventListener('change', showHint);
    form.addEventListener('submit', plan);
    load();
    // Whether the location confirmed, and changes that start or end: looked at again every ten seconds.
    window.setInterval(load, 10000);
  });
}());
