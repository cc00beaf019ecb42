// JOBS pages: shows <time data-local datetime="…Z"> in the operator's time zone. Without JavaScript the
// server-rendered UTC text stays (it says "UTC").
(function () {
    'use strict';
    var fmt = new Intl.DateTimeFormat(undefined, {
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false
    });
    var zone = (Intl.DateTimeFormat().resolvedOptions().timeZone || '').replace(/_/g, ' ');

    function localize(root) {
        (root || document).querySelectorAll('time[data-local]').forEach(function (el) {
            var d = new Date(el.getAttribute('datetime'));
            if (isNaN(d.getTime())) return;
            el.textContent = fmt.format(d);
            el.title = el.getAttribute('datetime').replace('T', ' ').replace('Z', ' UTC') + (zone ? ' · shown in ' + zone : '');
        });
    }

    window.jobs = window.jobs || {};
    window.jobs.localize = localize;
    window.jobs.zone = zone;
    document.addEventListener('DOMContentLoaded', function () { localize(document); });
})();
