// VO desk: incoming placement requests for the provider's locations, with time left; accept with what the placer
// needs to know, or refuse with a reason. Server text goes in through textContent only.
'use strict';

(function () {
  var element = opvang.element;
  var requests = new Map();
  var list, none, message;

  // The time left, written as on every page (opvang.timeLeft): "nog 1 u 59 min".
  function left(expiresAt) {
    return opvang.timeLeft(new Date(expiresAt).getTime() - Date.now());
  }

  function answer(hold, action, body) {
    return fetch('/api/v1/holds/' + encodeURIComponent(hold.id) + '/' + action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': opvang.csrf() },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        if (response.ok) {
          message.textContent = action === 'accept' ? 'Geaccepteerd; de aanvrager ziet uw tekst.' : 'Geweigerd.';
          update(json);
        } else {
          message.textContent = json.error || 'Dat lukte niet.';
        }
      });
    });
  }

  function form(item, hold, action) {
    var old = item.querySelector('form');
    if (old) {
      old.remove();
    }
    var formElement = element('form');
    var id = 'text-' + action + '-' + hold.id;
    var label = element('label', null, action === 'accept' ? 'Wat moet de aanvrager weten?' : 'Reden van weigeren');
    label.htmlFor = id;
    var field = element('textarea');
    field.id = id;
    field.rows = 3;
    field.required = true;
    field.maxLength = 1000;
    if (action === 'accept') {
      field.placeholder = 'Bijv. waar en wanneer melden';
    }
    var submit = element('button', null, action === 'accept' ? 'Accepteren bevestigen' : 'Weigeren bevestigen');
    submit.type = 'submit';
    formElement.appendChild(label);
    formElement.appendChild(field);
    formElement.appendChild(submit);
    formElement.addEventListener('submit', function (event) {
      event.preventDefault();
      answer(hold, action, action === 'accept' ? { instructions: field.value } : { reason: field.value });
    });
    item.appendChild(formElement);
    field.focus();
  }

  function update(hold) {
    if (hold.mayAnswer) {
      requests.set(hold.id, hold);
    } else {
      requests.delete(hold.id);
    }
    render();
  }

  function render() {
    list.textContent = '';
    var sorted = Array.from(requests.values()).sort(function (a, b) { return a.createdAt < b.createdAt ? 1 : -1; });
    none.hidden = sorted.length > 0;
    sorted.forEach(function (hold) {
      var item = element('li', 'card');
      item.setAttribute('data-hold', hold.id);
      item.appendChild(element('p', 'state requested', 'Aanvraag ' + opvang.kind(hold.kind) + ' — '
        + hold.requesterRole + ' — ' + left(hold.expiresAt)));
      item.appendChild(element('p', 'muted', hold.location + (hold.bed ? ' · bed ' + hold.bed : '')));
      var accept = element('button', null, 'Accepteren');
      accept.type = 'button';
      accept.addEventListener('click', function () { form(item, hold, 'accept'); });
      var refuse = element('button', 'secondary', 'Weigeren');
      refuse.type = 'button';
      refuse.addEventListener('click', function () { form(item, hold, 'refuse'); });
      item.appendChild(accept);
      item.appendChild(refuse);
      list.appendChild(item);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    list = document.getElementById('requests');
    none = document.getElementById('none');
    message = document.getElementById('message');
    var source = opvang.stream('/api/v1/holds/stream');
    // Also after a reconnect (the hub was away): the list is replaced, also by an empty one.
    source.addEventListener('holds', function (event) {
      requests.clear();
      JSON.parse(event.data).holds.forEach(update);
      render();
    });
    source.addEventListener('hold', function (event) { update(JSON.parse(event.data)); });
    // The time left ticks without re-rendering open forms: only the first line of each card changes.
    setInterval(function () {
      requests.forEach(function (hold) {
        var line = list.querySelector('li[data-hold="' + hold.id + '"] .state');
        if (line) {
          line.textContent = 'Aanvraag ' + opvang.kind(hold.kind) + ' — ' + hold.requesterRole + ' — '
            + left(hold.expiresAt);
        }
      });
    }, 15000);
  });
}());
