'use strict';
// The kiosk page: polls /api/state every 2 s and sends changes with the session's CSRF token.
// A pass number only ever lives in the pass field of an open dialog; it is cleared when the dialog closes.
(function () {
  const ORIGINS = [['0307', 'Amersfoort'], ['0308', 'Baarn'], ['0313', 'Bunschoten'], ['0327', 'Leusden'],
    ['0267', 'Nijkerk'], ['0342', 'Soest'], ['0351', 'Woudenberg'], ['0345', 'Veenendaal'],
    ['passant', 'Passant'], ['unknown', 'Onbekend']];
  const PRIVACY_RIGHTS = [['access', 'Inzage'], ['erasure', 'Verwijderen'], ['restriction', 'Beperken']];
  const ICONS = { free: '○', occupied: '●', held: '◐', out_of_service: '✕', cleaning: '≈', closed: '⊘' };
  // Four rows of eleven, so that the accept dialog fits the 480 px high touchscreen with its buttons.
  const KEYBOARD = [...'1234567890', 'Wis', ...'qwertyuiop:', ...'asdfghjkl,.', ...'zxcvbnm-', 'spatie'];

  // The kiosk's words (/words.js, made from words.properties, as the server's texts are).
  const WORDS = window.opvangWords || {};
  const word = (key) => (Object.prototype.hasOwnProperty.call(WORDS, key) ? WORDS[key] : key);
  const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  const $ = (id) => document.getElementById(id);
  let csrf = null;
  let state = null;
  let bedsShown = '';
  let holdsShown = '';
  let deadlines = {};
  let lastActivity = 0;
  let openedFrom = null;
  let dialogPass = false;
  const TITLE = document.title;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => node.setAttribute(key, value));
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function button(text, onClick, cls, type) {
    const node = el('button', { type: type || 'button' }, text);
    if (cls) { node.className = cls; }
    if (onClick) { node.addEventListener('click', onClick); }
    return node;
  }

  async function post(path, body) {
    try {
      const res = await fetch(path, {
        method: 'POST', credentials: 'same-origin', cache: 'no-store',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf || '' },
        body: JSON.stringify(body || {})
      });
      let data = {};
      try { data = await res.json(); } catch (e) { data = {}; }
      if (res.status === 401) { csrf = null; setTimeout(refresh, 0); }
      return { ok: res.ok, status: res.status, data: data };
    } catch (e) {
      return { ok: false, status: 0, data: { error: 'De kiosk reageert niet. Probeer het opnieuw.' } };
    }
  }

  async function refresh() {
    try {
      const res = await fetch('/api/state', { credentials: 'same-origin', cache: 'no-store' });
      state = await res.json();
      render();
    } catch (e) {
      $('connection').textContent = 'De kiosk reageert niet. Even geduld…';
    }
  }

  function render() {
    const connection = $('connection');
    if (state.connection) {
      connection.textContent = state.connection.text;
      connection.classList.toggle('offline', !state.connection.hub);
    } else {
      connection.textContent = 'Geen verbinding met de centrale';
      connection.classList.add('offline');
    }
    const reader = $('reader');
    const readerText = state.reader && state.reader.text;
    reader.hidden = !readerText;
    reader.textContent = readerText || '';
    $('problem').hidden = !state.problem;
    $('problem').textContent = state.problem || '';
    $('location').textContent = state.location || '';
    alertNewHolds(state.holds || []);
    $('cold-weather').hidden = !state.coldWeather;
    $('cold-weather').textContent = state.coldWeather ? state.coldWeather.text : '';
    if (state.locked) { renderLocked(); } else { renderUnlocked(); }
  }

  function renderLocked() {
    csrf = null;
    const wasHidden = $('lock').hidden;
    if ($('dialog').open) { closeDialog(); }
    $('main').hidden = true;
    $('lock').hidden = false;
    $('pin-form').hidden = !state.pinConfigured || !state.connection;
    const holds = state.holds || [];
    const request = holds.find((h) => !h.accepted);
    const expected = holds.find((h) => h.expected);
    $('lock-holds').hidden = !request && !expected;
    $('lock-holds').textContent = request
      ? 'Er wacht een aanvraag (' + request.kindText + '). Ontgrendel om te antwoorden.'
      : expected ? fill(word('hold.expectedLocked'), [expected.kindText]) : '';
    bedsShown = '';
    holdsShown = '';
    if (wasHidden && !$('pin-form').hidden) { $('pin').focus(); }
  }

  function renderUnlocked() {
    csrf = state.csrf;
    const wasHidden = $('main').hidden;
    $('lock').hidden = true;
    $('main').hidden = false;
    $('counts').textContent = state.counts.map((c) => c.label + ': ' + c.free).join(' · ');
    renderBeds();
    renderNood();
    renderHolds();
    renderRegion();
    const rejections = state.rejections || [];
    $('rejections-section').hidden = rejections.length === 0;
    $('rejections').replaceChildren(...rejections.map((r) => el('li', {}, r.at + ' — ' + r.text)));
    $('message').hidden = !state.message;
    $('message').textContent = state.message ? 'Bericht van de centrale: ' + state.message : '';
    $('address').hidden = !state.address;
    $('address').textContent = state.address ? 'Adres van deze locatie (alleen op deze kiosk): ' + state.address : '';
    if (dialogPass) { $('pass-read').hidden = !state.passRead; }
    if (wasHidden) {
      // After unlocking the page starts at the top (issue 15 item 6): focus without scrolling to the beds.
      const first = document.querySelector('#beds button');
      if (first) { first.focus({ preventScroll: true }); }
      window.scrollTo(0, 0);
    }
  }

  function renderBeds() {
    const signature = JSON.stringify(state.beds);
    if (signature === bedsShown) { return; }
    bedsShown = signature;
    const focused = document.activeElement && document.activeElement.dataset.bed;
    $('beds').replaceChildren(...state.beds.map((bed) => {
      const item = el('li');
      const tile = button('', () => openBed(bed), bed.open ? bed.status : 'closed');
      tile.dataset.bed = bed.bed;
      tile.dataset.status = bed.open ? bed.status : 'closed';
      const code = el('span', { class: 'bed-code' });
      code.append(el('span', { class: 'visually-hidden' }, 'Bed '), bed.bed);
      tile.append(code, el('span', {}, bed.kindText), statusLine(bed));
      item.append(tile);
      return item;
    }));
    if (focused) {
      const again = document.querySelector('#beds button[data-bed="' + CSS.escape(focused) + '"]');
      if (again) { again.focus(); }
    }
  }

  function statusLine(bed) {
    const line = el('span', { class: 'bed-status' });
    line.append(el('span', { 'aria-hidden': 'true' }, (ICONS[bed.open ? bed.status : 'closed'] || '') + ' '), bed.statusText);
    return line;
  }

  function renderHolds() {
    const holds = state.holds || [];
    deadlines = {};
    holds.forEach((h) => { deadlines[h.id] = Date.now() + h.secondsLeft * 1000; });
    const signature = JSON.stringify(holds.map((h) => [h.id, h.accepted]));
    if (signature !== holdsShown) {
      holdsShown = signature;
      $('holds').replaceChildren(...holds.map(holdBanner));
    }
    tick();
  }

  // A request has Accepteren and Weigeren; an accepted hold (here, or at the hub: an expected arrival) has Inchecken.
  function holdBanner(hold) {
    const box = el('div', { class: 'hold' + (hold.expected ? ' expected' : ''), 'data-hold': hold.id });
    box.append(el('p', { class: 'hold-text' }));
    const buttons = el('div', { class: 'buttons' });
    if (!hold.accepted) {
      buttons.append(button('Accepteren', () => openAccept(hold), 'primary big'),
        button('Weigeren', () => openRefuse(hold), 'danger big'));
    } else {
      buttons.append(button(word('hold.checkIn'), () => openHoldCheckIn(hold), 'primary big'));
    }
    box.append(buttons);
    return box;
  }

  function fill(template, values) {
    return values.reduce((text, value, i) => text.split('{' + i + '}').join(value), template);
  }

  function holdText(hold, time) {
    if (hold.expected) {
      const place = hold.bed ? fill(word('hold.place'), [hold.bed]) : hold.kindText;
      return fill(word('hold.expected'), [hold.from, place, hold.until]) + ' — ' + time;
    }
    const what = 'Aanvraag ' + hold.kindText + (hold.bed ? ' (bed ' + hold.bed + ')' : '') + ' — ' + hold.from;
    return hold.accepted ? what + ' — geaccepteerd, wacht op inchecken — ' + time : what + ' — ' + time;
  }

  // The check-in of an accepted hold: on its bed, on a free bed of its kind chosen here, or (a kind without beds
  // here, such as noodbedden) on a place of its kind.
  function openHoldCheckIn(hold) {
    const free = (state.beds || []).filter((b) => b.kind === hold.kind && b.open && b.status === 'free');
    const counted = !(state.beds || []).some((b) => b.kind === hold.kind);
    const bedChoice = hold.bed || counted ? null
      : choices('Welk bed?', free.map((b) => [b.bed, 'Bed ' + b.bed]), free.length === 1 ? free[0].bed : null);
    const origin = choices('Herkomst (mag leeg blijven)', ORIGINS);
    submitAction = async () => {
      const bed = hold.bed || (bedChoice ? bedChoice.chosen() : null);
      if (!counted && !bed) {
        $('dialog-error').textContent = 'Kies een bed.';
        return;
      }
      const body = Object.assign({ hold: hold.id, bed: bed, origin: origin.chosen() }, passBody());
      await done(await post('/api/check-in', body));
    };
    const title = (hold.bed ? 'Bed ' + hold.bed : capitalised(hold.kindText)) + ' — inchecken';
    openDialog(title, [columns(passFields(), bedChoice ? [bedChoice, origin] : [origin])], [
      button(word('hold.checkIn'), null, 'primary', 'submit'), cancelButton()], 'pass');
  }

  function tick() {
    (state && state.holds || []).forEach((hold) => {
      const text = document.querySelector('.hold[data-hold="' + hold.id + '"] .hold-text');
      if (!text) { return; }
      text.textContent = holdText(hold, timeLeft(deadlines[hold.id] - Date.now()));
    });
  }

  // The one time-left format of every page (the hub's opvang.timeLeft in page.js, mirrored exactly: the kiosk cannot
  // load the hub's scripts): "nog 1 u 59 min", "nog 12 min", "nog minder dan 1 min", "verlopen".
  function timeLeft(ms) {
    if (ms <= 0) { return word('time.over'); }
    const minutes = Math.floor(ms / 60000);
    if (minutes < 1) { return word('time.underMinute'); }
    if (minutes < 60) { return 'nog ' + minutes + ' min'; }
    return 'nog ' + Math.floor(minutes / 60) + ' u ' + (minutes % 60) + ' min';
  }

  // A new request shows in the tab title and plays a short tone, unless switched off (issue 15 item 5). The title
  // counts the requests still unanswered; the tone sounds once per new request, locked or not.
  const SOUND_KEY = 'opvang.sound';
  const heard = new Set();
  function soundOn() {
    try { return window.localStorage.getItem(SOUND_KEY) !== 'off'; } catch (e) { return true; }
  }
  function alertNewHolds(holds) {
    const waiting = holds.filter((h) => !h.accepted);
    document.title = waiting.length > 0 ? '(' + waiting.length + ') ' + word('alert.title') + ' · ' + TITLE : TITLE;
    // An expected arrival sounds once too: someone is on the way.
    const fresh = holds.filter((h) => (!h.accepted || h.expected) && !heard.has(h.id));
    fresh.forEach((h) => heard.add(h.id));
    if (fresh.length > 0) { tone(); }
  }
  function tone() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context || !soundOn()) { return; }
    try {
      const context = new Context();
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, context.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start();
      oscillator.stop(context.currentTime + 0.4);
      oscillator.onended = () => context.close();
    } catch (e) {
      // A browser that will not play yet: the title still says it.
    }
  }
  function showSound() {
    $('sound').textContent = word(soundOn() ? 'sound.on' : 'sound.off');
    $('sound').setAttribute('aria-pressed', soundOn() ? 'true' : 'false');
  }

  // The noodbedden here: their state, and open/close for night staff (issue 13).
  let noodShown = '';
  function renderNood() {
    const nood = state.nood;
    $('nood-section').hidden = !nood;
    if (!nood) { return; }
    $('nood-text').textContent = nood.text;
    const signature = [nood.open, nood.closing].join();
    if (signature === noodShown) { return; }
    noodShown = signature;
    const buttons = [];
    if (!nood.open || nood.closing) {
      buttons.push(button(word('nood.open'), openNood, 'primary'));
    } else {
      buttons.push(button(word('nood.change'), openNood), button(word('nood.close'), closeNood, 'danger'));
    }
    buttons.forEach((b) => { b.dataset.nood = b.textContent; });
    $('nood-buttons').replaceChildren(...buttons);
  }

  function openNood() {
    const nood = state.nood;
    const numbers = [];
    for (let n = 1; n <= nood.configured; n++) { numbers.push([String(n), String(n)]); }
    const count = choices(word('nood.howMany'), numbers, String(nood.open ? nood.capacity : nood.configured));
    const day = choices(word('nood.untilDay'), nood.days.map((d) => [d.date, d.text]), nood.defaultDate);
    const time = choices(word('nood.untilTime'), nood.times.map((t) => [t, t]), nood.defaultTime);
    submitAction = async () => {
      if (!count.chosen() || !day.chosen() || !time.chosen()) {
        $('dialog-error').textContent = 'Kies het aantal, de dag en de tijd.';
        return;
      }
      await done(await post('/api/nood/open',
        { capacity: Number(count.chosen()), date: day.chosen(), time: time.chosen() }));
    };
    openDialog(word('nood.open'), [count, day, time],
      [button(word('nood.open'), null, 'primary', 'submit'), cancelButton()]);
    // Focus the first choice, so that the dialog shows its top on the 480 px high screen.
    const first = count.querySelector('button[aria-pressed="true"]');
    if (first) { first.focus(); }
  }

  function closeNood() {
    const occupied = state.nood.occupied;
    submitAction = async () => { await done(await post('/api/nood/close', {})); };
    openDialog(word('nood.close'), [el('p', {}, occupied > 0
      ? word('nood.occupiedWarning').replace('{0}', occupied) : word('nood.confirmClose'))],
    [button(word('nood.close'), null, 'danger', 'submit'), cancelButton()]);
  }

  // Every other location with its free places and phone, the secret ones only as whom to call (issue 15 items 7, 11).
  let regionShown = '';
  function renderRegion() {
    const region = state.region || {};
    const signature = JSON.stringify(region);
    if (signature === regionShown) { return; }
    regionShown = signature;
    $('region').textContent = region.text || '';
    $('region').classList.toggle('old', !!region.old);
    const items = (region.locations || []).map((l) => {
      const item = el('li', { class: l.fresh ? 'fresh' : 'not-fresh' });
      item.append(el('strong', {}, l.name), ' · ' + l.free);
      if (l.phone) { item.append(' · ', el('span', { class: 'phone' }, l.phone)); }
      return item;
    });
    (region.secret || []).forEach((line) => items.push(el('li', { class: 'secret' }, line)));
    $('region-list').replaceChildren(...items);
  }

  // ---- dialogs ----

  function openDialog(title, body, buttons, focusId) {
    openedFrom = document.activeElement;
    $('dialog-title').textContent = title;
    $('dialog-body').replaceChildren(...body);
    $('dialog-buttons').replaceChildren(...buttons);
    $('dialog-error').textContent = '';
    const dialog = $('dialog');
    if (!dialog.open) { dialog.showModal(); }
    const target = focusId ? $(focusId) : $('dialog-buttons').querySelector('button');
    if (target) { target.focus(); }
  }

  function closeDialog() {
    const dialog = $('dialog');
    if (dialogPass) { post('/api/reader/disarm'); }
    dialogPass = false;
    $('dialog-body').replaceChildren();
    if (dialog.open) { dialog.close(); }
    if (openedFrom && document.body.contains(openedFrom)) { openedFrom.focus(); }
  }

  let submitAction = null;

  function cancelButton() {
    return button('Annuleren', closeDialog, 'secondary');
  }

  function keypad(targetId) {
    const pad = el('div', { class: 'keypad', role: 'group', 'aria-label': 'Cijfers' });
    fillKeypad(pad, targetId);
    return pad;
  }

  function fillKeypad(pad, targetId) {
    const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Wis', '0', 'Leeg'];
    pad.replaceChildren(...keys.map((key) => button(key, () => {
      const input = $(targetId);
      if (key === 'Wis') { input.value = input.value.slice(0, -1); } else if (key === 'Leeg') { input.value = ''; } else { input.value += key; }
    })));
  }

  function keyboard(targetId) {
    const board = el('div', { class: 'keyboard', role: 'group', 'aria-label': 'Toetsenbord' });
    const type = (text) => { const input = $(targetId); input.value = (input.value + text).slice(0, 500); };
    KEYBOARD.forEach((key) => {
      if (key === 'Wis') {
        board.append(button(key, () => { const input = $(targetId); input.value = input.value.slice(0, -1); }));
      } else if (key === 'spatie') {
        board.append(button(key, () => type(' '), 'wide'));
      } else {
        board.append(button(key, () => type(key)));
      }
    });
    return board;
  }

  function choices(label, options, preset) {
    const group = el('div', { role: 'group', 'aria-label': label });
    group.append(el('p', { class: 'hint' }, label));
    const row = el('div', { class: 'choices' });
    options.forEach(([value, text]) => {
      const choice = button(text, () => {
        const pressed = choice.getAttribute('aria-pressed') === 'true';
        row.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', 'false'));
        choice.setAttribute('aria-pressed', pressed ? 'false' : 'true');
      });
      choice.dataset.value = value;
      choice.setAttribute('aria-pressed', value === preset ? 'true' : 'false');
      row.append(choice);
    });
    group.append(row);
    group.chosen = () => {
      const pressed = row.querySelector('button[aria-pressed="true"]');
      return pressed ? pressed.dataset.value : null;
    };
    return group;
  }

  function passFields() {
    const hint = el('p', { class: 'hint' }, state.reader && state.reader.ready
      ? 'Houd de pas bij de lezer of typ het pasnummer.' : 'Typ het pasnummer.');
    const label = el('label', { for: 'pass' }, 'Pasnummer');
    const input = el('input', { id: 'pass', name: 'pass', inputmode: 'numeric', autocomplete: 'off', maxlength: '32' });
    const read = el('p', { id: 'pass-read', class: 'hint', role: 'status' }, '✓ Pas gelezen');
    read.hidden = true;
    dialogPass = true;
    post('/api/reader/arm');
    return [hint, field(label, input), read, keypad('pass')];
  }

  // A label beside its input: one line less on the 480 px high screen.
  function field(label, input) {
    const row = el('div', { class: 'field' });
    row.append(label, input);
    return row;
  }

  function passBody() {
    const typed = $('pass').value.trim();
    return typed ? { pass: typed } : { fromReader: true };
  }

  function openBed(bed) {
    if (!bed.open) {
      submitAction = closeDialog;
      openDialog('Bed ' + bed.bed + ' — ' + bed.statusText, [el('p', {},
        'De centrale heeft het aantal plekken verlaagd. Dit bed gaat weer open als de centrale dat doet.')],
      [button('Sluiten', null, 'primary', 'submit')]);
      return;
    }
    if (bed.status === 'free') { openCheckIn(bed); return; }
    if (bed.status === 'occupied') { openCheckOut(bed); return; }
    if (bed.status === 'out_of_service' || bed.status === 'cleaning') {
      submitAction = () => markBed(bed, 'free');
      openDialog('Bed ' + bed.bed + ' — ' + bed.statusText, [el('p', {}, 'Is het bed weer klaar voor gebruik?')], [
        button('Vrij maken', null, 'primary', 'submit'),
        button(capitalised(word(bed.status === 'cleaning' ? 'status.out_of_service' : 'status.cleaning')),
          () => markBed(bed, bed.status === 'cleaning' ? 'out_of_service' : 'cleaning')),
        cancelButton()]);
      return;
    }
    submitAction = closeDialog;
    openDialog('Bed ' + bed.bed + ' — ' + bed.statusText, [el('p', {}, 'Dit bed is gereserveerd voor een aanvraag.')],
      [button('Sluiten', null, 'primary', 'submit')]);
  }

  function openCheckIn(bed) {
    const origin = choices('Herkomst (mag leeg blijven)', ORIGINS);
    submitAction = async () => {
      const body = Object.assign({ bed: bed.bed, origin: origin.chosen() }, passBody());
      await done(await post('/api/check-in', body));
    };
    // Schoonmaak and Buiten gebruik are not next to Inchecken (issue 15 item 6): they sit under the origin choices.
    const other = el('div', { class: 'bed-other', role: 'group', 'aria-label': 'Bed niet bruikbaar' });
    other.append(el('p', { class: 'hint' }, 'Bed niet bruikbaar?'),
      button(capitalised(word('status.cleaning')), () => markBed(bed, 'cleaning'), 'secondary'),
      button(capitalised(word('status.out_of_service')), () => markBed(bed, 'out_of_service'), 'secondary'));
    origin.append(other);
    openDialog('Bed ' + bed.bed + ' — inchecken', [columns(passFields(), [origin])], [
      button('Inchecken', null, 'primary', 'submit'), cancelButton()], 'pass');
  }

  // Two columns on a wide, low screen (the 800×480 touchscreen): the pass and its keypad, and the choices.
  function columns(left, right) {
    const box = el('div', { class: 'columns' });
    const one = el('div');
    const two = el('div');
    one.append(...left);
    two.append(...right);
    box.append(one, two);
    return box;
  }

  function openCheckOut(bed) {
    // The destinations and their labels come from the node (protocol Destination): one list for every screen.
    const destination = choices('Waar naartoe? (mag leeg blijven)',
      (state.destinations || []).map((choice) => [choice.destination, choice.text]));
    submitAction = async () => {
      const body = Object.assign({ bed: bed.bed, destination: destination.chosen() }, passBody());
      await done(await post('/api/check-out', body));
    };
    // Above the destinations: with the vocabulary's eight, they may scroll on the 800×480 screen; this may not.
    const lost = el('div', { class: 'bed-other' });
    lost.append(el('p', { class: 'hint' }, word('withoutPass.question')),
      button(word('withoutPass.button'), () => openCheckOutWithoutPass(bed), 'secondary'));
    openDialog('Bed ' + bed.bed + ' — uitchecken', [columns(passFields(), [lost, destination])],
      [button('Uitchecken', null, 'primary', 'submit'), cancelButton()], 'pass');
  }

  // Check-out without the pass (lost, or the guest left): staff confirm with their PIN (issue 15 item 8).
  function openCheckOutWithoutPass(bed) {
    if (dialogPass) { post('/api/reader/disarm'); dialogPass = false; }
    const label = el('label', { for: 'confirm-pin' }, 'Pincode');
    const input = el('input', { id: 'confirm-pin', name: 'confirm-pin', type: 'password', inputmode: 'numeric',
      maxlength: '12', autocomplete: 'off' });
    submitAction = async () => {
      const pin = $('confirm-pin').value;
      $('confirm-pin').value = '';
      await done(await post('/api/check-out-without-pass', { bed: bed.bed, pin: pin }));
    };
    openDialog('Bed ' + bed.bed + ' — ' + word('withoutPass.title'),
      [columns([el('p', {}, word('withoutPass.explain')), label, input], [keypad('confirm-pin')])],
      [button(word('withoutPass.confirm'), null, 'danger', 'submit'), cancelButton()], 'confirm-pin');
  }

  async function markBed(bed, status) {
    await done(await post('/api/bed-status', { bed: bed.bed, status: status }));
  }

  function openTurnAway() {
    submitAction = closeDialog;
    // The reasons and their labels come from the node (protocol TurnAwayReason): one list for every screen.
    const reasons = (state.turnAwayReasons || []).map((choice) => button(choice.text, async () => {
      await done(await post('/api/turn-away', { reason: choice.reason }));
    }, 'big'));
    openDialog('Niet opgenomen — waarom?', [el('div', { class: 'choices' })], [...reasons, cancelButton()]);
  }

  // A person's rights request with their pass (issue 17): which right, the pass, and the staff PIN once more. The
  // kiosk answers with a reference to quote; the pass number goes to the node only.
  function openPrivacy() {
    const right = choices('Wat wil de persoon?', PRIVACY_RIGHTS, 'access');
    const pinLabel = el('label', { for: 'privacy-pin' }, 'Pincode medewerker');
    const pin = el('input', { id: 'privacy-pin', name: 'pin', type: 'password', inputmode: 'numeric',
      autocomplete: 'off', maxlength: '12' });
    const fields = passFields();
    const pad = fields[fields.length - 1];
    pin.addEventListener('focus', () => fillKeypad(pad, 'privacy-pin'));
    fields[2].addEventListener('focus', () => fillKeypad(pad, 'pass'));
    submitAction = async () => {
      if (!right.chosen()) {
        $('dialog-error').textContent = 'Kies inzage, verwijderen of beperken.';
        return;
      }
      const body = Object.assign({ right: right.chosen(), pin: $('privacy-pin').value }, passBody());
      $('privacy-pin').value = '';
      const result = await post('/api/privacy', body);
      if (!result.ok) {
        $('dialog-error').textContent = result.data.error || 'Dat lukte niet. Er is niets verstuurd.';
        return;
      }
      // The person must see the reference: it stays on screen until staff close it.
      closeDialog();
      notice(result.data.message, false);
      submitAction = closeDialog;
      openDialog('Verzoek verstuurd', [el('p', { class: 'reference' }, 'Kenmerk: ' + result.data.reference),
        el('p', {}, result.data.message)], [button('Sluiten', null, 'primary', 'submit')]);
    };
    openDialog('Inzage of verwijderen aanvragen', [right, ...fields.slice(0, -1), pinLabel, pin, pad],
      [button('Aanvragen', null, 'primary', 'submit'), cancelButton()], 'pass');
  }

  function openAccept(hold) {
    const label = el('label', { for: 'instructions' }, 'Wat moet de aanvrager weten? Bijv. waar en wanneer melden');
    const text = el('textarea', { id: 'instructions', name: 'instructions', maxlength: '500' });
    submitAction = async () => {
      if (!$('instructions').value.trim()) {
        $('dialog-error').textContent = 'Schrijf kort wat de aanvrager moet weten.';
        return;
      }
      await done(await post('/api/holds/accept', { hold: hold.id, instructions: $('instructions').value.trim() }));
    };
    openDialog('Aanvraag ' + hold.kindText + ' accepteren', [label, text, keyboard('instructions')],
      [button('Accepteren', null, 'primary', 'submit'), cancelButton()], 'instructions');
  }

  function openRefuse(hold) {
    submitAction = closeDialog;
    // The reasons come from the node (protocol HoldRefusal), the one list the hub's figures count by.
    const reasons = (state.holdRefusals || []).map((choice) => button(choice.text, async () => {
      await done(await post('/api/holds/refuse', { hold: hold.id, reason: choice.reason }));
    }, 'big'));
    openDialog('Aanvraag ' + hold.kindText + ' weigeren — waarom?', [], [...reasons, cancelButton()]);
  }

  async function done(result) {
    if (result.ok) {
      closeDialog();
      notice(result.data.message, false);
      bedsShown = '';
      holdsShown = '';
      noodShown = '';
      await refresh();
    } else if ($('dialog').open) {
      $('dialog-error').textContent = result.data.error || 'Dat lukte niet. Er is niets bewaard.';
    } else {
      notice(result.data.error || 'Dat lukte niet.', true);
    }
  }

  function notice(text, bad) {
    $('notice').textContent = text || '';
    $('notice').classList.toggle('bad', !!bad);
  }

  // ---- wiring ----

  function touched() {
    if (csrf && Date.now() - lastActivity > 15000) {
      lastActivity = Date.now();
      post('/api/activity');
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    fillKeypad(document.querySelector('#pin-form .keypad'), 'pin');
    $('pin-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const pin = $('pin').value;
      $('pin').value = '';
      const result = await post('/api/unlock', { pin: pin });
      if (result.ok) {
        csrf = result.data.csrf;
        lastActivity = Date.now();
        $('pin-error').textContent = '';
        await refresh();
      } else {
        $('pin-error').textContent = result.data.error || 'Ontgrendelen lukte niet.';
        $('pin').focus();
      }
    });
    $('dialog-form').addEventListener('submit', (event) => {
      event.preventDefault();
      if (submitAction) { submitAction(); }
    });
    $('dialog').addEventListener('cancel', (event) => {
      event.preventDefault();
      closeDialog();
    });
    $('turn-away').addEventListener('click', openTurnAway);
    $('sound').addEventListener('click', () => {
      try { window.localStorage.setItem(SOUND_KEY, soundOn() ? 'off' : 'on'); } catch (e) { /* not kept */ }
      showSound();
    });
    showSound();
    $('privacy').addEventListener('click', openPrivacy);
    $('lock-now').addEventListener('click', async () => {
      await post('/api/lock');
      csrf = null;
      await refresh();
    });
    document.addEventListener('keydown', touched);
    document.addEventListener('pointerdown', touched);
    refresh();
    setInterval(refresh, 2000);
    setInterval(tick, 1000);
  });
}());
