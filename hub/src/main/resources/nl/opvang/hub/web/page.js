// Shared by the hub's live pages (CT, Veilig Thuis, VO desk) and the admin page; loaded after /words.js and before
// their own scripts.
'use strict';

window.opvang = (function () {
  // The hub's Dutch words (/words.js, loaded just before this script, made from words.properties): a page says what
  // the server says (docs/DESIGN.md §6).
  var words = window.opvangWords || {};

  // Requests that change something carry the session's CSRF token (the hub refuses them without it).
  var csrf = '';
  // The caller's session ({} when not logged in): page scripts ask it which controls the role may use.
  var session = fetch('/api/v1/session', { credentials: 'same-origin' })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .catch(function () { return {}; })
    .then(function (answer) {
      csrf = answer.csrfToken || '';
      return answer;
    });

  // The pages each role may open, its start page first (docs/DESIGN.md §6; the routes' roles in WebServer and the
  // features). The account bar links to these only.
  var PAGES = {
    ct: [['/', 'page.ct'], ['/vt', 'page.vt'], ['/vo', 'page.vo'], ['/report', 'page.report'], ['/monitor', 'page.monitor'],
      ['/print', 'page.print']],
    veilig_thuis: [['/vt', 'page.vt']],
    vo_desk: [['/vo', 'page.vo'], ['/ct', 'page.ct']],
    night_staff: [['/vo', 'page.vo'], ['/ct', 'page.ct']],
    admin: [['/admin', 'page.admin'], ['/admin/audit', 'page.audit']],
    privacy: [['/privacy', 'page.privacy']],
    gemeente: [['/monitor', 'page.monitor']]
  };

  // The word under key ('hold.accepted' → 'geaccepteerd'); fallback (or the key) when there is none.
  function word(key, fallback) {
    if (Object.prototype.hasOwnProperty.call(words, key)) {
      return words[key];
    }
    return fallback === undefined ? key : fallback;
  }

  // A kind of place: 'crisisplek', or 'crisisplekken' for a count other than 1. An unknown kind shows its wire name.
  function kind(name, count) {
    return word('kind.' + name + (count === undefined || count === 1 ? '' : '.many'), name);
  }

  // 'Crisisplek': a column head, a state at the start of a line.
  function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // Every text from the server goes in through textContent, never as HTML: the pages' one way to put text on screen.
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  // A phone as the region file writes it, '088 000 0200 (24/7)': a link that calls the number, the note beside it
  // (hub location/Phone: the number is what comes before the note in brackets). Without a number, the text alone.
  function phoneLink(phone) {
    var number = phone.split('(')[0].replace(/[^0-9+]/g, '');
    if (number.length < 6) {
      return element('span', null, phone);
    }
    var link = element('a', null, phone);
    link.setAttribute('href', 'tel:' + number);
    return link;
  }

  // The shared look of every hub page (page.css): the banner below and the greyed figures while the hub is away;
  // and the tab's icon.
  var style = element('link');
  style.rel = 'stylesheet';
  style.href = '/page.css';
  document.head.appendChild(style);
  if (!document.querySelector('link[rel="icon"]')) {
    var icon = element('link');
    icon.rel = 'icon';
    icon.type = 'image/svg+xml';
    icon.href = '/favicon.svg';
    document.head.appendChild(icon);
  }

  // A page that lost the hub says so (issue 15, docs/DESIGN.md §6): while any of its streams is down, a banner says
  // since when (Amsterdam time) and <body> has the class hub-lost, which greys the figures the pages mark live-figures.
  var CLOCK = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  var down = new Set();
  var lostSince = null;
  var banner = null;
  function lost(which) {
    down.add(which);
    if (lostSince === null) {
      lostSince = new Date();
    }
    document.body.classList.add('hub-lost');
    if (!banner) {
      banner = element('p', 'hub-lost-banner');
      banner.id = 'hub-lost';
      banner.setAttribute('role', 'alert');
      var bar = document.querySelector('.account-bar');
      document.body.insertBefore(banner, bar ? bar.nextSibling : document.body.firstChild);
    }
    var text = word('stream.lost').replace('{0}', CLOCK.format(lostSince));
    if (banner.textContent !== text) {
      banner.textContent = text;
    }
  }
  function back(which) {
    down.delete(which);
    if (down.size === 0 && lostSince !== null) {
      lostSince = null;
      document.body.classList.remove('hub-lost');
      banner.remove();
      banner = null;
    }
  }

  // A live stream: addEventListener as on an EventSource, but it outlives the EventSource under it. The browser
  // reconnects by itself after a dropped connection (the hub's retry: 2 s); when it gives up (an answer other than the
  // stream: a hub starting or stopping), a new EventSource follows after 2, 4, 8 … at most 30 s. Each new connection
  // starts with a fresh snapshot event and fires 'open' again, which is where a page reloads what it fetches itself.
  // The hub ends a stream when its session ends (30 minutes without use: an open stream is not use); the session then
  // answers 401 and the page goes to the login page.
  // It lets go of its connection when the page is left: a page kept in the back/forward cache with an open stream
  // would hold one of HTTP/1.1's six connections per host (a VO desk's answer then hangs). Shown again from the cache,
  // the page loads afresh.
  function stream(url) {
    var listeners = [];
    var source = null;
    var delay = 2000;
    var timer = null;
    var handle = {
      addEventListener: function (type, listener) {
        listeners.push([type, listener]);
        source.addEventListener(type, listener);
      }
    };
    function retryLater() {
      timer = setTimeout(function () {
        timer = null;
        connect();
      }, delay);
      delay = Math.min(delay * 2, 30000);
    }
    function connect() {
      var current = new EventSource(url);
      source = current;
      current.addEventListener('open', function () {
        delay = 2000;
        back(handle);
      });
      current.addEventListener('error', function () {
        lost(handle);
        if (current.readyState !== EventSource.CLOSED) {
          return;
        }
        fetch('/api/v1/session', { credentials: 'same-origin' }).then(function (response) {
          if (response.status === 401) {
            window.location.href = '/login';
          } else {
            retryLater();
          }
        }, retryLater);
      });
      listeners.forEach(function (entry) { current.addEventListener(entry[0], entry[1]); });
    }
    connect();
    window.addEventListener('pagehide', function () {
      clearTimeout(timer);
      source.close();
    });
    window.addEventListener('pageshow', function (event) {
      if (event.persisted) {
        window.location.reload();
      }
    });
    return handle;
  }

  // The account bar at the top of every hub page: the user's name and role, the pages the role may open, and
  // "Uitloggen". One implementation for all pages: a page only loads /words.js and this script.
  function accountBar(who) {
    if (!who.role) {
      return;
    }
    var style = element('link');
    style.rel = 'stylesheet';
    style.href = '/account-bar.css';
    document.head.appendChild(style);
    var bar = element('nav', 'account-bar');
    bar.setAttribute('aria-label', word('bar.label'));
    var name = element('p', 'account-who');
    name.appendChild(element('strong', null, who.displayName || who.username));
    name.appendChild(document.createTextNode(' · ' + word('role.' + who.role, who.role)));
    bar.appendChild(name);
    // On a phone the bar is one line (issue 15): the name and role, and "Menu", which opens the pages, the sound switch
    // and "Uitloggen" beneath it; on a wider screen the menu's content stands in the bar itself (account-bar.css).
    var toggle = element('button', 'account-toggle', word('bar.menu'));
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', 'account-menu');
    bar.appendChild(toggle);
    var menu = element('div', 'account-menu');
    menu.id = 'account-menu';
    function openMenu(open) {
      bar.classList.toggle('open', open);
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
    toggle.addEventListener('click', function () {
      openMenu(!bar.classList.contains('open'));
    });
    bar.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && bar.classList.contains('open')) {
        openMenu(false);
        toggle.focus();
      }
    });
    document.addEventListener('click', function (event) {
      if (!bar.contains(event.target)) {
        openMenu(false);
      }
    });
    var list = element('ul', 'account-pages');
    var here = window.location.pathname === '/ct' ? '/' : window.location.pathname;
    (PAGES[who.role] || []).forEach(function (page) {
      var link = element('a', null, word(page[1]));
      link.href = page[0];
      if (page[0] === here || (page[0] === '/ct' && here === '/')) {
        link.setAttribute('aria-current', 'page');
      }
      var item = element('li');
      item.appendChild(link);
      list.appendChild(item);
    });
    menu.appendChild(list);
    menu.appendChild(soundSwitch());
    var out = element('button', 'account-logout', word('bar.logout'));
    out.type = 'button';
    out.addEventListener('click', function () {
      out.disabled = true;
      fetch('/api/v1/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf } })
        .finally(function () { window.location.href = '/login'; });
    });
    menu.appendChild(out);
    bar.appendChild(menu);
    document.body.insertBefore(bar, document.body.firstChild);
  }

  // Time left until a moment, written one way on every page (issue 15): 'nog 1 u 59 min', 'nog 12 min',
  // 'nog minder dan 1 min'; 'verlopen' once it has passed. ms is the time left in milliseconds.
  function timeLeft(ms) {
    if (ms <= 0) {
      return word('time.over', 'verlopen');
    }
    var minutes = Math.floor(ms / 60000);
    if (minutes < 1) {
      return word('time.underMinute', 'nog minder dan 1 min');
    }
    if (minutes < 60) {
      return 'nog ' + minutes + ' min';
    }
    return 'nog ' + Math.floor(minutes / 60) + ' u ' + (minutes % 60) + ' min';
  }

  // Alerts a worker on another tab notices (issue 15): the count of unseen alerts in the tab title and a short tone,
  // unless the tone is switched off on this computer (the switch in the account bar). Seeing the page clears them.
  var SOUND_KEY = 'opvang.sound';
  var baseTitle = document.title;
  var unseen = 0;
  function soundOn() {
    try {
      return window.localStorage.getItem(SOUND_KEY) !== 'off';
    } catch (e) {
      return true;
    }
  }
  function tone() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context || !soundOn()) {
      return;
    }
    try {
      var context = new Context();
      var oscillator = context.createOscillator();
      var gain = context.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, context.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start();
      oscillator.stop(context.currentTime + 0.4);
      oscillator.onended = function () { context.close(); };
    } catch (e) {
      // A browser that will not play before a click: the title still says it.
    }
  }
  function notify(what) {
    if (document.visibilityState === 'visible' && document.hasFocus()) {
      return;
    }
    unseen++;
    document.title = '(' + unseen + ') ' + what + ' · ' + baseTitle;
    tone();
  }
  function seen() {
    if (unseen > 0 && document.visibilityState === 'visible') {
      unseen = 0;
      document.title = baseTitle;
    }
  }
  document.addEventListener('visibilitychange', seen);
  window.addEventListener('focus', seen);
  function soundSwitch() {
    var button = element('button', 'account-sound');
    button.type = 'button';
    function show() {
      button.textContent = word(soundOn() ? 'bar.soundOn' : 'bar.soundOff');
      button.setAttribute('aria-pressed', soundOn() ? 'true' : 'false');
    }
    button.addEventListener('click', function () {
      try {
        window.localStorage.setItem(SOUND_KEY, soundOn() ? 'off' : 'on');
      } catch (e) {
        // No storage: the switch cannot be kept; nothing else to do.
      }
      show();
    });
    show();
    return button;
  }

  session.then(accountBar);

  // A button that prints the page (the printable overview; hidden on paper by the page's print style).
  document.querySelectorAll('[data-action="print"]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });

  // A request that changes something: body sent as JSON with the session's CSRF token; resolves to the answer's
  // status, whether it is a success (ok) and its JSON body, also when the hub refuses ({"error": …}).
  function send(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (answer) {
        return { status: response.status, ok: response.ok, body: answer };
      });
    });
  }

  // A GET of JSON: resolves to the answer, rejects with the hub's own Dutch error ({"error": …}) when it refuses.
  function getJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (json) {
          if (!response.ok) {
            throw new Error(json.error || 'Er ging iets mis.');
          }
          return json;
        });
      });
  }

  return {
    csrf: function () { return csrf; }, session: function () { return session; }, element: element, stream: stream,
    word: word, kind: kind, capitalised: capitalised, phoneLink: phoneLink, send: send, timeLeft: timeLeft,
    notify: notify, getJson: getJson
  };
})();
