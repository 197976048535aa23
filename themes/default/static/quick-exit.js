// Quick exit (README.md, README.md). First-party, no
// storage, no network. Settings and translated strings are data-*
// attributes of [data-quick-exit-root], so the page needs no inline script.
(() => {
  // Included twice? One set of listeners, so Shift x3 exits once (B9).
  if (window.havenQuickExit) return;
  window.havenQuickExit = 1;

  const d = document;
  const $ = (selector) => d.querySelector(selector);
  const data = (name) => $("[data-quick-exit-root]")?.getAttribute("data-" + name) || "";
  const say = (message) => {
    const status = $("[data-quick-exit-status]");
    if (status) status.textContent = message;
  };
  // The crisis lines fold into one line on a phone and start open where
  // there is room for them.
  if (matchMedia("(min-width: 48rem)").matches) $("[data-crisis-lines]")?.setAttribute("open", "");
  // A printed page lists the lines, whichever way they were folded.
  addEventListener("beforeprint", () => $("[data-crisis-lines]")?.setAttribute("open", ""));
  let presses = 0; // Shift presses counted so far
  let modified = 0; // the last key released was used with Shift held
  let leaving = 0;
  let timer, hush, title;

  const count = (n) => {
    presses = n;
    $("[data-quick-exit-root]")?.setAttribute("data-presses", n);
  };
  const reset = (expired) => {
    clearTimeout(timer);
    clearTimeout(hush);
    if (expired && presses) {
      say(data("expired"));
      hush = setTimeout(say, 5000, "");
    }
    count(0);
  };

  // B5: hide everything at once and neutralise the title, then replace this
  // history entry (never push: Back must not lead here again).
  const leave = (event) => {
    event?.preventDefault();
    const href = $(".quick-exit__link")?.href;
    if (leaving || !href) return;
    leaving = 1;
    try {
      sessionStorage.clear();
    } catch {}
    reset();
    say("");
    title = d.title;
    d.title = data("title");
    d.body.classList.add("qe-hidden");
    const cover = d.createElement("div");
    cover.className = "qe-overlay";
    cover.setAttribute("role", "alert");
    d.body.append(cover);
    // Text set after insertion is announced more reliably.
    cover.textContent = data("activated");
    location.replace(href);
  };

  // B9: Shift released 3 times, not as a modifier, at most 5 s apart; any
  // other key starts over.
  d.addEventListener("keyup", (event) => {
    if (event.key != "Shift") {
      modified = event.shiftKey;
      return reset(1);
    }
    if (modified) return (modified = 0);
    clearTimeout(timer);
    clearTimeout(hush);
    count(presses + 1);
    if (presses > 2) return leave();
    say(data(presses < 2 ? "press-two" : "press-one"));
    timer = setTimeout(reset, 5000, 1);
  }, true);

  d.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link) return;
    if (link.hasAttribute("data-quick-exit")) return leave(event);
    // B7: a plain left click on a link within the site replaces the current
    // entry, so the tab holds at most one entry of this site.
    const plain = !event.button && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
    const inSite = link.protocol == location.protocol && link.host == location.host;
    const samePage = link.pathname == location.pathname && link.hash;
    if (data("replace-history") != "true" || !plain || event.defaultPrevented || !inSite || samePage || link.target || link.hasAttribute("download")) return;
    event.preventDefault();
    location.replace(link.href);
  });

  // B14: a page restored from the back/forward cache must be usable.
  addEventListener("pageshow", () => {
    if (leaving) d.title = title;
    leaving = 0;
    reset();
    say("");
    d.body.classList.remove("qe-hidden");
    d.querySelectorAll(".qe-overlay").forEach((cover) => cover.remove());
  });
})();
