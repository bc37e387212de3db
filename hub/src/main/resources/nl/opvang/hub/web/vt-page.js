// Veilig Thuis: the vrouwenopvang's places for the household asked about, per access desk with its 24/7 number; an
// aanmelding to that desk, then its live answer (issue 14). Never an address or a location's name: the hub does not
// send them to this role. Server text goes in through textContent only.
'use strict';

(function () {
  var element = opvang.element;
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  var referrals = new Map();
  var instructions = new Map();
  var confirming = null;
  // The aanmelding this page just sent and whose answer the message says it waits for.
  var waiting = null;
  var regionsList, referralsList, noReferrals, message, adults, children;

  function say(text, error) {
    message.textContent = text;
    message.className = error ? 'message error' : 'message';
  }

  function household() {
    return { adults: Number(adults.value || 0), children: Number(children.value || 0) };
  }

  // Loaded again whenever a desk's entry on the availability stream changes (one entry per VO access desk, issue 14),
  // and when a stream (re)connects: live without polling. Marked as background, so it does not keep an unattended
  // screen logged in (the session still ends after 30 minutes without a click or a typed request).
  var UNREACHABLE = 'Kan de centrale niet bereiken. Bel het 24/7-nummer van de vrouwenopvang.';
  function loadRegions() {
    var asked = household();
    fetch('/api/v1/crisis-places?adults=' + encodeURIComponent(adults.value) + '&children='
      + encodeURIComponent(children.value), { credentials: 'same-origin', headers: { 'X-Opvang-Background': '1' } })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (answer) {
        if (answer.ok) {
          showRegions(answer.body.regions, asked);
          if (message.textContent === UNREACHABLE) {
            say('');
          }
        } else {
          regionsList.textContent = '';
          say(answer.body.error || 'Zoeken lukte niet.', true);
        }
      })
      .catch(function () { say(UNREACHABLE, true); });
  }

  function count(number, kindName, what) {
    return number + ' ' + opvang.kind(kindName, number) + ' ' + what;
  }

  function showRegions(regions, asked) {
    // A form being filled in is kept, and so are the cards of the same desks for the same household: only their
    // numbers change whenever a desk's places change (the stream), so nothing moves under the worker's finger.
    var shown = Array.prototype.map.call(regionsList.querySelectorAll('li[data-desk]'), function (card) {
      return card.getAttribute('data-desk');
    });
    var same = regionsList.getAttribute('data-asked') === JSON.stringify(asked)
      && shown.join('\n') === regions.map(function (region) { return region.desk; }).join('\n');
    if (regionsList.querySelector('form') || same) {
      regions.forEach(function (region) {
        var card = regionsList.querySelector('li[data-desk="' + CSS.escape(region.desk) + '"]');
        if (card) {
          card.querySelector('.count').textContent = count(region.free, 'crisis', opvang.word('status.free'));
          card.querySelector('.counts').textContent = counts(region);
        }
      });
      return;
    }
    regionsList.setAttribute('data-asked', JSON.stringify(asked));
    regionsList.textContent = '';
    regions.forEach(function (region) {
      var card = element('li', 'card');
      card.setAttribute('data-desk', region.desk);
      card.appendChild(element('h2', null, region.desk + ', toegang vrouwenopvang — ' + region.name));
      card.appendChild(element('p', 'count', count(region.free, 'crisis', opvang.word('status.free'))));
      card.appendChild(element('p', 'counts', counts(region)));
      region.phones.forEach(function (phone) {
        var call = element('p', 'phone', 'Bel ');
        call.appendChild(opvang.phoneLink(phone));
        card.appendChild(call);
      });
      var ask = element('button', null, 'Aanmelden bij de vrouwenopvang');
      ask.type = 'button';
      ask.addEventListener('click', function () { form(card, region, asked); });
      card.appendChild(ask);
      regionsList.appendChild(card);
    });
  }

  function counts(region) {
    return count(region.nood, 'nood', opvang.word('status.free')) + ' · ' + count(region.toOpen, 'nood', 'te openen');
  }

  function field(parent, id, labelText, control) {
    var label = element('label', null, labelText);
    label.htmlFor = id;
    control.id = id;
    parent.appendChild(label);
    parent.appendChild(control);
    return control;
  }

  function form(card, region, asked) {
    var formElement = element('form');
    var who = asked.adults + ' volwassene' + (asked.adults === 1 ? '' : 'n') + ', ' + asked.children + ' kind'
      + (asked.children === 1 ? '' : 'eren');
    formElement.appendChild(element('p', null, 'Aanmelding voor ' + who));
    var urgency = field(formElement, 'urgency-' + region.desk, 'Hoe dringend?', element('select'));
    [['immediate', 'Direct (nu)'], ['today', 'Vandaag']].forEach(function (choice) {
      var option = element('option', null, choice[1]);
      option.value = choice[0];
      urgency.appendChild(option);
    });
    var notes = field(formElement, 'notes-' + region.desk, 'Aandachtspunten voor de veiligheid (geen namen)',
      element('textarea'));
    notes.rows = 3;
    notes.maxLength = 1000;
    var submit = element('button', null, 'Aanmelding versturen');
    submit.type = 'submit';
    var cancel = element('button', 'secondary', 'Annuleren');
    cancel.type = 'button';
    cancel.addEventListener('click', function () { formElement.remove(); loadRegions(); });
    formElement.appendChild(submit);
    formElement.appendChild(cancel);
    formElement.addEventListener('submit', function (event) {
      event.preventDefault();
      submit.disabled = true;
      say('Aanmelding wordt verstuurd…');
      opvang.send('POST', '/api/v1/referrals', { desk: region.desk, urgency: urgency.value, adults: asked.adults,
        children: asked.children, notes: notes.value }).then(function (answer) {
        submit.disabled = false;
        if (answer.status === 201) {
          formElement.remove();
          // A state, not a spinner (issue 15): sent, when, and what happens next; cleared when the answer arrives.
          waiting = answer.body.id;
          say('Aanmelding verstuurd om ' + TIME.format(answer.body.createdAt ? new Date(answer.body.createdAt) : new Date())
            + ' — wacht op antwoord van de vrouwenopvang. Het antwoord komt hieronder.');
          update(answer.body);
          loadRegions();
        } else {
          say(answer.body.error || 'De aanmelding is niet gelukt. Bel het 24/7-nummer.', true);
        }
      }).catch(function () {
        submit.disabled = false;
        say('Kan de centrale niet bereiken. Bel het 24/7-nummer.', true);
      });
    });
    card.querySelector('button').remove();
    card.appendChild(formElement);
    urgency.focus();
  }

  function update(referral) {
    var before = referrals.get(referral.id);
    referrals.set(referral.id, referral);
    if (before && before.state === 'requested' && referral.state !== 'requested') {
      opvang.notify('Antwoord vrouwenopvang');
      if (waiting === referral.id) {
        waiting = null;
        say('');
      }
    }
    if (referral.state === 'accepted' && referral.mine && !instructions.has(referral.id)) {
      fetch('/api/v1/referrals/' + encodeURIComponent(referral.id), { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (full) {
          if (full && full.instructions) {
            instructions.set(referral.id, full.instructions);
            render();
          }
        });
    }
    render();
  }

  function state(wire) {
    return opvang.capitalised(opvang.word('referral.' + wire));
  }

  function at(time) {
    return time ? ' (om ' + TIME.format(new Date(time)) + ')' : '';
  }

  function timeLine(referral) {
    var left = new Date(referral.respondBy).getTime() - Date.now();
    if (left > 0) {
      return element('p', 'muted time', 'Antwoord verwacht: ' + opvang.timeLeft(left));
    }
    var alert = element('p', 'alert time', 'Bel de vrouwenopvang: ');
    alert.setAttribute('role', 'alert');
    alert.appendChild(opvang.phoneLink(referral.phone));
    return alert;
  }

  function withdraw(referral) {
    opvang.send('DELETE', '/api/v1/referrals/' + encodeURIComponent(referral.id)).then(function (answer) {
      confirming = null;
      if (answer.ok) {
        say(referral.state === 'accepted' ? 'Ingetrokken; de plek is opgegeven.' : 'Aanmelding ingetrokken.');
        update(answer.body);
      } else {
        say(answer.body.error || 'Intrekken lukte niet.', true);
        render();
      }
    });
  }

  function withdrawControls(item, referral) {
    if (confirming === referral.id) {
      item.appendChild(element('p', 'conflict', 'De plek wordt opgegeven: de vrouwenopvang houdt hem niet meer vast'
        + ' en de instructies vervallen. Weet u het zeker?'));
      var yes = element('button', null, 'Ja, plek opgeven');
      yes.type = 'button';
      yes.addEventListener('click', function () { withdraw(referral); });
      var no = element('button', 'secondary', 'Nee, houden');
      no.type = 'button';
      no.addEventListener('click', function () { confirming = null; render(); });
      item.appendChild(yes);
      item.appendChild(no);
      return;
    }
    var button = element('button', 'secondary', 'Aanmelding intrekken');
    button.type = 'button';
    button.addEventListener('click', function () {
      if (referral.state === 'accepted') {
        confirming = referral.id;
        render();
      } else {
        withdraw(referral);
      }
    });
    item.appendChild(button);
  }

  function render() {
    referralsList.textContent = '';
    var sorted = Array.from(referrals.values()).sort(function (a, b) { return a.createdAt < b.createdAt ? 1 : -1; });
    noReferrals.hidden = sorted.length > 0;
    sorted.forEach(function (referral) {
      var item = element('li', 'card');
      item.setAttribute('data-referral', referral.id);
      var history = state('requested') + at(referral.createdAt);
      if (referral.state !== 'requested') {
        history += ' → ' + state(referral.state) + at(referral.answeredAt || referral.endedAt);
      }
      item.appendChild(element('p', 'state ' + referral.state, history));
      var call = element('p', 'muted', referral.desk + ' · ' + referral.adults + ' volw., '
        + referral.children + ' kind. · ' + opvang.word('urgency.' + referral.urgency) + ' · bel ');
      call.appendChild(opvang.phoneLink(referral.phone));
      item.appendChild(call);
      if (referral.state === 'requested') {
        item.appendChild(timeLine(referral));
      }
      if (referral.state === 'accepted' && referral.elsewhere) {
        item.appendChild(element('p', null, 'Opvang in een andere regio.'));
      }
      if (referral.state === 'accepted' && instructions.has(referral.id)) {
        item.appendChild(element('p', null, 'Wat u moet weten:'));
        item.appendChild(element('p', 'instructions', instructions.get(referral.id)));
      }
      if (referral.refusal) {
        item.appendChild(element('p', null, 'Reden: ' + referral.refusal));
      }
      if (referral.mayWithdraw) {
        withdrawControls(item, referral);
      }
      referralsList.appendChild(item);
    });
  }

  // A burst of changes (several places at once) loads the counts once.
  var pending = null;
  function deskChanged() {
    if (pending === null) {
      pending = setTimeout(function () {
        pending = null;
        loadRegions();
      }, 300);
    }
  }

  function listen() {
    var availability = opvang.stream('/api/v1/availability/stream');
    availability.addEventListener('snapshot', deskChanged);
    availability.addEventListener('location', deskChanged);
    var source = opvang.stream('/api/v1/referrals/stream');
    source.addEventListener('open', loadRegions);
    source.addEventListener('referrals', function (event) {
      JSON.parse(event.data).referrals.forEach(update);
    });
    source.addEventListener('referral', function (event) {
      update(JSON.parse(event.data));
      loadRegions();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    regionsList = document.getElementById('regions');
    referralsList = document.getElementById('referrals');
    noReferrals = document.getElementById('no-referrals');
    message = document.getElementById('message');
    adults = document.getElementById('adults');
    children = document.getElementById('children');
    document.getElementById('search').addEventListener('submit', function (event) { event.preventDefault(); });
    [adults, children].forEach(function (input) {
      input.addEventListener('input', function () {
        regionsList.textContent = '';
        loadRegions();
      });
    });
    loadRegions();
    listen();
    // The time left and the "call" alert follow the clock; only those lines change, so open forms stay.
    setInterval(function () {
      referrals.forEach(function (referral) {
        var line = referralsList.querySelector('li[data-referral="' + referral.id + '"] .time');
        if (line && referral.state === 'requested') {
          line.replaceWith(timeLine(referral));
        }
      });
    }, 15000);
  });
}());
