// CT's placement requests (docs/DESIGN.md §6, issue 15). At the top of the page every request this account made, with
// its state, reason and time left, until CT closes it ("Sluiten"); a running one can be withdrawn ("Intrekken"), an
// accepted one only after a confirmation that says the place is given up. An answer is announced with opvang.notify.
// Below the table the running requests of others (Veilig Thuis, other CT accounts). A new request in two clicks from a
// row ("Aanvragen", then the kind of place). Text goes in through textContent only.
'use strict';

(function () {
  var element = opvang.element;
  var word = opvang.word;
  var TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  // The states that answer a request: each is announced when it reaches one of CT's own requests.
  var ANSWERS = ['accepted', 'refused', 'expired'];
  var holds = new Map();
  var instructions = new Map();
  // Accepted requests whose withdrawal waits for "Ja, plek opgeven".
  var confirming = new Set();
  // What each shown item was drawn from: an item is drawn again only when that changed, so focus stays put.
  var drawn = new Map();
  // The hub's clock minus this device's (from the availability snapshot, ct.js): the time left is the hub's.
  var skew = 0;
  var mine, noMine, others, noOthers, choice, message;

  function now() {
    return Date.now() + skew;
  }

  function at(iso) {
    return TIME.format(new Date(iso));
  }

  function running(hold) {
    return hold.state === 'requested' || hold.state === 'accepted';
  }

  function left(hold) {
    return opvang.timeLeft(Date.parse(hold.expiresAt) - now());
  }

  function button(text, className, onClick) {
    var node = element('button', className, text);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }

  // "Geweigerd: geen bed schoon", "Aangevraagd · nog 1 u 59 min".
  function stateLine(hold) {
    var line = element('p', 'hold-state ' + hold.state, opvang.capitalised(word('hold.' + hold.state)));
    var reason = hold.conflict || hold.refusal;
    if (reason) {
      line.appendChild(document.createTextNode(': ' + reason));
    }
    if (running(hold)) {
      line.appendChild(document.createTextNode(' · '));
      var time = element('span', 'hold-left', left(hold));
      time.setAttribute('data-expires', hold.expiresAt);
      line.appendChild(time);
    }
    return line;
  }

  // "aangevraagd 22:00 · geaccepteerd 22:03 · ingetrokken 22:45": each step with its own time.
  function history(hold) {
    var steps = [word('hold.requested') + ' ' + at(hold.createdAt)];
    if (hold.answeredAt && hold.state !== 'refused') {
      steps.push(word('hold.accepted') + ' ' + at(hold.answeredAt));
    }
    if (hold.endedAt) {
      steps.push(word('hold.' + hold.state) + ' ' + at(hold.endedAt));
    }
    return element('p', 'hold-times', steps.join(' · '));
  }

  // Nothing of its own to show: a phone leaves out the section's heading (ct.css), so the free places come first.
  function tidy() {
    mine.parentNode.classList.toggle('nothing', mine.children.length === 0 && choice.hidden && !message.textContent);
  }

  function say(text) {
    message.textContent = text;
    tidy();
  }

  function send(method, url, done) {
    opvang.send(method, url).then(function (answer) {
      if (answer.ok) {
        done(answer.body);
      } else {
        say(answer.body.error || 'Dat is niet gelukt.');
      }
    }).catch(function () {
      say('Kan de centrale niet bereiken. Bel de locatie.');
    });
  }

  function withdraw(hold) {
    confirming.delete(hold.id);
    send('DELETE', '/api/v1/holds/' + encodeURIComponent(hold.id), function (body) {
      say('Aanvraag ingetrokken' + (hold.state === 'accepted' ? '; de plek is opgegeven.' : '.'));
      update(body, false);
      render();
    });
  }

  function close(hold) {
    send('POST', '/api/v1/holds/' + encodeURIComponent(hold.id) + '/close', function (body) {
      say('Aanvraag gesloten.');
      update(body, false);
      render();
      document.getElementById('mine-title').focus();
    });
  }

  function actions(hold) {
    var buttons = element('div', 'hold-actions');
    if (confirming.has(hold.id) && running(hold)) {
      buttons.appendChild(element('p', 'hold-confirm', word('hold.withdraw.accepted')));
      buttons.appendChild(button(word('hold.withdraw.confirm'), null, function () { withdraw(hold); }));
      buttons.appendChild(button(word('hold.keep'), 'secondary', function () {
        confirming.delete(hold.id);
        render();
        mine.querySelector('[data-hold="' + hold.id + '"] .hold-actions button').focus();
      }));
    } else if (running(hold) && hold.mayCancel) {
      buttons.appendChild(button(word('hold.withdraw'), 'secondary', function () {
        if (hold.state !== 'accepted') {
          withdraw(hold);
          return;
        }
        confirming.add(hold.id);
        render();
        // The question and both answers on screen, read out first.
        var item = mine.querySelector('[data-hold="' + hold.id + '"]');
        item.querySelector('.hold-confirm').focus({ preventScroll: true });
        item.scrollIntoView({ block: 'nearest' });
      }));
    } else if (hold.mayClose) {
      buttons.appendChild(button(word('hold.close'), 'secondary', function () { close(hold); }));
    }
    return buttons;
  }

  function ownItem(hold) {
    var item = element('li', 'hold mine');
    item.appendChild(element('p', 'hold-what', opvang.capitalised(opvang.kind(hold.kind)) + ' · ' + (hold.location || '')));
    item.appendChild(stateLine(hold));
    item.appendChild(history(hold));
    if (hold.state === 'accepted' && instructions.has(hold.id)) {
      item.appendChild(element('span', 'hold-label', 'Wat u moet weten:'));
      item.appendChild(element('span', 'instructions', instructions.get(hold.id)));
    }
    item.appendChild(actions(hold));
    var confirm = item.querySelector('.hold-confirm');
    if (confirm) {
      confirm.tabIndex = -1;
    }
    return item;
  }

  function otherItem(hold) {
    var item = element('li', 'hold other', at(hold.createdAt) + ' · ' + opvang.kind(hold.kind) + ' · '
      + (hold.location || '') + ' · ' + hold.requesterRole + ' · ' + word('hold.' + hold.state) + ' · ');
    var time = element('span', 'hold-left', left(hold));
    time.setAttribute('data-expires', hold.expiresAt);
    item.appendChild(time);
    return item;
  }

  // Draws the list from shown holds, newest first, reusing each item that did not change.
  function fill(list, shown, draw) {
    var items = shown.sort(function (a, b) { return a.createdAt < b.createdAt ? 1 : -1; }).map(function (hold) {
      var signature = JSON.stringify([hold, instructions.get(hold.id) || null, confirming.has(hold.id)]);
      var last = drawn.get(hold.id);
      if (last && last.signature === signature && last.list === list) {
        return last.item;
      }
      var item = draw(hold);
      item.setAttribute('data-hold', hold.id);
      drawn.set(hold.id, { signature: signature, item: item, list: list });
      return item;
    });
    items.forEach(function (item, index) {
      if (list.children[index] !== item) {
        list.insertBefore(item, list.children[index] || null);
      }
    });
    while (list.children.length > items.length) {
      list.removeChild(list.lastChild);
    }
  }

  function render() {
    var all = Array.from(holds.values());
    var own = all.filter(function (hold) { return hold.mine && !hold.closedAt; });
    var theirs = all.filter(function (hold) { return !hold.mine && running(hold); });
    fill(mine, own, ownItem);
    fill(others, theirs, otherItem);
    noMine.hidden = own.length > 0;
    tidy();
    noOthers.hidden = theirs.length > 0;
    document.dispatchEvent(new CustomEvent('opvang:holds', { detail: all }));
  }

  // The time left, every ten seconds, without drawing the items again.
  function renderTimes() {
    document.querySelectorAll('#hold-list .hold-left, #other-hold-list .hold-left').forEach(function (time) {
      var text = opvang.timeLeft(Date.parse(time.getAttribute('data-expires')) - now());
      if (time.textContent !== text) {
        time.textContent = text;
      }
    });
  }

  // live: a change the stream reports (not the first snapshot, not this page's own answer): answers are announced.
  function update(hold, live) {
    var before = holds.get(hold.id);
    holds.set(hold.id, hold);
    if (live && hold.mine && before && before.state !== hold.state && ANSWERS.indexOf(hold.state) >= 0) {
      opvang.notify(opvang.capitalised(word('hold.' + hold.state)) + ': ' + opvang.kind(hold.kind)
        + (hold.location ? ' ' + hold.location : ''));
      // "Wacht op antwoord" is over: the answer stands in the list.
      say('');
    }
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
    tidy();
  }

  // The second click: which kind of place, among those free at this location now.
  function ask(entry) {
    choice.textContent = '';
    choice.appendChild(element('p', null, 'Aanvraag bij ' + entry.name + ': welke soort plek?'));
    entry.kinds.filter(function (places) { return places.free > 0; }).forEach(function (places) {
      var kind = button(opvang.kind(places.kind) + ' (' + places.free + ' ' + word('status.free') + ')', null,
        function () { request(entry, places.kind); });
      kind.setAttribute('data-kind', places.kind);
      choice.appendChild(kind);
    });
    choice.appendChild(button('Annuleren', 'secondary', closeChoice));
    choice.hidden = false;
    tidy();
    choice.querySelector('button').focus();
  }

  function request(entry, kind) {
    say('Aanvraag wordt verstuurd…');
    opvang.send('POST', '/api/v1/holds', { site: entry.code, kind: kind, bed: null }).then(function (answer) {
      closeChoice();
      if (answer.status === 201) {
        // A state, not a spinner (issue 15): sent, when, and what happens next; cleared when the answer arrives.
        say('Aanvraag verstuurd naar ' + entry.name + ' om ' + at(answer.body.createdAt || new Date().toISOString())
          + ' — wacht op antwoord.');
        update(answer.body, false);
        render();
      } else {
        say(answer.body.error || 'De aanvraag is niet gelukt.');
      }
    }).catch(function () {
      say('Kan de centrale niet bereiken. Bel de locatie.');
    });
  }

  document.addEventListener('opvang:request', function (event) {
    if (choice) {
      ask(event.detail);
    }
  });
  document.addEventListener('opvang:locations', function (event) {
    skew = event.detail.skew;
    renderTimes();
  });

  document.addEventListener('DOMContentLoaded', function () {
    mine = document.getElementById('hold-list');
    noMine = document.getElementById('no-hold');
    others = document.getElementById('other-hold-list');
    noOthers = document.getElementById('no-other-hold');
    choice = document.getElementById('hold-choice');
    message = document.getElementById('hold-message');
    if (!mine || typeof EventSource === 'undefined') {
      return;
    }
    // The VO desk and night staff may open this page but request nothing: no section for their own requests.
    opvang.session().then(function (session) {
      document.getElementById('mine').hidden = session.role !== 'ct' && session.role !== 'veilig_thuis';
    });
    var source = opvang.stream('/api/v1/holds/stream');
    source.addEventListener('holds', function (event) {
      holds.clear();
      JSON.parse(event.data).holds.forEach(function (hold) { update(hold, false); });
      render();
    });
    source.addEventListener('hold', function (event) {
      update(JSON.parse(event.data), true);
      render();
    });
    setInterval(renderTimes, 10000);
  });
}());
