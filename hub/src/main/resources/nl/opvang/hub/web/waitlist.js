// CT: the waiting list (docs/DESIGN.md §4). Counts per kind and "langer dan 3 maanden", everyone waiting with the days
// waited (longest first), "Aanbieden" when a place of that kind is free at a live location, closing with a reason, and a
// small form to add someone. No names: the hub gives a reference that the CT writes in its own file. Refreshed when the
// live figures (ct.js) or the requests (holds-ct.js) change. Text through textContent only.
'use strict';

(function () {
  var element = opvang.element;
  var DATE = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  var NEEDS = ['regular', 'crisis', 'opstart', 'family', 'mo', 'bw_so', 'bw_hg'];
  var PRIORITIES = ['normal', 'high', 'urgent'];
  var EXEMPTIONS = ['voorkeursplek', 'time_out', 'respijt'];
  var REASONS = ['placed_elsewhere', 'no_longer_needed', 'left_region', 'no_contact', 'other'];
  var section, summary, counts, list, none, message, form;
  var timer = null;
  var loaded = false;
  // The page is also the placers' (Veilig Thuis, VO desk, night staff); the list is the CT's only: shown when the hub
  // answers, and left alone for good after a 403.
  var allowed = true;

  function days(count) {
    return count + (count === 1 ? ' dag' : ' dagen');
  }

  function option(select, value, text) {
    var item = element('option', null, text);
    item.value = value;
    select.appendChild(item);
  }

  function renderCounts(overview) {
    summary.textContent = 'Op de wachtlijst: ' + overview.open + ' · langer dan 3 maanden: ' + overview.overThreeMonths
      + (overview.exempted > 0 ? ' · met uitzondering (telt niet mee): ' + overview.exempted : '');
    summary.classList.toggle('over', overview.overThreeMonths > 0);
    counts.textContent = '';
    overview.counts.forEach(function (count) {
      var text = opvang.capitalised(opvang.word('need.' + count.need)) + ': ' + count.waiting + ' wachtend'
        + (count.offered > 0 ? ', ' + count.offered + ' aangeboden' : '')
        + (count.overThreeMonths > 0 ? ', ' + count.overThreeMonths + ' langer dan 3 maanden' : '')
        + (count.free === null ? '' : ' — nu vrij: ' + count.free);
      var item = element('li', null, text);
      item.setAttribute('data-need', count.need);
      counts.appendChild(item);
    });
  }

  function closer(entry) {
    var box = element('details', 'entry-close');
    box.appendChild(element('summary', null, 'Sluiten…'));
    var id = 'close-' + entry.id;
    var label = element('label', null, 'Reden');
    label.setAttribute('for', id);
    var reasons = element('select');
    reasons.id = id;
    REASONS.forEach(function (reason) { option(reasons, reason, opvang.word('close.' + reason)); });
    var button = element('button', 'secondary', 'Inschrijving sluiten');
    button.type = 'button';
    button.addEventListener('click', function () {
      act(opvang.send('POST', '/api/v1/waitlist/' + encodeURIComponent(entry.id) + '/close', { reason: reasons.value }),
        'Inschrijving ' + entry.reference + ' gesloten: ' + opvang.word('close.' + reasons.value) + '.');
    });
    box.appendChild(label);
    box.appendChild(reasons);
    box.appendChild(button);
    return box;
  }

  function renderEntry(entry) {
    var item = element('li', 'entry' + (entry.overThreeMonths ? ' over' : ''));
    item.setAttribute('data-entry', entry.id);
    var head = element('p', 'entry-head');
    head.appendChild(element('strong', 'reference', entry.reference));
    head.appendChild(document.createTextNode(' · ' + opvang.word('need.' + entry.need)));
    item.appendChild(head);
    var age = element('p', 'entry-age', days(entry.daysWaited) + ' gewacht');
    if (entry.priority === 'urgent') {
      age.appendChild(element('span', 'flag urgent', opvang.word('priority.urgent')));
    }
    if (entry.overThreeMonths) {
      age.appendChild(element('span', 'flag over', 'langer dan 3 maanden'));
    } else if (entry.exemption) {
      age.appendChild(element('span', 'flag exempt', 'uitzondering: ' + opvang.word('exemption.' + entry.exemption)
        + (entry.pastThreeMonths ? ' (telt niet mee)' : '')));
    }
    item.appendChild(age);
    item.appendChild(element('p', 'entry-meta', 'Prioriteit ' + opvang.word('priority.' + entry.priority)
      + ' · herkomst ' + entry.origin + ' · besluit ' + DATE.format(new Date(entry.decidedOn + 'T00:00:00Z'))
      + (entry.state === 'offered' ? ' · ' + opvang.word('waitlist.offered') + ' (zie Aanvragen)' : '')));
    var actions = element('div', 'entry-actions');
    if (entry.offerable) {
      if (entry.next) {
        actions.appendChild(element('span', 'flag next', 'Wacht het langst op een ' + opvang.kind(entry.need)));
      }
      var offer = element('button', null, 'Aanbieden');
      offer.type = 'button';
      offer.setAttribute('aria-label', 'Aanbieden aan ' + entry.reference + ': ' + opvang.kind(entry.need));
      offer.addEventListener('click', function () {
        act(opvang.send('POST', '/api/v1/waitlist/' + encodeURIComponent(entry.id) + '/offer', {}),
          'Plek aangeboden voor ' + entry.reference + ': aanvraag verstuurd. Het antwoord verschijnt bij Aanvragen.');
      });
      actions.appendChild(offer);
    }
    if (entry.state === 'waiting') {
      actions.appendChild(closer(entry));
    }
    item.appendChild(actions);
    return item;
  }

  function render(overview) {
    renderCounts(overview);
    list.textContent = '';
    overview.entries.forEach(function (entry) { list.appendChild(renderEntry(entry)); });
    none.hidden = overview.entries.length > 0;
    if (!loaded) {
      var origin = document.getElementById('waitlist-origin');
      overview.origins.forEach(function (name) { option(origin, name, name); });
      origin.value = 'onbekend';
      loaded = true;
    }
  }

  function load() {
    timer = null;
    return fetch('/api/v1/waitlist', { credentials: 'same-origin' })
      .then(function (response) {
        allowed = response.status !== 403;
        section.setAttribute('data-answer', String(response.status));
        return response.ok ? response.json() : null;
      })
      .then(function (overview) {
        if (overview) {
          render(overview);
          section.hidden = false;
        }
      })
      .catch(function () {
        summary.textContent = 'Kan de wachtlijst nu niet laden. Probeer het zo opnieuw.';
        section.hidden = !allowed;
      });
  }

  // Live figures arrive often: one reload at most every two seconds, and none while the CT is choosing a reason to
  // close an entry (a reload would close that box and lose the choice under their hands): it waits until they are done.
  function soon() {
    if (summary && allowed && timer === null) {
      timer = window.setTimeout(refresh, 2000);
    }
  }

  function refresh() {
    timer = null;
    if (list.querySelector('details[open]')) {
      soon();
      return;
    }
    load();
  }

  function act(request, success) {
    message.textContent = 'Bezig…';
    message.classList.remove('error');
    return request.then(function (answer) {
      if (answer.status === 200 || answer.status === 201) {
        message.textContent = typeof success === 'function' ? success(answer.body) : success;
      } else {
        message.textContent = answer.body.error || 'Dat is niet gelukt.';
        message.classList.add('error');
      }
      return load();
    }).catch(function () {
      message.textContent = 'Kan de centrale niet bereiken. Probeer het zo opnieuw.';
      message.classList.add('error');
    });
  }

  function fillForm() {
    var need = document.getElementById('waitlist-need');
    NEEDS.forEach(function (value) { option(need, value, opvang.capitalised(opvang.word('need.' + value))); });
    var priority = document.getElementById('waitlist-priority');
    PRIORITIES.forEach(function (value) { option(priority, value, opvang.word('priority.' + value)); });
    var exemption = document.getElementById('waitlist-exemption');
    option(exemption, '', 'geen');
    EXEMPTIONS.forEach(function (value) { option(exemption, value, opvang.word('exemption.' + value)); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = {
        need: need.value, decidedOn: document.getElementById('waitlist-decided').value, priority: priority.value,
        origin: document.getElementById('waitlist-origin').value, exemption: exemption.value || null
      };
      act(opvang.send('POST', '/api/v1/waitlist', body), function (entry) {
        form.reset();
        document.getElementById('waitlist-origin').value = 'onbekend';
        return 'Op de wachtlijst gezet met kenmerk ' + entry.reference + '. Zet dit kenmerk in het dossier.';
      });
    });
  }

  document.addEventListener('opvang:locations', soon);
  document.addEventListener('opvang:holds', soon);

  document.addEventListener('DOMContentLoaded', function () {
    section = document.getElementById('waitlist');
    summary = document.getElementById('waitlist-summary');
    counts = document.getElementById('waitlist-counts');
    list = document.getElementById('waitlist-list');
    none = document.getElementById('no-waitlist');
    message = document.getElementById('waitlist-message');
    form = document.getElementById('waitlist-form');
    if (!summary) {
      return;
    }
    fillForm();
    load();
  });
}());
