// DOM helpers. Everything from the server goes in as text (text nodes, attribute values, never
// innerHTML), so a stored name such as <img src=x onerror=alert(1)> shows as those characters.

/** An element: h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child, ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let ids = 0;
const nextId = () => `f${++ids}`;

/** A message area; set its text to show an error (role=alert: screen readers announce it). */
export const errorBox = () => h('div', { class: 'error', role: 'alert' });
export const okBox = () => h('div', { class: 'ok', role: 'status' });

/** A labelled input or select. spec: {name, label, type, value, required, options: [[value, text]]}. */
export function field(spec) {
  const id = nextId();
  const control = spec.options
    ? h('select', { id, name: spec.name, required: spec.required },
        spec.options.map(([value, text]) => h('option', { value, selected: String(value) === String(spec.value ?? '') }, text)))
    : h('input', { id, name: spec.name, type: spec.type || 'text', value: spec.value ?? '',
        required: spec.required, min: spec.min, autocomplete: 'off' });
  return h('div', { class: 'field' }, h('label', { for: id }, spec.label), control);
}

/**
 * A form that calls submit(values) and shows the outcome in its own message areas: the refusal's
 * sentence (describe(error, what)) on failure, `done` on success.
 */
export function form({ fields, label, what, submit, describe, className = 'inline', done }) {
  const error = errorBox();
  const ok = okBox();
  const button = h('button', { type: 'submit' }, label);
  const el = h('form', { class: className, 'aria-label': what }, fields.map(field), h('div', { class: 'actions' }, button));
  el.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    ok.textContent = '';
    const values = Object.fromEntries(new FormData(el).entries());
    button.disabled = true;
    try {
      const result = await submit(values);
      if (done) ok.textContent = typeof done === 'function' ? done(result) : done;
    } catch (e) {
      error.textContent = describe(e, what);
    } finally {
      button.disabled = false;
    }
  });
  return h('div', {}, el, error, ok);
}

/** A table; columns: [[heading, row => cell content]]. Each cell carries its heading for phone width. */
export function table(columns, rows, empty = 'Nothing here yet.') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(([heading, cell]) => h('td', { 'data-label': heading || null }, cell(row)))))));
}

/** "2 of 3 users" with a bar; -1 is unlimited. Marked full when no slot is left. */
export function usage(label, used, limit) {
  const unlimited = limit < 0;
  const full = !unlimited && used >= limit;
  const text = unlimited ? `${label}: ${used} (unlimited)` : `${label}: ${used} of ${limit}${full ? ' (full)' : ''}`;
  return h('div', { class: full ? 'usage full' : 'usage' },
    // optimum 0 and high at the limit: the bar turns to a warning colour as the last slots go.
    unlimited ? null : h('meter', { min: 0, max: Math.max(limit, 1), value: used, optimum: 0,
      low: Math.max(limit, 1) * 0.7, high: Math.max(limit, 1) - 0.5, 'aria-label': text }),
    h('span', {}, text));
}

/** A button that runs action() and reports a refusal into `error`. */
export function actionButton(text, action, { error, describe, what, className } = {}) {
  return h('button', {
    type: 'button', class: className,
    onclick: async event => {
      event.target.disabled = true;
      if (error) error.textContent = '';
      try { await action(); } catch (e) { if (error) error.textContent = describe(e, what || text); }
      finally { event.target.disabled = false; }
    },
  }, text);
}

export const section = (title, ...children) => h('section', { 'aria-label': title }, h('h2', {}, title), ...children);
export const link = (href, text) => h('a', { href }, text);
export const fullName = u => `${u.firstName} ${u.lastName}`;
export const when = iso => (iso ? new Date(iso).toLocaleString() : '');
