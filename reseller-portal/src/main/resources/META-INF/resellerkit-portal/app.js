// The portal: one page, screens chosen by the address's #fragment, every read and write through
// the HTTP API as the signed-in user. The API decides who may do what; the portal only shows it.
import { ApiError, apiBase, describe, get, patch, post, query, remove } from './api.js';
import { actionButton, errorBox, field, form, fullName, h, link, section, table, usage, when } from './ui.js';

const main = document.getElementById('main');
const STAFF = ['reseller-admin', 'reseller-sales', 'reseller-support', 'reseller-read-only'];
let me = null;
let flash = '';
let renders = 0;

const show = (...children) => main.replaceChildren(...children);
const id = value => encodeURIComponent(value);

/** Re-renders the current screen with a message on top (after a write succeeded). */
function done(message) {
  flash = message;
  return route();
}

function home() {
  if (me.role === 'admin') return '#/resellers';
  if (STAFF.includes(me.role)) return `#/resellers/${me.resellerId}`;
  if (me.role === 'organization-admin') return `#/organizations/${me.organizationId}`;
  return '#/me';
}

function navigation() {
  const items = me.role === 'admin'
    ? [['#/resellers', 'Resellers'], ['#/licenses', 'Licenses'], ['#/audit', 'Audit log']]
    : STAFF.includes(me.role)
      ? [[home(), 'My reseller'], ['#/audit', 'Audit trail']]
      : me.role === 'organization-admin' ? [[home(), 'My organization']] : [['#/me', 'My licenses']];
  document.getElementById('nav').replaceChildren(...items.map(([href, text]) => link(href, text)));
  document.getElementById('who').textContent = `${me.email} (${me.role})`;
}

const screens = [
  [/^\/resellers$/, resellersScreen],
  [/^\/resellers\/([^/]+)$/, resellerScreen],
  [/^\/organizations\/([^/]+)$/, organizationScreen],
  [/^\/licenses$/, licensesScreen],
  [/^\/audit$/, auditScreen],
  [/^\/me$/, meScreen],
];

async function route() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '';
  if (!hash) { location.replace(home()); return; }
  const [path, search] = hash.split('?');
  const params = new URLSearchParams(search || '');
  const found = screens.map(([pattern, screen]) => [path.match(pattern), screen]).find(([m]) => m);
  const render = ++renders;
  try {
    if (!found) throw new ApiError(404, { code: 'not_found', detail: `no screen at ${path}` });
    const [match, screen] = found;
    // A screen loads everything first and builds its view only then: a refused read shows nothing.
    const view = await screen(...match.slice(1).map(decodeURIComponent), params);
    if (render !== renders) return;
    const message = flash ? [h('div', { class: 'ok', role: 'status' }, flash)] : [];
    flash = '';
    show(...message, view);
  } catch (e) {
    if (render !== renders) return;
    show(h('h1', {}, 'Not available'), h('div', { class: 'error', role: 'alert' }, describe(e, 'Opening this page')),
      h('p', {}, link(home(), 'Back to your start page')));
  }
}

// ---- Vendor: resellers ----------------------------------------------------------------------

async function resellersScreen(params) {
  const filters = { name: params.get('name') || '', email: params.get('email') || '', status: params.get('status') || '' };
  const page = await get('/resellers' + query({ ...filters, cursor: params.get('cursor'), limit: 50 }));
  const filterForm = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter resellers' });
  filterForm.append(...[
    { name: 'name', label: 'Name', value: filters.name },
    { name: 'email', label: 'Email', value: filters.email },
    { name: 'status', label: 'Status', value: filters.status,
      options: [['', 'any'], ['invited', 'invited'], ['active', 'active'], ['suspended', 'suspended'], ['terminated', 'terminated']] },
  ].map(field), h('button', { type: 'submit' }, 'Filter'));
  filterForm.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/resellers' + query(Object.fromEntries(new FormData(filterForm).entries()));
  });
  return h('div', {},
    h('h1', {}, 'Resellers'),
    section('Find', filterForm),
    section('All resellers',
      table([
        ['Name', r => link(`#/resellers/${id(r.id)}`, r.name)],
        ['Email', r => r.email],
        ['Status', r => h('span', { class: `badge ${r.status}` }, r.status)],
        ['Users allowed', r => (r.allowedUsers < 0 ? 'unlimited' : r.allowedUsers)],
        ['Organizations allowed', r => (r.allowedOrganizations < 0 ? 'unlimited' : r.allowedOrganizations)],
      ], page.items, 'No reseller matches.'),
      page.nextCursor ? link('#/resellers' + query({ ...filters, cursor: page.nextCursor }), 'Next page') : null),
    section('New reseller', form({
      what: 'Creating the reseller', label: 'Create reseller', describe,
      fields: [
        { name: 'name', label: 'Name', required: true },
        { name: 'email', label: 'Email', type: 'email', required: true },
        { name: 'allowedUsers', label: 'Users allowed (-1: unlimited)', type: 'number', min: -1, value: 10, required: true },
        { name: 'allowedOrganizations', label: 'Organizations allowed (-1: unlimited)', type: 'number', min: -1, value: 5, required: true },
      ],
      submit: async v => {
        const r = await post('/resellers', { name: v.name, email: v.email,
          allowedUsers: Number(v.allowedUsers), allowedOrganizations: Number(v.allowedOrganizations) });
        flash = `Reseller ${r.name} created.`;
        location.hash = `#/resellers/${id(r.id)}`;
      },
    })));
}

// ---- A reseller: quotas, organizations, users, licenses ---------------------------------------

async function resellerScreen(resellerId) {
  // The reseller first: out of reach, it is the one refusal (and the one access.denied event).
  const reseller = await get(`/resellers/${id(resellerId)}`);
  const [use, users, organizations, licenses] = await Promise.all([
    get(`/resellers/${id(resellerId)}/usage`),
    get('/users' + query({ resellerId, limit: 100 })),
    get('/organizations' + query({ resellerId, limit: 100 })),
    get('/licenses' + query({ resellerId, limit: 100 })),
  ]);
  const vendor = me.role === 'admin';
  const orgName = Object.fromEntries(organizations.items.map(o => [o.id, o.name]));
  const orgUse = Object.fromEntries(use.organizationUsage.map(o => [o.organizationId, o]));
  const userName = Object.fromEntries(users.items.map(u => [u.id, fullName(u)]));
  const quotaUsers = usage('Users', use.users, use.allowedUsers);
  const quotaOrganizations = usage('Organizations', use.organizations, use.allowedOrganizations);
  const statusError = errorBox();

  const roles = vendor ? [['user', 'user'], ['organization-admin', 'organization-admin'], ['reseller-admin', 'reseller-admin']]
    : [['user', 'user'], ['organization-admin', 'organization-admin']];

  return h('div', {},
    h('h1', {}, reseller.name, ' ', h('span', { class: `badge ${reseller.status}` }, reseller.status)),
    section('Quotas', quotaUsers, quotaOrganizations,
      vendor ? form({
        what: 'Changing the quotas', label: 'Save quotas', describe,
        fields: [
          { name: 'allowedUsers', label: 'Users allowed (-1: unlimited)', type: 'number', min: -1, value: reseller.allowedUsers },
          { name: 'allowedOrganizations', label: 'Organizations allowed (-1: unlimited)', type: 'number', min: -1, value: reseller.allowedOrganizations },
        ],
        submit: v => patch(`/resellers/${id(resellerId)}`, { allowedUsers: Number(v.allowedUsers),
          allowedOrganizations: Number(v.allowedOrganizations) }, reseller.version).then(() => done('Quotas saved.')),
      }) : null),
    vendor ? section('Details',
      form({
        what: 'Saving the details', label: 'Save details', describe,
        fields: [
          { name: 'name', label: 'Name', value: reseller.name, required: true },
          { name: 'email', label: 'Email', type: 'email', value: reseller.email, required: true },
          { name: 'phone', label: 'Phone', value: reseller.phone },
          { name: 'companyAddress', label: 'Company address', value: reseller.companyAddress },
        ],
        // Empty fields stay as they are (PATCH is partial).
        submit: v => patch(`/resellers/${id(resellerId)}`, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')), reseller.version).then(() => done('Details saved.')),
      }),
      h('div', { class: 'actions' },
        reseller.status === 'active'
          ? actionButton('Suspend reseller', () => post(`/resellers/${id(resellerId)}/suspend`).then(() => done('Reseller suspended.')),
            { error: statusError, describe, what: 'Suspending the reseller', className: 'danger' })
          : actionButton('Reactivate reseller', () => post(`/resellers/${id(resellerId)}/reactivate`).then(() => done('Reseller reactivated.')),
            { error: statusError, describe, what: 'Reactivating the reseller' })),
      statusError) : null,
    section('Organizations',
      table([
        ['Name', o => link(`#/organizations/${id(o.id)}`, o.name)],
        ['Email', o => o.email],
        ['Users', o => usage('Users', orgUse[o.id]?.users ?? 0, o.allowedUsers)],
      ], organizations.items, 'No organizations yet.'),
      h('h3', {}, 'New organization'), quotaOrganizations.cloneNode(true),
      form({
        what: 'Creating the organization', label: 'Create organization', describe,
        fields: [
          { name: 'name', label: 'Organization name', required: true },
          { name: 'email', label: 'Organization email', type: 'email', required: true },
          { name: 'allowedUsers', label: 'Its users allowed (-1: unlimited)', type: 'number', min: -1, value: 10, required: true },
        ],
        submit: v => post('/organizations', { name: v.name, email: v.email, allowedUsers: Number(v.allowedUsers), resellerId })
          .then(o => done(`Organization ${o.name} created.`)),
      })),
    section('Users',
      table([
        ['Name', u => fullName(u)],
        ['Email', u => u.email],
        ['Role', u => u.role],
        ['Organization', u => (u.organizationId ? orgName[u.organizationId] ?? u.organizationId : '—')],
        ['', u => (u.id === me.id ? null : userDelete(u))],
      ], users.items, 'No users yet.'),
      h('h3', {}, 'New user'), quotaUsers.cloneNode(true),
      form({
        what: 'Creating the user', label: 'Create user', describe,
        fields: [
          { name: 'firstName', label: 'First name', required: true },
          { name: 'lastName', label: 'Last name', required: true },
          { name: 'email', label: 'Email', type: 'email', required: true },
          { name: 'role', label: 'Role', options: roles },
          { name: 'organizationId', label: 'Organization',
            options: [['', '— none (a customer of the reseller) —'], ...organizations.items.map(o => [o.id, o.name])] },
        ],
        submit: v => post('/users', { firstName: v.firstName, lastName: v.lastName, email: v.email, role: v.role,
          resellerId: v.organizationId ? null : resellerId, organizationId: v.organizationId || null })
          .then(u => done(`User ${u.email} created.`)),
      })),
    section('Licenses', licenseTable(licenses.items, { users: users.items, organizations: organizations.items, userName, orgName })),
    h('p', {}, link('#/audit' + query({ resellerId }), `Audit trail of ${reseller.name}`)));
}

function userDelete(user) {
  const error = errorBox();
  return h('div', {}, actionButton(`Delete ${user.email}`, () => remove(`/users/${id(user.id)}`).then(() => done(`User ${user.email} deleted.`)),
    { error, describe, what: 'Deleting the user', className: 'secondary' }), error);
}

// Licenses allocated to a reseller, with assign and unassign.
function licenseTable(items, { users, organizations, userName, orgName }) {
  return table([
    ['Key', l => l.key],
    ['Product', l => l.productId],
    ['State', l => (l.revoked ? 'revoked' : l.suspended ? 'suspended' : 'valid')],
    ['Assigned to', l => (l.userId ? userName[l.userId] ?? l.userId : l.organizationId ? orgName[l.organizationId] ?? l.organizationId : '—')],
    ['', l => {
      const error = errorBox();
      if (l.userId || l.organizationId) {
        return h('div', {}, actionButton('Unassign', () => post(`/licenses/${id(l.id)}/unassign`).then(() => done('License unassigned.')),
          { error, describe, what: 'Unassigning the license', className: 'secondary' }), error);
      }
      return form({
        what: 'Assigning the license', label: 'Assign', describe,
        fields: [{ name: 'assignee', label: `Assign ${l.key} to`, options: [
          ...organizations.map(o => [`organization:${o.id}`, `${o.name} (organization)`]),
          ...users.filter(u => !STAFF.includes(u.role)).map(u => [`user:${u.id}`, `${fullName(u)} <${u.email}>`])] }],
        submit: v => {
          const [kind, target] = v.assignee.split(':');
          return patch(`/licenses/${id(l.id)}`, kind === 'user' ? { userId: target } : { organizationId: target })
            .then(() => done('License assigned.'));
        },
      });
    }],
  ], items, 'No licenses allocated.');
}

// ---- An organization: its users and licenses ------------------------------------------------

async function organizationScreen(organizationId) {
  const organization = await get(`/organizations/${id(organizationId)}`);
  const [users, licenses] = await Promise.all([
    get('/users' + query({ organizationId, limit: 100 })),
    get('/licenses' + query({ organizationId, limit: 100 })),
  ]);
  const members = usage('Users', users.items.length, organization.allowedUsers);
  return h('div', {},
    h('h1', {}, organization.name),
    section('Users', members,
      table([
        ['Name', u => fullName(u)],
        ['Email', u => u.email],
        ['Role', u => u.role],
        ['', u => (u.id === me.id ? null : userDelete(u))],
      ], users.items, 'No users yet.'),
      h('h3', {}, 'New user'),
      form({
        what: 'Creating the user', label: 'Create user', describe,
        fields: [
          { name: 'firstName', label: 'First name', required: true },
          { name: 'lastName', label: 'Last name', required: true },
          { name: 'email', label: 'Email', type: 'email', required: true },
          { name: 'role', label: 'Role', options: [['user', 'user'], ['organization-admin', 'organization-admin']] },
        ],
        submit: v => post('/users', { ...v, organizationId }).then(u => done(`User ${u.email} created.`)),
      })),
    section('Licenses', table([
      ['Key', l => l.key], ['Product', l => l.productId], ['Activations allowed', l => (l.allowedActivations < 0 ? 'unlimited' : l.allowedActivations)],
      ['Expires', l => when(l.expiresAt) || 'never'],
    ], licenses.items, 'No licenses assigned to this organization.')));
}

// ---- Vendor: licenses -----------------------------------------------------------------------

async function licensesScreen(params) {
  const filters = { productId: params.get('productId') || '', resellerId: params.get('resellerId') || '' };
  const [page, resellers] = await Promise.all([
    get('/licenses' + query({ ...filters, cursor: params.get('cursor'), limit: 50 })),
    get('/resellers?limit=100'),
  ]);
  const resellerName = Object.fromEntries(resellers.items.map(r => [r.id, r.name]));
  const resellerOptions = resellers.items.map(r => [r.id, r.name]);
  const filterForm = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter licenses' },
    field({ name: 'productId', label: 'Product', value: filters.productId }),
    field({ name: 'resellerId', label: 'Reseller', value: filters.resellerId, options: [['', 'any'], ...resellerOptions] }),
    h('button', { type: 'submit' }, 'Filter'));
  filterForm.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/licenses' + query(Object.fromEntries(new FormData(filterForm).entries()));
  });
  return h('div', {},
    h('h1', {}, 'Licenses'),
    section('Find', filterForm),
    section('Licenses', table([
      ['Key', l => l.key],
      ['Product', l => l.productId],
      ['Reseller', l => (l.resellerId ? resellerName[l.resellerId] ?? l.resellerId : '— not allocated —')],
      ['Assigned', l => (l.userId || l.organizationId ? 'yes' : 'no')],
      ['', l => {
        if (l.resellerId) {
          const error = errorBox();
          return h('div', {}, actionButton('Take back', () => post(`/licenses/${id(l.id)}/take-back`).then(() => done('License taken back.')),
            { error, describe, what: 'Taking the license back', className: 'secondary' }), error);
        }
        return form({
          what: 'Allocating the license', label: 'Allocate', describe,
          fields: [{ name: 'resellerId', label: `Allocate ${l.key} to`, options: resellerOptions }],
          submit: v => post(`/licenses/${id(l.id)}/allocate`, { resellerId: v.resellerId }).then(() => done('License allocated.')),
        });
      }],
    ], page.items, 'No license matches.'),
    page.nextCursor ? link('#/licenses' + query({ ...filters, cursor: page.nextCursor }), 'Next page') : null),
    section('New license', form({
      what: 'Creating the license', label: 'Create license', describe,
      fields: [
        { name: 'productId', label: 'Product id', required: true },
        { name: 'allowedActivations', label: 'Activations allowed (-1: unlimited)', type: 'number', min: -1, value: 1, required: true },
        { name: 'resellerId', label: 'Allocate to', options: [['', '— none —'], ...resellerOptions] },
      ],
      submit: v => post('/licenses', { productId: v.productId, allowedActivations: Number(v.allowedActivations),
        resellerId: v.resellerId || null }).then(l => done(`License ${l.key} created.`)),
    })));
}

// ---- The audit log: every filter, paging, export ----------------------------------------------

const AUDIT_FILTERS = ['resellerId', 'actorEmail', 'actorId', 'action', 'resource', 'resourceId', 'requestId',
  'search', 'createdAfter', 'createdBefore', 'sort'];

async function auditScreen(params) {
  const filters = Object.fromEntries(AUDIT_FILTERS.map(name => [name, params.get(name) || '']));
  if (me.role !== 'admin') filters.resellerId = me.resellerId;
  const instant = local => (local ? new Date(local).toISOString() : '');
  const apiFilters = { ...filters, createdAfter: instant(filters.createdAfter), createdBefore: instant(filters.createdBefore) };
  const [page, resellers] = await Promise.all([
    get('/audit-logs' + query({ ...apiFilters, cursor: params.get('cursor'), limit: 50 })),
    me.role === 'admin' ? get('/resellers?limit=100') : Promise.resolve({ items: [] }),
  ]);
  const filterForm = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the audit log' },
    me.role === 'admin'
      ? field({ name: 'resellerId', label: 'Reseller', value: filters.resellerId,
        options: [['', 'any'], ...resellers.items.map(r => [r.id, r.name])] }) : null,
    field({ name: 'actorEmail', label: 'Actor email', value: filters.actorEmail }),
    field({ name: 'actorId', label: 'Actor id', value: filters.actorId }),
    field({ name: 'action', label: 'Action (e.g. user.created)', value: filters.action }),
    field({ name: 'resource', label: 'Resource type', value: filters.resource }),
    field({ name: 'resourceId', label: 'Resource id', value: filters.resourceId }),
    field({ name: 'requestId', label: 'Request id', value: filters.requestId }),
    field({ name: 'search', label: 'Text', value: filters.search }),
    field({ name: 'createdAfter', label: 'From', type: 'datetime-local', value: filters.createdAfter }),
    field({ name: 'createdBefore', label: 'Until', type: 'datetime-local', value: filters.createdBefore }),
    field({ name: 'sort', label: 'Order', value: filters.sort, options: [['', 'newest first'], ['createdAt', 'oldest first']] }),
    h('button', { type: 'submit' }, 'Filter'));
  filterForm.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/audit' + query(Object.fromEntries(new FormData(filterForm).entries()));
  });
  const exportQuery = query(apiFilters);
  return h('div', {},
    h('h1', {}, me.role === 'admin' ? 'Audit log' : 'Audit trail'),
    section('Find', filterForm,
      h('p', { class: 'actions' }, 'Export every match: ',
        h('a', { href: `${apiBase}/audit-logs/export${exportQuery}`, download: 'audit.jsonl' }, 'JSON lines'),
        h('a', { href: `${apiBase}/audit-logs/export${query({ ...apiFilters, format: 'csv' })}`, download: 'audit.csv' }, 'CSV'))),
    section('Entries', table([
      ['When', e => when(e.createdAt)],
      ['Who', e => [e.actorName || e.actorId, e.actorEmail ? h('div', { class: 'muted' }, e.actorEmail) : null]],
      ['Action', e => e.action],
      ['Resource', e => `${e.resource} ${e.resourceId || ''}`],
      ['Details', e => [e.reason, ...e.changes.map(c => h('div', {}, `${c.propertyName}: ${c.oldValue ?? '—'} → ${c.newValue ?? '—'}`))]],
    ], page.items, 'No entry matches.'),
    page.nextCursor ? link('#/audit' + query({ ...filters, cursor: page.nextCursor }), 'Next page') : null));
}

// ---- A user: itself and its licenses --------------------------------------------------------

async function meScreen() {
  const licenses = await get('/licenses' + query({ userId: me.id, limit: 100 }));
  return h('div', {}, h('h1', {}, fullName(me)),
    section('My licenses', table([['Key', l => l.key], ['Product', l => l.productId], ['Expires', l => when(l.expiresAt) || 'never']],
      licenses.items, 'No licenses assigned to you.')));
}

async function start() {
  try {
    me = await get('/me');
  } catch (e) {
    show(h('h1', {}, 'Not signed in'), h('div', { class: 'error', role: 'alert' }, describe(e, 'Signing in')));
    return;
  }
  navigation();
  // A new screen starts at the top, with the focus on it (screen readers read it from there).
  window.addEventListener('hashchange', () => route().then(() => {
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  }));
  await route();
}

start();
