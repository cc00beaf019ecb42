// JOBS pages: shows <time data-local datetime="…Z"> in the operator's time zone, in one format everywhere, always
// with its zone: "2026-12-01 11:34:00 UTC+8" (issue 9, item 8). Without JavaScript the server-rendered text stays,
// in the same format with "UTC".
(function () {
    'use strict';
    var zone = (Intl.DateTimeFormat().resolvedOptions().timeZone || '').replace(/_/g, ' ');
    function pad(n) { return String(n).padStart(2, '0'); }

    // "UTC+8", "UTC+5:30", "UTC-3", "UTC" for the offset in effect at that instant (daylight saving included).
    function offsetLabel(d, minutes) {
        var m = typeof minutes === 'number' ? minutes : -d.getTimezoneOffset();
        if (m === 0) return 'UTC';
        var a = Math.abs(m);
        return 'UTC' + (m > 0 ? '+' : '-') + Math.floor(a / 60) + (a % 60 ? ':' + pad(a % 60) : '');
    }

    function format(d) {
        return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
            pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + ' ' + offsetLabel(d);
    }

    function localize(root) {
        (root || document).querySelectorAll('time[data-local]').forEach(function (el) {
            var d = new Date(el.getAttribute('datetime'));
            if (isNaN(d.getTime())) return;
            el.textContent = format(d);
            el.title = el.getAttribute('datetime').replace('T', ' ').replace('Z', ' UTC') + (zone ? ' · shown in ' + zone : '');
        });
    }

    window.jobs = window.jobs || {};
    window.jobs.localize = localize;
    window.jobs.format = format;
    window.jobs.offsetLabel = offsetLabel;
    window.jobs.zone = zone;
    document.addEventListener('DOMContentLoaded', function () { localize(document); });
})();
