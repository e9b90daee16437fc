// Herald's pages: live send progress (Server-Sent Events), the preview's dark-mode toggle, the manual queue's copy button, the signup form's time zone. No framework.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  // The manual queue's "Copy text": the clipboard where the browser allows it, else the text selected for Ctrl+C.
  document.querySelectorAll('[data-copy]').forEach((button) => {
    button.addEventListener('click', () => {
      const field = document.getElementById(button.getAttribute('data-copy'));
      const done = () => { button.textContent = 'Copied'; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, () => { field.select(); });
      } else {
        field.select();
        if (document.execCommand('copy')) { done(); }
      }
    });
  });

  // The signup form's time zone: the browser's own, written into the field for the reader to see and confirm.
  document.querySelectorAll('[data-browser-zone]').forEach((field) => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!field.value && zone) {
      field.value = zone;
      field.setAttribute('value', zone);
    }
  });

  document.querySelectorAll('[data-dark-toggle]').forEach((button) => {
    button.addEventListener('click', () => {
      const dark = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(dark));
      document.querySelectorAll('iframe.email').forEach((frame) => {
        const url = new URL(frame.src, location.href);
        if (dark) { url.searchParams.set('dark', '1'); } else { url.searchParams.delete('dark'); }
        frame.src = url.pathname + url.search;
      });
    });
  });

  document.querySelectorAll('[data-send-events]').forEach((row) => {
    const source = new EventSource(row.getAttribute('data-send-events'));
    source.onmessage = (event) => {
      const report = JSON.parse(event.data);
      const done = report.sent + report.failed + report.skipped + report.cancelled;
      const bar = row.querySelector('progress');
      bar.max = Math.max(report.total, 1);
      bar.value = report.total === 0 ? 1 : done;
      const percent = report.total === 0 ? 100 : Math.floor((done * 100) / report.total);
      row.querySelector('[data-field=percent]').textContent = percent + '%';
      row.querySelector('[data-field=counts]').textContent =
        report.sent + ' sent, ' + report.failed + ' failed, ' + report.skipped + ' skipped of ' + report.total;
      const later = row.querySelector('[data-field=due-later]');
      if (later) {
        later.textContent = report.dueLater > 0
          ? report.dueLater + " due later (a local hour or a subject test's end); next at " + report.nextRelease : '';
      }
      row.querySelector('[data-field=status]').textContent = report.status;
      row.querySelector('[data-field=rate]').textContent = report.rate + ' /s';
      row.querySelector('[data-field=eta]').textContent = report.eta ? new Date(report.eta).toLocaleTimeString() : '';
      if (report.status === 'finished' || report.status === 'cancelled' || report.status === 'paused') {
        source.close();
        // The server's buttons for a running send no longer apply: reload shows the right ones.
        row.querySelectorAll('form').forEach((form) => { form.hidden = report.status !== 'paused'; });
        if (report.status === 'paused') { location.reload(); }
      }
    };
    source.onerror = () => source.close();
  });
});
