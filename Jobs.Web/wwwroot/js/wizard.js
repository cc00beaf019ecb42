// Create-job wizard helpers. Every step works without this script (the server validates and recounts on submit);
// it adds the live match count, executor examples, placeholder insertion and the browser's time zone.
(function () {
    'use strict';
    var form = document.getElementById('wizard');
    if (!form) return;

    function esc(s) {
        return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
            return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
        });
    }
    function num(n) { return Number(n).toLocaleString('en-US'); }

    // --- Targets: live match count ---
    var filter = document.getElementById('Filter');
    var summary = document.getElementById('target-summary');
    if (filter && summary) {
        var timer = null, seq = 0, submitted = filter.value;
        var part = function (name) { return summary.querySelector('[data-t="' + name + '"]'); };
        var list = function (rows) {
            var items = rows.slice(0, 8).map(function (r) {
                return '<li class="d-flex"><span class="me-auto text-truncate">' + esc(r.value) + '</span><span class="text-secondary ms-1">' + r.count + '</span></li>';
            });
            if (rows.length > 8) items.push('<li class="text-secondary">+' + (rows.length - 8) + ' more</li>');
            return items.join('');
        };
        var render = function (t) {
            // The server's message from the last submit is stale once the filter changed.
            if (filter.value !== submitted) {
                form.querySelectorAll('[data-error-for="Filter"]').forEach(function (el) { el.remove(); });
                filter.classList.toggle('is-invalid', !!t.error);
            }
            if (t.error) {
                part('targets').textContent = '—';
                part('line').innerHTML = '<span class="text-danger">' + esc(t.error) + '</span>';
            } else {
                part('targets').textContent = num(t.targets);
                part('line').innerHTML = '<span><strong>' + num(t.targets) + '</strong> online target' + (t.targets === 1 ? '' : 's') + ' of ' +
                    num(t.matched) + ' matching; <strong>' + num(t.excluded) + '</strong> excluded (offline or maintenance).</span>';
            }
            part('details').hidden = !!t.error;
            part('byIdc').innerHTML = list(t.byIdc || []);
            part('byEnv').innerHTML = list(t.byEnv || []);
            part('byApp').innerHTML = list(t.byApp || []);
            part('sample').innerHTML = (t.sample || []).map(function (h) {
                return '<li>' + esc(h.hostname) + ' <span class="text-secondary">' + esc(h.ip) + ' · ' + esc(h.idc) + ' · ' + esc(h.env) + ' · ' + esc(h.app) + '</span></li>';
            }).join('');
            var ex = (t.excludedSample || []).map(function (h) {
                return '<li>' + esc(h.hostname) + ' <span class="badge text-bg-warning">' + esc(String(h.status).toLowerCase()) + '</span></li>';
            });
            if (!t.error && t.excluded === 0) ex.push('<li class="text-secondary">none</li>');
            if (t.excluded > (t.excludedSample || []).length) ex.push('<li class="text-secondary">… and ' + (t.excluded - t.excludedSample.length) + ' more</li>');
            part('excluded').innerHTML = ex.join('');
        };
        var refresh = function () {
            var mine = ++seq;
            summary.classList.add('loading');
            fetch('/jobs/new/targets?filter=' + encodeURIComponent(filter.value), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (t) { if (t && mine === seq) render(t); })
                .catch(function () { })
                .finally(function () { if (mine === seq) summary.classList.remove('loading'); });
        };
        filter.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(refresh, 300); });
        if (filter.value.trim() && part('targets').textContent.trim() === '—') refresh();
    }

    // --- Action: executor help and examples, placeholders ---
    var params = document.getElementById('Parameters');
    var radios = form.querySelectorAll('input[name="Executor"]');
    if (params && radios.length) {
        var current = function () { var r = form.querySelector('input[name="Executor"]:checked'); return r ? r : null; };
        var lastExample = current() ? current().getAttribute('data-example') : null;
        var showHelp = function () {
            var r = current();
            form.querySelectorAll('[data-executor-help]').forEach(function (el) {
                el.hidden = !r || el.getAttribute('data-executor-help') !== r.value;
            });
        };
        radios.forEach(function (r) {
            r.addEventListener('change', function () {
                var example = r.getAttribute('data-example');
                // Replace the parameters only when the operator has not edited the previous executor's example.
                if (!params.value.trim() || params.value === lastExample) params.value = example;
                lastExample = example;
                showHelp();
            });
        });
        form.querySelectorAll('.use-example').forEach(function (b) {
            b.hidden = false;
            b.addEventListener('click', function () { params.value = b.getAttribute('data-example'); params.focus(); });
        });
        form.querySelectorAll('[data-insert]').forEach(function (chip) {
            var insert = function () {
                var text = chip.getAttribute('data-insert');
                var s = params.selectionStart || params.value.length, e = params.selectionEnd || s;
                params.value = params.value.slice(0, s) + text + params.value.slice(e);
                params.focus();
                params.selectionStart = params.selectionEnd = s + text.length;
            };
            chip.addEventListener('click', insert);
            chip.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); insert(); } });
        });
    }

    // --- Strategy: typing a custom plan selects "custom" ---
    var custom = document.getElementById('CustomBatches');
    if (custom) {
        custom.addEventListener('input', function () { var r = document.getElementById('preset-custom'); if (r) r.checked = true; });
    }

    // --- Schedule: the operator's time zone; the offset at the chosen time travels with the form ---
    var at = document.getElementById('StartAtLocal');
    var offset = document.getElementById('TzOffsetMinutes');
    if (at && offset) {
        var zone = (window.jobs && window.jobs.zone) || 'your browser\'s time zone';
        // The same zone label as every time on the site (site.js): "UTC+8", "UTC+5:30".
        var fmtOffset = function (m) {
            if (window.jobs && window.jobs.offsetLabel) return window.jobs.offsetLabel(new Date(Date.now()), m);
            var sign = m >= 0 ? '+' : '-', a = Math.abs(m);
            return 'UTC' + sign + Math.floor(a / 60) + (a % 60 ? ':' + String(a % 60).padStart(2, '0') : '');
        };
        var update = function () {
            var d = at.value ? new Date(at.value) : new Date();
            var m = isNaN(d.getTime()) ? -new Date().getTimezoneOffset() : -d.getTimezoneOffset();
            offset.value = String(m);
            var note = document.getElementById('tz-note');
            if (note) note.textContent = 'In your time zone: ' + zone + ' (' + fmtOffset(m) + '). Stored as UTC.';
        };
        var now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000);
        at.min = now.toISOString().slice(0, 16);
        at.addEventListener('input', function () { var r = document.getElementById('start-at'); if (r) r.checked = true; update(); });
        update();
        form.addEventListener('submit', update);
    }
})();

// Keeps the operator's unfinished draft in this browser (issue 9, item 12), under a key named after the signed-in
// operator. Every step saves the whole form; a new wizard offers to continue it or discard it. Creating the job
// (or "Discard draft") removes it.
(function () {
    'use strict';
    var form = document.getElementById('wizard');
    if (!form || !window.localStorage) return;
    var key = form.getAttribute('data-draft-key');
    if (!key) return;
    var fresh = form.getAttribute('data-fresh') === 'true';
    var skip = { '__RequestVerificationToken': 1, 'nav': 1, 'IdempotencyKey': 1 };

    function read() { try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; } }
    function discard() { localStorage.removeItem(key); }
    function save() {
        var fields = [];
        new FormData(form).forEach(function (v, k) { if (!skip[k] && typeof v === 'string') fields.push([k, v]); });
        localStorage.setItem(key, JSON.stringify({
            step: Number(form.getAttribute('data-step-number')), stepName: form.getAttribute('data-step'),
            fields: fields, savedAt: new Date().toISOString()
        }));
    }
    function value(draft, name) {
        var f = draft.fields.filter(function (p) { return p[0] === name; })[0];
        return f ? f[1] : '';
    }
    // Posts the kept fields back as the step they were on ("goto" shows a step without validating it again).
    function resume(draft) {
        var post = document.createElement('form');
        post.method = 'post';
        post.action = form.action;
        post.hidden = true;
        var add = function (k, v) { var i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; post.appendChild(i); };
        add('__RequestVerificationToken', form.querySelector('input[name="__RequestVerificationToken"]').value);
        draft.fields.forEach(function (p) { if (p[0] !== 'step') add(p[0], p[1]); });
        // Review needs the plan, which only a validated Schedule step computes: go "next" from there.
        var review = draft.step >= 5;
        add('step', String(review ? 4 : draft.step));
        add('nav', review ? 'next' : 'goto-' + draft.step);
        document.body.appendChild(post);
        post.submit();
    }

    document.querySelectorAll('[data-discard-draft]').forEach(function (el) {
        el.addEventListener('click', function (ev) {
            discard();
            var banner = document.getElementById('draft-banner');
            if (banner && el.tagName === 'BUTTON') { ev.preventDefault(); banner.hidden = true; }
        });
    });
    form.addEventListener('submit', function (ev) {
        if (ev.submitter && ev.submitter.value === 'create') discard(); else save();
    });

    var kept = read();
    if (fresh && kept && kept.fields && kept.fields.length) {
        var banner = document.getElementById('draft-banner');
        var name = value(kept, 'Name');
        var when = window.jobs && window.jobs.format ? window.jobs.format(new Date(kept.savedAt)) : kept.savedAt;
        banner.querySelector('[data-draft-text]').textContent = 'You have an unfinished draft' + (name ? ' “' + name + '”' : '') +
            ', left at step ' + kept.step + ' (' + kept.stepName + ') on ' + when + '.';
        banner.querySelector('[data-resume-draft]').addEventListener('click', function () { resume(kept); });
        banner.hidden = false;
        // Typing into the new, empty wizard starts a new draft: the old one is then replaced on the next step.
        form.addEventListener('input', function () { banner.hidden = true; }, { once: true });
    } else if (!fresh) {
        save();
        // Edits on this step are kept too, even when the operator leaves without pressing Next.
        form.addEventListener('input', save);
        form.addEventListener('change', save);
    }
})();
