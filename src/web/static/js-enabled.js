// The NHS.UK template's first line, as a file so that the Content-Security-Policy can forbid inline script:
// marks the body for JavaScript (and for the frontend's modules), before the page is drawn.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
