// "Open now" on partner pages (README.md): each weekly hours table says
// whether the place is open at this moment, in its own time zone. The
// table carries its rows' days and ranges (minutes after midnight) and the
// status words in the page's language; without JavaScript the table alone
// is shown. No storage, no network.
(() => {
  const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  for (const table of document.querySelectorAll("table[data-timezone]")) {
    let now;
    try {
      const parts = new Intl.DateTimeFormat("en-US", {
        timeZone: table.dataset.timezone,
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).formatToParts(new Date());
      const part = (type) => parts.find((p) => p.type === type).value;
      now = { day: DAYS.indexOf(part("weekday").toLowerCase()), minutes: +part("hour") * 60 + +part("minute") };
    } catch {
      continue; // an unknown time zone: say nothing rather than guess
    }
    let open;
    for (const row of table.querySelectorAll("tr[data-days]")) {
      const [first, last = first] = row.dataset.days.split("-").map((d) => DAYS.indexOf(d));
      if (now.day < first || now.day > last) continue;
      open = row.dataset.ranges
        .split(",")
        .filter(Boolean)
        .some((range) => {
          const [start, end] = range.split("-").map(Number);
          return end > start ? now.minutes >= start && now.minutes < end : now.minutes >= start;
        });
    }
    if (open === undefined) continue; // today is not listed
    const status = document.createElement("p");
    status.className = "hours-now" + (open ? " hours-now--open" : "");
    status.textContent = table.dataset[open ? "open" : "closed"];
    table.before(status);
  }
})();
