// VO desk: the queue of referrals ("Aanmelding bij de vrouwenopvang", issue 14) from Veilig Thuis, live, each with its
// age, urgency, household and safety notes; accept onto one of the desk's own free places (or elsewhere: a partner
// region's shelter) with what Veilig Thuis must know, or refuse with a reason. Night staff and CT have no queue: the
// section stays hidden for them. Server text goes in through textContent only.
'use strict';

(function () {
  var element = opvang.element;
  var referrals = new Map();
  var places = [];
  var section, list, none, message;

  function say(text) {
    message.textContent = text;
  }

  function age(createdAt) {
    var minutes = Math.max(0, Math.floor((Date.now() - new Date(createdAt).getTime()) / 60000));
    return minutes < 1 ? 'net binnen' : minutes < 60 ? minutes + ' min geleden'
      : Math.floor(minutes / 60) + ' u ' + (minutes % 60) + ' min geleden';
  }

  function headline(referral) {
    return 'Aanmelding — ' + opvang.capitalised(opvang.word('urgency.' + referral.urgency)) + ' — '
      + referral.adults + ' volw., ' + referral.children + ' kind. — ' + age(referral.createdAt) + ' — antwoord '
      + opvang.timeLeft(new Date(referral.respondBy).getTime() - Date.now());
  }

  function loadPlaces() {
    return fetch('/api/v1/referrals', { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : { places: places }; })
      .then(function (answer) { places = answer.places; });
  }

  function answer(referral, action, body) {
    return opvang.send('POST', '/api/v1/referrals/' + encodeURIComponent(referral.id) + '/' + action, body)
      .then(function (result) {
        if (result.ok) {
          say(action === 'accept' ? 'Geaccepteerd; Veilig Thuis ziet uw tekst.' : 'Geweigerd.');
          update(result.body);
        } else {
          say(result.body.error || 'Dat lukte niet.');
        }
      });
  }

  function labelled(form, id, text, control) {
    var label = element('label', null, text);
    label.htmlFor = id;
    control.id = id;
    form.appendChild(label);
    form.appendChild(control);
    return control;
  }

  function placeChoice(form, referral) {
    var select = labelled(form, 'place-' + referral.id, 'Plek', element('select'));
    places.filter(function (place) { return referral.children === 0 || place.takesChildren; }).forEach(function (place) {
      var option = element('option', null, place.location + ' — ' + opvang.kind(place.kind) + ' (' + place.free + ' '
        + opvang.word('status.free') + ')');
      option.value = place.site + '|' + place.kind;
      select.appendChild(option);
    });
    var elsewhere = element('option', null, 'Elders: opvang in een partnerregio');
    elsewhere.value = 'elsewhere';
    select.appendChild(elsewhere);
    return select;
  }

  function form(item, referral, action) {
    var old = item.querySelector('form');
    if (old) {
      old.remove();
    }
    var formElement = element('form');
    var select = action === 'accept' ? placeChoice(formElement, referral) : null;
    var field = labelled(formElement, 'text-' + action + '-' + referral.id,
      action === 'accept' ? 'Wat moet Veilig Thuis weten?' : 'Reden van weigeren', element('textarea'));
    field.rows = 3;
    field.required = true;
    field.maxLength = 1000;
    if (action === 'accept') {
      field.placeholder = 'Bijv. waar en wanneer melden (nooit het adres)';
    }
    var submit = element('button', null, action === 'accept' ? 'Accepteren bevestigen' : 'Weigeren bevestigen');
    submit.type = 'submit';
    formElement.appendChild(submit);
    formElement.addEventListener('submit', function (event) {
      event.preventDefault();
      if (action === 'refuse') {
        answer(referral, 'refuse', { reason: field.value });
      } else if (select.value === 'elsewhere') {
        answer(referral, 'accept', { elsewhere: true, instructions: field.value });
      } else {
        var chosen = select.value.split('|');
        answer(referral, 'accept', { site: chosen[0], kind: chosen[1], instructions: field.value });
      }
    });
    item.appendChild(formElement);
    (select || field).focus();
  }

  function update(referral) {
    var known = referrals.has(referral.id);
    if (referral.mayAnswer) {
      referrals.set(referral.id, referral);
      if (!known) {
        opvang.notify('Nieuwe aanmelding');
      }
    } else {
      referrals.delete(referral.id);
    }
    render();
  }

  function render() {
    list.textContent = '';
    var sorted = Array.from(referrals.values()).sort(function (a, b) { return a.createdAt < b.createdAt ? -1 : 1; });
    none.hidden = sorted.length > 0;
    sorted.forEach(function (referral) {
      var item = element('li', 'card');
      item.setAttribute('data-referral', referral.id);
      item.appendChild(element('p', 'state requested', headline(referral)));
      if (referral.notes) {
        item.appendChild(element('p', 'notes', referral.notes));
      }
      var accept = element('button', null, 'Accepteren');
      accept.type = 'button';
      accept.addEventListener('click', function () {
        loadPlaces().then(function () { form(item, referral, 'accept'); });
      });
      var refuse = element('button', 'secondary', 'Weigeren');
      refuse.type = 'button';
      refuse.addEventListener('click', function () { form(item, referral, 'refuse'); });
      item.appendChild(accept);
      item.appendChild(refuse);
      list.appendChild(item);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    section = document.getElementById('referral-queue');
    list = document.getElementById('referrals');
    none = document.getElementById('no-referrals');
    message = document.getElementById('referral-message');
    opvang.session().then(function (who) {
      if (who.role !== 'vo_desk') {
        return;
      }
      section.hidden = false;
      var source = opvang.stream('/api/v1/referrals/stream');
      source.addEventListener('referrals', function (event) {
        var snapshot = JSON.parse(event.data);
        places = snapshot.places;
        referrals.clear();
        snapshot.referrals.forEach(function (referral) {
          if (referral.mayAnswer) {
            referrals.set(referral.id, referral);
          }
        });
        render();
      });
      source.addEventListener('referral', function (event) { update(JSON.parse(event.data)); });
      // Age and time left tick without re-rendering open forms: only the first line of each card changes.
      setInterval(function () {
        referrals.forEach(function (referral) {
          var line = list.querySelector('li[data-referral="' + referral.id + '"] .state');
          if (line) {
            line.textContent = headline(referral);
          }
        });
      }, 15000);
    });
  });
}());
