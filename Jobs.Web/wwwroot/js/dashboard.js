// Job dashboard: charts, and live numbers polled from /jobs/{id}/live every few seconds until the job is terminal.
// The page is complete without this script; it only keeps it current without a full reload.
(function () {
    'use strict';
    var root = document.getElementById('job-dashboard');
    if (!root) return;
    var jobId = root.getAttribute('data-job-id');
    var data = JSON.parse(document.getElementById('job-live').textContent);
    var pollMs = 3000;
    var charts = {};
    var lastDone = data.done;
    var lastStatus = data.status;
    // The flash message ("created and starting", "approved: the next batch starts") describes the job as it was
    // rendered. Any later transition makes it stale, except a scheduled job starting, which is what it announced.
    var flashVersion = data.version, flashStatus = data.status;

    function $(sel) { return root.querySelectorAll(sel); }
    function set(name, text) { $('[data-live="' + name + '"]').forEach(function (el) { el.textContent = text; }); }
    function num(n) { return Number(n).toLocaleString('en-US'); }
    function esc(s) {
        return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
            return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
        });
    }
    function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
    function clock(seconds) {
        // Short jobs (demos, simulations) finish within a minute: show seconds with a decimal there.
        if (seconds < 60) return (seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)) + 's';
        var s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
        return h > 0 ? h + 'h' + String(m).padStart(2, '0') : m + ':' + String(r).padStart(2, '0');
    }

    function buildCharts() {
        if (typeof Chart === 'undefined') return;
        Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
        Chart.defaults.animation = false;
        var success = css('--bs-success'), danger = css('--bs-danger'), grey = css('--bs-gray-400'), primary = css('--bs-primary');
        charts.batches = new Chart(document.getElementById('chart-batches'), {
            type: 'bar',
            data: { labels: [], datasets: [
                { label: 'Succeeded', data: [], backgroundColor: success },
                { label: 'Failed', data: [], backgroundColor: danger },
                { label: 'Other', data: [], backgroundColor: grey }
            ] },
            options: {
                maintainAspectRatio: false,
                scales: { x: { stacked: true, title: { display: true, text: 'batch' } }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'hosts' } } },
                plugins: { legend: { position: 'bottom' } }
            }
        });
        charts.timeline = new Chart(document.getElementById('chart-timeline'), {
            type: 'line',
            data: { datasets: [{ label: 'Hosts done', data: [], borderColor: primary, backgroundColor: primary + '33', fill: true, pointRadius: 0, tension: 0 }] },
            options: {
                maintainAspectRatio: false,
                parsing: false,
                scales: {
                    x: { type: 'linear', beginAtZero: true, title: { display: true, text: 'time since start' }, ticks: { callback: function (v) { return clock(v); } } },
                    y: { beginAtZero: true, suggestedMax: data.total, title: { display: true, text: 'hosts done' } }
                },
                plugins: { legend: { display: false }, tooltip: { callbacks: { title: function (items) { return clock(items[0].parsed.x); } } } }
            }
        });
    }

    function updateCharts(d) {
        if (charts.batches) {
            charts.batches.data.labels = d.batches.map(function (b) { return b.index; });
            charts.batches.data.datasets[0].data = d.batches.map(function (b) { return b.succeeded; });
            charts.batches.data.datasets[1].data = d.batches.map(function (b) { return b.failed + b.timedOut; });
            charts.batches.data.datasets[2].data = d.batches.map(function (b) { return b.other; });
            charts.batches.update();
        }
        if (charts.timeline) {
            charts.timeline.data.datasets[0].data = d.timeline.map(function (p) { return { x: p.x, y: p.y }; });
            charts.timeline.options.scales.y.suggestedMax = d.total;
            charts.timeline.update();
        }
    }

    function timeHtml(iso) {
        return iso ? '<time datetime="' + esc(iso) + '" data-local>' + esc(iso) + '</time>' : '<span class="text-secondary">—</span>';
    }

    function batchRow(b) {
        var failed = b.failed + b.timedOut;
        var gate = b.gatePassed === null ? '' : '<span class="badge ' + (b.gatePassed ? 'text-bg-success">passed' : 'text-bg-danger">failed') + '</span> ';
        return '<tr><td class="text-end"><a href="/jobs/' + jobId + '?batch=' + b.index + '#hosts">' + b.index + '</a></td>' +
            '<td class="text-end d-none d-sm-table-cell">' + num(b.size) + '</td>' +
            '<td><span class="badge text-bg-' + esc(b.statusTone) + '">' + esc(b.statusLabel) + '</span></td>' +
            '<td class="text-end text-success d-none d-sm-table-cell">' + num(b.succeeded) + '</td>' +
            '<td class="text-end ' + (failed > 0 ? 'text-danger fw-semibold' : 'text-secondary') + '">' + num(failed) + '</td>' +
            '<td class="text-end d-none d-sm-table-cell">' + num(b.running) + '</td>' +
            '<td class="gate-cell">' + gate + '<span class="small">' + esc(b.gateReason) + '</span></td>' +
            '<td class="text-end text-nowrap d-none d-sm-table-cell">' + esc(b.duration) + '</td></tr>';
    }

    function dropStaleFlash(d) {
        if (d.version === flashVersion) return;
        if (flashStatus === 'Scheduled' && d.status === 'Running' && d.version === flashVersion + 1) return;
        document.querySelectorAll('[data-flash]').forEach(function (el) { el.remove(); });
    }

    function updateNavBadge(count) {
        if (count === null || count === undefined) return;
        document.querySelectorAll('[data-testid="running-count"]').forEach(function (el) {
            el.textContent = String(count);
            el.hidden = count === 0;
        });
    }

    function apply(d) {
        dropStaleFlash(d);
        updateNavBadge(d.liveJobs);
        var badge = root.querySelector('[data-live="status"]');
        badge.className = badge.className.replace(/text-bg-\w+/, 'text-bg-' + d.statusTone);
        badge.textContent = d.statusLabel;
        set('stop-reason', d.stopReason || '');
        $('[data-live="stop-reason-box"]').forEach(function (el) { el.hidden = !d.stopReason; });
        set('notice', d.notice || '');
        $('[data-live="notice-box"]').forEach(function (el) { el.hidden = !d.notice; });
        ['succeeded', 'failed', 'timedOut', 'running', 'pending', 'canceled', 'skipped', 'ran'].forEach(function (k) { set(k, num(d[k])); });
        set('successRate', d.successRate || '—');
        set('stopped-at', d.stoppedAt ? ' · ' + d.stoppedAt : '');
        set('progress-text', d.progressPercent + '%');
        set('elapsed', d.elapsed);
        set('eta', d.eta);
        $('[data-live="bar-succeeded"]').forEach(function (el) { el.style.width = d.succeededPercent + '%'; });
        $('[data-live="bar-failed"]').forEach(function (el) { el.style.width = d.failedPercent + '%'; });
        $('[data-live="bar-other"]').forEach(function (el) { el.style.width = d.otherDonePercent + '%'; });
        $('[data-live="startedAt"]').forEach(function (el) { el.innerHTML = timeHtml(d.startedAt); });
        $('[data-live="finishedAt"]').forEach(function (el) { el.innerHTML = timeHtml(d.finishedAt); });
        $('[data-control]').forEach(function (el) { el.hidden = d.allowed.indexOf(el.getAttribute('data-control')) < 0; });
        document.getElementById('batch-rows').innerHTML = d.batches.map(batchRow).join('');
        if (window.jobs && window.jobs.localize) window.jobs.localize(root);
        updateCharts(d);
        root.setAttribute('data-status', d.status);
        root.setAttribute('data-terminal', d.terminal ? 'true' : 'false');
        if (d.terminal) set('refresh-note', 'Final.');
    }

    // The host table is server-paged; when hosts finished since the last poll, swap in the same page freshly rendered.
    function refreshHosts() {
        fetch(window.location.pathname + window.location.search, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.text() : null; })
            .then(function (html) {
                if (!html) return;
                var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('hosts');
                var current = document.getElementById('hosts');
                if (fresh && current) { current.innerHTML = fresh.innerHTML; if (window.jobs) window.jobs.localize(current); }
            })
            .catch(function () { /* the next poll tries again */ });
    }

    function poll() {
        fetch('/jobs/' + jobId + '/live', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
            .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
            .then(function (d) {
                apply(d);
                if (d.done !== lastDone || d.status !== lastStatus) refreshHosts();
                lastDone = d.done;
                lastStatus = d.status;
                if (!d.terminal) setTimeout(poll, pollMs);
            })
            .catch(function () { setTimeout(poll, pollMs * 2); });
    }

    buildCharts();
    updateCharts(data);
    if (!data.terminal) setTimeout(poll, pollMs);
})();
