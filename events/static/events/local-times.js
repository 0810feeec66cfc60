/* Shows each session's time in the visitor's own time zone next to the event's time.
   Progressive enhancement: without JavaScript the event's time (with its UTC offset) stands. */
(function () {
  "use strict";
  function pad(n) { return String(n).padStart(2, "0"); }
  function offsetLabel(date) {
    var minutes = -date.getTimezoneOffset();
    var sign = minutes >= 0 ? "+" : "-";
    minutes = Math.abs(minutes);
    return "UTC" + sign + pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
  }
  function clock(date) { return pad(date.getHours()) + ":" + pad(date.getMinutes()); }
  function enhance() {
    var times = document.querySelectorAll("time[data-local-start]");
    Array.prototype.forEach.call(times, function (time) {
      var start = new Date(time.getAttribute("data-local-start"));
      var end = new Date(time.getAttribute("data-local-end"));
      var target = time.nextElementSibling;
      if (isNaN(start) || isNaN(end) || !target || !target.classList.contains("local-time")) {
        return;
      }
      var day = start.toLocaleDateString(undefined, { day: "numeric", month: "short" });
      target.textContent = "(" + target.getAttribute("data-local-label") + ": " + day + ", " +
        clock(start) + "\u2013" + clock(end) + " " + offsetLabel(start) + ")";
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
