// Template page: the next five runs of the schedule being typed, from /templates/schedules/preview (server-rendered).
(function () {
    'use strict';
    const form = document.querySelector('[data-schedule-form]');
    if (!form) return;
    const cron = form.querySelector('[name="Cron"]');
    const zone = form.querySelector('[name="TimeZone"]');
    const target = form.querySelector('[data-next-runs]');
    let timer = null;
    let seq = 0;
    async function refresh() {
        const mine = ++seq;
        const url = '/templates/schedules/preview?cron=' + encodeURIComponent(cron.value) + '&timeZone=' + encodeURIComponent(zone.value);
        try {
            const response = await fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' });
            if (!response.ok || mine !== seq) return;
            target.innerHTML = await response.text();
        } catch (e) {
            // Offline or signed out: the "Show next runs" button still works without script.
        }
    }
    function schedule() {
        clearTimeout(timer);
        timer = setTimeout(refresh, 300);
    }
    cron.addEventListener('input', schedule);
    zone.addEventListener('input', schedule);
    if (!target.textContent.trim()) refresh();
})();
