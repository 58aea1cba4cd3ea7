package io.resellerkit.engine;

import io.resellerkit.OrganizationService;
import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.ImportCustomers;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Entity;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.TransferToken;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.TextMatch;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Keyset;
import io.resellerkit.spi.TransferTokens.StoredToken;
import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounters;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Manages organizations (customer companies). The vendor manages all; a reseller admin
 * manages its own reseller's (its sales staff create them); an organization admin reads its own.
 * The full answer is {@link PermissionPolicy}'s table.
 */
final class OrganizationOperations implements OrganizationService {
    private static final String TYPE = "organization";
    private static final String TOKEN_TYPE = "transfer_token";
    /** What a token the kit issued looks like: 32 random bytes, base64url without padding. */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** How many rows a transfer reads per page, and how many user ids go into one license query. */
    private static final int BATCH = 500;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Engine engine;

    OrganizationOperations(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Organization create(RequestContext context, CreateOrganization command) {
        Engine.required("command", command);
        return engine.runner.write(context, TYPE, Operation.ORGANIZATION_CREATE, call -> {
            if (command.resellerId() != null) {
                engine.reseller(call, command.resellerId()); // not found before anything else is told
            }
            Target target = Target.newOrganization(command.resellerId());
            engine.runner.require(call, Operation.ORGANIZATION_CREATE, target);
            var now = engine.now();
            Organization o = new Organization(OrganizationId.of(engine.newId()), command.name(),
                    Engine.email(command.email()), Engine.blankToNull(command.address()), command.allowedUsers(),
                    command.resellerId(), command.metadata(), 1, now, now);
            engine.storage.organizations().insert(o);
            engine.auditor.changed(call, AuditAction.ORGANIZATION_CREATED, TYPE, o.id().value(), o.resellerId(), null, o);
            engine.quotas.take(engine.quotas.of(o), target);
            engine.quotas.open(Quotas.organizationUsers(o.id()), o.allowedUsers());
            return o;
        }, command);
    }

    @Override
    public Imported importCustomers(RequestContext context, ImportCustomers command) {
        Engine.required("command", command);
        if (context != null && context.idempotencyKey() != null) {
            throw InputValidator.invalid("idempotencyKey", "Unsupported",
                    "an import takes no idempotency key: a repeated import is refused by its users' emails");
        }
        return engine.runner.write(context, TYPE, Operation.ORGANIZATION_IMPORT, call -> {
            Reseller r = engine.reseller(call, command.resellerId()); // not found before anything else is told
            Target organizations = Target.newOrganization(r.id());
            engine.runner.require(call, Operation.ORGANIZATION_IMPORT, organizations);
            engine.runner.require(call, Operation.ORGANIZATION_CREATE, organizations);
            Map<String, String> rowByEmail = checkRows(command);
            Set<Role> roles = new java.util.TreeSet<>();
            command.customers().forEach(c -> c.users().forEach(u -> roles.add(u.role())));
            for (Role role : roles) {
                engine.runner.require(call, Operation.USER_CREATE, Target.newUser(r.id(), null, role));
                PermissionPolicy.checkPlacement(role, true, true);
            }
            // A new organization's own cap holds only its import's users: checked here, before anything is written.
            for (ImportCustomers.Customer c : command.customers()) {
                int cap = c.organization().allowedUsers();
                if (cap != -1 && c.users().size() > cap) {
                    throw OperationRunner.quotaExceeded(organizations, r.id(), "organization.allowedUsers", cap, 0);
                }
            }
            var now = engine.now();
            List<Organization> orgs = new ArrayList<>();
            List<UsageCounters.NewCounter> counters = new ArrayList<>();
            List<User> users = new ArrayList<>();
            List<Auditor.Created> events = new ArrayList<>();
            for (ImportCustomers.Customer c : command.customers()) {
                CreateOrganization co = c.organization();
                Organization o = new Organization(OrganizationId.of(engine.newId()), co.name(), Engine.email(co.email()),
                        Engine.blankToNull(co.address()), co.allowedUsers(), r.id(), co.metadata(), 1, now, now);
                orgs.add(o);
                counters.add(new UsageCounters.NewCounter(Quotas.organizationUsers(o.id()), o.allowedUsers(),
                        c.users().size()));
                events.add(new Auditor.Created(AuditAction.ORGANIZATION_CREATED, TYPE, o));
                for (CreateUser cu : c.users()) {
                    User u = new User(UserId.of(engine.newId()), cu.firstName(), cu.lastName(), Engine.email(cu.email()),
                            cu.role(), r.id(), o.id(), cu.metadata(), 1, now, now);
                    users.add(u);
                    events.add(new Auditor.Created(AuditAction.USER_CREATED, "user", u));
                }
            }
            engine.storage.organizations().insertAll(orgs);
            try {
                engine.storage.users().insertAll(users);
            } catch (ConflictException e) {
                throw e.kind() == ConflictException.Kind.DUPLICATE ? takenEmail(rowByEmail, users, e) : e;
            }
            engine.auditor.createdAll(call, events, r.id());
            engine.quotas.openAll(counters);
            // Slots last, for the whole import in one step: it fits every quota or nothing is written.
            engine.quotas.takeAll(engine.quotas.ofImport(r, orgs, users), organizations);
            return new Imported(orgs, users);
        }, command);
    }

    /**
     * Rules of an import that annotations cannot express: no placement of its own, at most
     * {@link ImportCustomers#MAX_ROWS} users, each email once. Returns each email's row.
     */
    private static Map<String, String> checkRows(ImportCustomers command) {
        Map<String, String> rowByEmail = new LinkedHashMap<>();
        int users = 0;
        for (int i = 0; i < command.customers().size(); i++) {
            ImportCustomers.Customer c = command.customers().get(i);
            String row = "customers[" + i + "]";
            if (c.organization().resellerId() != null && !c.organization().resellerId().equals(command.resellerId())) {
                throw InputValidator.invalid(row + ".organization.resellerId", "SameReseller",
                        "must be the import's reseller, or left out");
            }
            for (int j = 0; j < c.users().size(); j++) {
                CreateUser u = c.users().get(j);
                String field = row + ".users[" + j + "]";
                if (u.resellerId() != null || u.organizationId() != null) {
                    throw InputValidator.invalid(field + ".organizationId", "Placement",
                            "must be left out: an imported user goes into its customer's organization");
                }
                String earlier = rowByEmail.putIfAbsent(Engine.email(u.email()), field + ".email");
                if (earlier != null) {
                    throw InputValidator.invalid(field + ".email", "Unique", "the same email as " + earlier);
                }
                if (++users > ImportCustomers.MAX_ROWS) {
                    throw InputValidator.invalid("customers", "Size",
                            "at most " + ImportCustomers.MAX_ROWS + " users in one import");
                }
            }
        }
        return rowByEmail;
    }

    /**
     * The store said an email is taken: name the import's first row whose email another user
     * holds (rows of this import stored before the failure do not count).
     */
    private ConflictException takenEmail(Map<String, String> rowByEmail, List<User> ours, ConflictException e) {
        Set<UserId> imported = new java.util.HashSet<>();
        ours.forEach(u -> imported.add(u.id()));
        for (Map.Entry<String, String> entry : rowByEmail.entrySet()) {
            List<User> holders = engine.storage.users().find(UserQuery.all().withEmail(TextMatch.equalTo(entry.getKey())),
                    null, 1);
            if (!holders.isEmpty() && !imported.contains(holders.get(0).id())) {
                return new ConflictException(ConflictException.Kind.DUPLICATE,
                        entry.getValue() + ": a user with this email exists");
            }
        }
        return e;
    }

    @Override
    public Organization get(RequestContext context, OrganizationId id) {
        Engine.required("id", id);
        return engine.runner.read(context, TYPE, call -> {
            Organization o = load(id);
            engine.runner.require(call, Operation.ORGANIZATION_READ, Target.organization(o));
            return o;
        });
    }

    @Override
    public Organization update(RequestContext context, OrganizationId id, UpdateOrganization command) {
        Engine.required("id", id, "command", command);
        return engine.runner.write(context, TYPE, Operation.ORGANIZATION_UPDATE, call -> {
            Organization o = load(id);
            engine.runner.require(call, Operation.ORGANIZATION_UPDATE, Target.organization(o));
            Engine.checkVersion(command.expectedVersion(), o);
            Organization changed = o.withDetails(Engine.either(command.name(), o.name()),
                    Engine.either(Engine.email(command.email()), o.email()), Engine.optionalText(command.address(), o.address()),
                    Engine.either(command.allowedUsers(), o.allowedUsers()), Engine.either(command.metadata(), o.metadata()),
                    engine.now());
            Organization saved = engine.update(call, AuditAction.ORGANIZATION_UPDATED, TYPE, o.resellerId(), o,
                    changed, engine.storage.organizations()::update);
            if (saved.allowedUsers() != o.allowedUsers()) {
                engine.quotas.setLimit(Quotas.organizationUsers(id), saved.allowedUsers());
            }
            return saved;
        }, id, command);
    }

    @Override
    public void delete(RequestContext context, OrganizationId id) {
        delete(context, id, null);
    }

    @Override
    public void delete(RequestContext context, OrganizationId id, long expectedVersion) {
        delete(context, id, Long.valueOf(expectedVersion));
    }

    private void delete(RequestContext context, OrganizationId id, Long expectedVersion) {
        Engine.required("id", id);
        engine.runner.write(context, TYPE, Operation.ORGANIZATION_DELETE, call -> {
            Organization o = load(id);
            engine.runner.require(call, Operation.ORGANIZATION_DELETE, Target.organization(o));
            Engine.checkVersion(expectedVersion, o);
            var s = engine.storage;
            if (!s.users().find(UserQuery.all().inOrganization(id), null, 1).isEmpty()
                    || !s.licenses().find(LicenseQuery.all().withAssignedOrganizations(Set.of(id)), null, 1).isEmpty()) {
                throw new ConflictException(ConflictException.Kind.IN_USE,
                        "organization still has users or licenses assigned");
            }
            s.organizations().delete(id, o.version());
            engine.auditor.changed(call, AuditAction.ORGANIZATION_DELETED, TYPE, id.value(), o.resellerId(), o, null);
            engine.quotas.release(engine.quotas.of(o));
            engine.quotas.close(Quotas.organizationUsers(id));
            return null;
        }, id, expectedVersion);
    }

    @Override
    public TransferToken issueTransferToken(RequestContext context, OrganizationId id, ResellerId toResellerId) {
        Engine.required("context", context, "id", id, "toResellerId", toResellerId);
        // A replay could not show the secret again, so a key is not honoured: every call issues a token.
        RequestContext withoutKey = context.withIdempotencyKey(null);
        return engine.runner.write(withoutKey, TYPE, Operation.ORGANIZATION_ISSUE_TRANSFER_TOKEN, call -> {
            Organization o = load(id);
            engine.runner.require(call, Operation.ORGANIZATION_ISSUE_TRANSFER_TOKEN, Target.organization(o));
            engine.reseller(call, toResellerId);
            InputValidator.require(!toResellerId.equals(o.resellerId()), "toResellerId", "OtherReseller",
                    "must be another reseller than the organization's own");
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Instant now = engine.now();
            Instant expiresAt = Engine.stored(now.plus(engine.transferTokenTtl));
            StoredToken stored = new StoredToken(engine.newId(), sha256(secret), id, toResellerId, call.actor().id(),
                    expiresAt, null);
            engine.storage.transferTokens().insert(stored);
            engine.auditor.changed(call, AuditAction.ORGANIZATION_TRANSFER_TOKEN_ISSUED, TOKEN_TYPE, stored.id(),
                    o.resellerId(), null, new TokenFields(stored, now));
            // Not voided by a transfer that committed meanwhile: it did not see this token.
            Engine.requireStillAt(o.resellerId(), engine.storage.organizations().findById(id), Organization::resellerId,
                    "organization");
            return new TransferToken(stored.id(), secret, id, toResellerId, expiresAt);
        }, id, toResellerId);
    }

    @Override
    public Organization transfer(RequestContext context, OrganizationId id, ResellerId toResellerId, String token) {
        Engine.required("id", id, "toResellerId", toResellerId);
        // Only the vendor moves a customer without the current side's consent; with a token, the
        // token's receiver may.
        Operation op = token == null ? Operation.ORGANIZATION_TRANSFER : Operation.ORGANIZATION_TRANSFER_BY_TOKEN;
        return engine.runner.write(context, TYPE, op, call -> {
            if (token != null) {
                // Checked before anything is read, so a malformed token tells nothing about the organization.
                InputValidator.require(!token.isBlank() && token.length() <= 100, "token", "Size",
                        "must be 1 to 100 characters");
            }
            Organization o = load(id);
            Reseller to = engine.reseller(call, toResellerId);
            Target target = Target.arriving(o, toResellerId);
            engine.runner.require(call, op, target);
            // Both resellers' trails get events: their chains are locked in one order before any.
            engine.auditor.lockChainsInOrder(o.resellerId(), toResellerId);
            if (token != null) {
                redeem(call, token, o, target); // first: a used token is refused as such, wherever the organization is
            }
            InputValidator.require(!toResellerId.equals(o.resellerId()), "toResellerId", "OtherReseller",
                    "must be another reseller than the organization's own");
            return move(call, o, to, target);
        }, id, toResellerId, token);
    }

    /** Uses the token up for this transfer, or refuses the call as an access denied. */
    private void redeem(Call call, String secret, Organization o, Target target) {
        var tokens = engine.storage.transferTokens();
        String hash = sha256(secret);
        StoredToken t = TOKEN_SHAPE.matcher(secret).matches() ? tokens.findByHash(hash).orElse(null) : null;
        Instant now = engine.now();
        String why = t == null ? "the transfer token is unknown"
                : !t.organizationId().equals(o.id()) || !t.toResellerId().equals(target.resellerId())
                ? "the transfer token was issued for another organization or another reseller"
                : t.redeemedAt() != null ? "the transfer token was used already"
                : !t.expiresAt().isAfter(now) ? "the transfer token expired at " + t.expiresAt()
                : !tokens.redeem(hash, now) ? "the transfer token was used already" : null;
        if (why != null) {
            throw OperationRunner.denied(call, target, why);
        }
        engine.auditor.changed(call, AuditAction.ORGANIZATION_TRANSFER_TOKEN_REDEEMED, TOKEN_TYPE, t.id(),
                target.resellerId(), null, null);
    }

    /**
     * Moves the organization, its users and its reseller's licenses assigned inside it; their
     * slots leave the old reseller and are taken at the new one, counters last (the lock order).
     * The users are read again once the counters are held: a user created, deleted or moved in
     * the meantime would be left at the wrong reseller, so the transfer is refused instead.
     */
    private Organization move(Call call, Organization o, Reseller to, Target target) {
        var s = engine.storage;
        ResellerId from = o.resellerId();
        Instant at = engine.now();
        Reseller old = from == null ? null : engine.reseller(call, from);
        Organization moved = o.transferredTo(to.id(), at);
        s.organizations().update(moved);
        transferred(call, AuditAction.ORGANIZATION_TRANSFERRED, TYPE, o.id().value(), from, to.id(), o, moved);
        List<User> users = members(o.id());
        List<Quotas.Slot> released = new ArrayList<>(engine.quotas.of(o));
        List<Quotas.Slot> taken = new ArrayList<>(engine.quotas.of(moved));
        for (User u : users) {
            User movedUser = u.transferredTo(to.id(), at);
            s.users().update(movedUser);
            transferred(call, AuditAction.USER_TRANSFERRED, "user", u.id().value(), from, to.id(), u, movedUser);
            released.addAll(engine.quotas.of(u, old, null));
            taken.addAll(engine.quotas.of(movedUser, to, null));
        }
        for (License l : licenses(o.id(), users, from)) {
            License movedLicense = l.transferredTo(to.id(), at);
            s.licenses().update(movedLicense);
            transferred(call, AuditAction.LICENSE_TRANSFERRED, "license", l.id().value(), from, to.id(), l,
                    movedLicense);
        }
        revokeGrants(call, o, at);
        // A token issued where the organization was must not move it on from where it is now.
        s.transferTokens().voidOpen(o.id(), at);
        engine.quotas.exchange(released, taken, target);
        List<User> after = members(o.id());
        if (after.size() != users.size() || !after.stream().allMatch(u -> to.id().equals(u.resellerId()))) {
            throw new ConflictException(ConflictException.Kind.STALE_VERSION,
                    "a user joined or left the organization while it was transferred; try again");
        }
        return moved;
    }

    /**
     * Revokes the organization's grants that could still work: they were judged against the old
     * reseller (an organization admin lends only to its own reseller's staff), who must not keep
     * reaching a customer that left. Each revocation is recorded in the old reseller's trail.
     */
    private void revokeGrants(Call call, Organization o, Instant at) {
        for (AccessGrant g : engine.storage.accessGrants().findByOrganization(o.id())) {
            if (g.revokedAt() == null && g.validUntil().isAfter(at) && engine.storage.accessGrants().revoke(g.id(), at)) {
                engine.auditor.changedFields(call, AuditAction.ACCESS_REVOKED, "access-grant", g.id(), o.resellerId(),
                        g.auditFields(), g.revoked(at).auditFields());
            }
        }
    }

    /** One event in each of the two resellers' trails. */
    private void transferred(Call call, AuditAction action, String type, String resourceId, ResellerId from,
                             ResellerId to, Entity<?> before, Entity<?> after) {
        engine.auditor.changed(call, action, type, resourceId, from, before, after);
        engine.auditor.changed(call, action, type, resourceId, to, before, after);
    }

    /** Every user of the organization, read page by page. */
    private List<User> members(OrganizationId id) {
        List<User> all = new ArrayList<>();
        Keyset after = null;
        while (true) {
            List<User> page = engine.storage.users().find(UserQuery.all().inOrganization(id), after, BATCH);
            all.addAll(page);
            if (page.size() < BATCH) {
                return all;
            }
            User last = page.get(page.size() - 1);
            after = new Keyset(last.createdAt(), last.id().value());
        }
    }

    /** The licenses of reseller {@code from} assigned to the organization or to one of its users. */
    private List<License> licenses(OrganizationId id, List<User> users, ResellerId from) {
        Map<String, License> found = new LinkedHashMap<>();
        allLicenses(LicenseQuery.all().withAssignedOrganizations(Set.of(id))).forEach(l -> found.put(l.id().value(), l));
        for (int i = 0; i < users.size(); i += BATCH) {
            Set<UserId> batch = Set.copyOf(users.subList(i, Math.min(i + BATCH, users.size())).stream()
                    .map(User::id).toList());
            allLicenses(LicenseQuery.all().withAssignedUsers(batch)).forEach(l -> found.put(l.id().value(), l));
        }
        return found.values().stream().filter(l -> Objects.equals(from, l.resellerId())).toList();
    }

    private List<License> allLicenses(LicenseQuery query) {
        List<License> all = new ArrayList<>();
        Keyset after = null;
        while (true) {
            List<License> page = engine.storage.licenses().find(query, after, BATCH);
            all.addAll(page);
            if (page.size() < BATCH) {
                return all;
            }
            License last = page.get(page.size() - 1);
            after = new Keyset(last.createdAt(), last.id().value());
        }
    }

    /** The SHA-256 of a token's secret, as storage keeps it. */
    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A token's audit fields (never its secret or hash), for its issue event. */
    private record TokenFields(StoredToken token, Instant at) implements Entity<String> {
        @Override
        public String id() {
            return token.id();
        }

        @Override
        public long version() {
            return 1;
        }

        @Override
        public Instant createdAt() {
            return at;
        }

        @Override
        public Instant updatedAt() {
            return at;
        }

        @Override
        public Map<String, String> auditFields() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("organizationId", token.organizationId().value());
            f.put("toResellerId", token.toResellerId().value());
            f.put("expiresAt", token.expiresAt().toString());
            return f;
        }
    }

    @Override
    public Page<Organization> list(RequestContext context, OrganizationQuery query, PageRequest page) {
        Engine.required("query", query, "page", page);
        return engine.runner.read(context, TYPE, call -> {
            engine.runner.require(call, Operation.ORGANIZATION_LIST, Target.list(TYPE));
            OrganizationQuery q = Scope.organizations(call.actor(), query)
                    .orElseThrow(() -> OperationRunner.outsideScope(call, TYPE));
            engine.filterReach.organizations(call, TYPE, query.ids());
            return Cursors.page(page, after -> engine.storage.organizations().find(q, after, page.limit() + 1),
                    o -> new Keyset(o.createdAt(), o.id().value()));
        }, query, page);
    }

    private Organization load(OrganizationId id) {
        return Engine.existing(engine.storage.organizations().findById(id), TYPE, id);
    }
}
