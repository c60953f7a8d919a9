// Enhancements where JavaScript runs: NHS.UK components, and uploading the file itself as the request
// body with a progress bar (the form still works without JavaScript, as multipart/form-data).
import { initAll } from '/assets/nhsuk-frontend.min.js';

initAll();

const form = document.getElementById('validate-form');
if (form && window.XMLHttpRequest) {
  form.addEventListener('submit', (event) => {
    const file = form.querySelector('#file').files[0];
    if (!file) return; // let the server say what is missing
    event.preventDefault();
    const standard = form.querySelector('#standard').value;
    const period = form.querySelector('#period').value.trim();
    const act = form.querySelector('input[name="act"]:checked')?.value ?? 'trial';
    const crumb = form.querySelector('input[name="crumb"]').value;
    const progress = document.getElementById('progress');
    const bar = document.getElementById('progress-bar');
    const text = document.getElementById('progress-text');
    progress.hidden = false;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/validate/upload?standard=${encodeURIComponent(standard)}&name=${encodeURIComponent(file.name)}&act=${act}${period ? `&period=${encodeURIComponent(period)}` : ''}`);
    xhr.setRequestHeader('X-CSRF-Token', crumb);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      bar.value = percent;
      text.textContent = percent < 100 ? `${percent}% uploaded` : 'Validating…';
    };
    xhr.onload = () => {
      // The report has its own address (a stored one, or a trial run's, held for a while): go there.
      const location = xhr.status === 201 ? xhr.getResponseHeader('Location') : null;
      if (location && (location.startsWith('/submissions/') || location.startsWith('/trials/'))) {
        text.textContent = 'Validated; opening the report…';
        window.location.assign(location);
        return;
      }
      // A refusal is the form again, with what is wrong.
      document.open();
      document.write(xhr.responseText);
      document.close();
      history.replaceState(null, '', '/validate');
    };
    xhr.onerror = () => { text.textContent = 'The upload failed; try again.'; };
    xhr.send(file);
  });
}
