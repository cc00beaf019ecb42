// Every page: sizes the stacked progress bars from their data-width (the Content-Security-Policy allows no inline
// style attributes; a style set from script is fine).
(function () {
    'use strict';
    function widths(root) {
        (root || document).querySelectorAll('[data-width]').forEach(function (el) {
            el.style.width = el.getAttribute('data-width');
        });
    }
    window.jobs = window.jobs || {};
    window.jobs.widths = widths;
    document.addEventListener('DOMContentLoaded', function () { widths(document); });
})();
