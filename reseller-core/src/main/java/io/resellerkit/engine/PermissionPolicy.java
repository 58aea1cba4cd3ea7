package io.resellerkit.engine;

import static io.resellerkit.engine.Operation.AUDIT_ERASE;
import static io.resellerkit.engine.Operation.AUDIT_PURGE;
import static io.resellerkit.engine.Operation.ACCESS_GRANT;
import static io.resellerkit.engine.Operation.ACCESS_LIST;
import static io.resellerkit.engine.Operation.ACCESS_REVOKE;
import static io.resellerkit.engine.Operation.AUDIT_READ;
import static io.resellerkit.engine.Operation.LICENSE_ALLOCATE;
import static io.resellerkit.engine.Operation.LICENSE_ASSIGN;
import static io.resellerkit.engine.Operation.LICENSE_CREATE;
import static io.resellerkit.engine.Operation.LICENSE_LIST;
import static io.resellerkit.engine.Operation.LICENSE_READ;
import static io.resellerkit.engine.Operation.LICENSE_REVOKE;
import static io.resellerkit.engine.Operation.LICENSE_SUSPEND;
import static io.resellerkit.engine.Operation.LICENSE_UNASSIGN;
import static io.resellerkit.engine.Operation.LICENSE_UNSUSPEND;
import static io.resellerkit.engine.Operation.ORGANIZATION_CREATE;
import static io.resellerkit.engine.Operation.ORGANIZATION_IMPORT;
import static io.resellerkit.engine.Operation.ORGANIZATION_DELETE;
import static io.resellerkit.engine.Operation.ORGANIZATION_ISSUE_TRANSFER_TOKEN;
import static io.resellerkit.engine.Operation.ORGANIZATION_LIST;
import static io.resellerkit.engine.Operation.ORGANIZATION_READ;
import static io.resellerkit.engine.Operation.ORGANIZATION_TRANSFER;
import static io.resellerkit.engine.Operation.ORGANIZATION_TRANSFER_BY_TOKEN;
import static io.resellerkit.engine.Operation.ORGANIZATION_UPDATE;
import static io.resellerkit.engine.Operation.RESELLER_CHANGE_LICENSE_QUOTA;
import static io.resellerkit.engine.Operation.RESELLER_CHANGE_QUOTAS;
import static io.resellerkit.engine.Operation.RESELLER_CREATE;
import static io.resellerkit.engine.Operation.RESELLER_DELETE;
import static io.resellerkit.engine.Operation.RESELLER_LIST;
import static io.resellerkit.engine.Operation.RESELLER_REACTIVATE;
import static io.resellerkit.engine.Operation.RESELLER_READ;
import static io.resellerkit.engine.Operation.RESELLER_SUSPEND;
import static io.resellerkit.engine.Operation.RESELLER_TERMINATE;
import static io.resellerkit.engine.Operation.RESELLER_UPDATE;
import static io.resellerkit.engine.Operation.USER_CREATE;
import static io.resellerkit.engine.Operation.USER_DELETE;
import static io.resellerkit.engine.Operation.USER_LIST;
import static io.resellerkit.engine.Operation.USER_READ;
import static io.resellerkit.engine.Operation.USER_UPDATE;
import static io.resellerkit.engine.PermissionPolicy.Cell.ANY;
import static io.resellerkit.engine.PermissionPolicy.Cell.NO;
import static io.resellerkit.engine.PermissionPolicy.Cell.OWN;
import static io.resellerkit.engine.PermissionPolicy.Placement.IN_ORGANIZATION;
import static io.resellerkit.engine.PermissionPolicy.Placement.IN_RESELLER;
import static io.resellerkit.engine.PermissionPolicy.Placement.NOWHERE;
import static io.resellerkit.engine.PermissionPolicy.Placement.VENDOR;
import static io.resellerkit.engine.Operation.WEBHOOK_DELETE;
import static io.resellerkit.engine.Operation.WEBHOOK_LIST;
import static io.resellerkit.engine.Operation.WEBHOOK_READ;
import static io.resellerkit.engine.Operation.WEBHOOK_REGISTER;
import static io.resellerkit.engine.Operation.WEBHOOK_REPLAY;
import static io.resellerkit.model.Role.ADMIN;
import static io.resellerkit.model.Role.ORGANIZATION_ADMIN;
import static io.resellerkit.model.Role.RESELLER_ADMIN;
import static io.resellerkit.model.Role.RESELLER_READ_ONLY;
import static io.resellerkit.model.Role.RESELLER_SALES;
import static io.resellerkit.model.Role.RESELLER_SUPPORT;
import static io.resellerkit.model.Role.USER;

import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.model.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may do what: the one answer to "may this actor do X", consulted by every operation before
 * it reads or writes a resource. It is two tables: {@link #TABLE} (per operation, per role:
 * allowed anywhere, allowed inside the actor's reach, denied) and {@link #ROLES} (per role:
 * where its holder belongs, and which roles it may grant and manage). {@link Scope} is the one
 * place that knows reach (which reseller, organization or user an actor covers); this class
 * never looks at ids itself, except for a grant's organization.
 *
 * <p>Delegated access: where the tables deny, an access grant lent to the actor may allow, at the
 * moment of the check, an operation of {@link #DELEGABLE} on the target's organization, if the
 * grant names that organization and the operation, and the target's user roles stay
 * {@link #MANAGED_UNDER_GRANT}. Who may grant is the table's {@code ACCESS_GRANT} row plus the
 * rules in {@link AccessOperations} (never more than the grantor holds itself).
 *
 * <p>On top of the tables, one rule about standing: a reseller's staff (every role placed
 * {@link Placement#IN_RESELLER}) lose all access once the reseller, or a reseller above it, is
 * terminated, and may read but change nothing while it is invited or suspended or one above it
 * is suspended (a contract that ended counts as a suspension). Not a permission but kept beside it: the vendor's last {@code admin} cannot be
 * deleted or demoted, which {@link Quotas} enforces with an atomic counter.
 */
final class PermissionPolicy {

    /** What one role may do with one operation. */
    enum Cell {
        /** Allowed, wherever the target is. */
        ANY,
        /** Allowed inside the actor's reach ({@link Scope#covers}); a list is narrowed to that reach. */
        OWN,
        /** Denied. */
        NO
    }

    /** The columns of {@link #TABLE}, in the order of every row's cells. */
    static final List<Role> COLUMNS = List.of(ADMIN, RESELLER_ADMIN, RESELLER_SALES, RESELLER_SUPPORT,
            RESELLER_READ_ONLY, ORGANIZATION_ADMIN, USER);

    /** Per operation, what each role of {@link #COLUMNS} may do. */
    static final Map<Operation, Map<Role, Cell>> TABLE = table(
            // Tiers: a reseller-admin creates and manages the resellers below its own (a reseller to
            // manage sits in its parent: Target.managedReseller), never its own; every staff kind reads
            // its whole subtree (Scope).
            //                        admin reseller-admin sales support read-only organization-admin user
            row(RESELLER_CREATE,        ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(RESELLER_READ,          ANY, OWN, OWN, OWN, OWN, NO,  NO),
            row(RESELLER_LIST,          ANY, OWN, OWN, OWN, OWN, NO,  NO),
            row(RESELLER_UPDATE,        ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(RESELLER_CHANGE_QUOTAS, ANY, OWN, NO,  NO,  NO,  NO,  NO),
            // A license cap is not carved from a parent's: a parent's admin would hand out what it never had.
            row(RESELLER_CHANGE_LICENSE_QUOTA, ANY, NO, NO, NO, NO, NO, NO),
            row(RESELLER_SUSPEND,       ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(RESELLER_REACTIVATE,    ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(RESELLER_TERMINATE,     ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(RESELLER_DELETE,        ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(USER_CREATE,            ANY, OWN, OWN, NO,  NO,  OWN, NO),
            row(USER_READ,              ANY, OWN, OWN, OWN, OWN, OWN, OWN),
            row(USER_LIST,              ANY, OWN, OWN, OWN, OWN, OWN, NO),
            row(USER_UPDATE,            ANY, OWN, NO,  NO,  NO,  OWN, NO),
            row(USER_DELETE,            ANY, OWN, NO,  NO,  NO,  OWN, NO),
            row(ORGANIZATION_CREATE,    ANY, OWN, OWN, NO,  NO,  NO,  NO),
            // Many customers at once; each row is also checked as its single create would be.
            row(ORGANIZATION_IMPORT,    ANY, OWN, OWN, NO,  NO,  NO,  NO),
            row(ORGANIZATION_READ,      ANY, OWN, OWN, OWN, OWN, OWN, NO),
            row(ORGANIZATION_LIST,      ANY, OWN, OWN, OWN, OWN, OWN, NO),
            row(ORGANIZATION_UPDATE,    ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(ORGANIZATION_DELETE,    ANY, OWN, NO,  NO,  NO,  NO,  NO),
            // A transfer by token is judged on the organization as it arrives in the receiving reseller.
            row(ORGANIZATION_TRANSFER,  ANY, NO,  NO,  NO,  NO,  NO,  NO),
            row(ORGANIZATION_TRANSFER_BY_TOKEN, ANY, OWN, NO, NO, NO, NO, NO),
            row(ORGANIZATION_ISSUE_TRANSFER_TOKEN, ANY, OWN, NO, NO, NO, OWN, NO),
            // A reseller admin issues licenses only within the license quota the vendor gave its reseller
            // (LicenseOperations; off by default), into its own reseller or one below it.
            row(LICENSE_CREATE,         ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(LICENSE_ALLOCATE,       ANY, NO,  NO,  NO,  NO,  NO,  NO),
            row(LICENSE_READ,           ANY, OWN, OWN, OWN, OWN, OWN, OWN),
            row(LICENSE_LIST,           ANY, OWN, OWN, OWN, OWN, OWN, OWN),
            row(LICENSE_ASSIGN,         ANY, OWN, NO,  OWN, NO,  NO,  NO),
            row(LICENSE_UNASSIGN,       ANY, OWN, NO,  OWN, NO,  NO,  NO),
            row(LICENSE_SUSPEND,        ANY, NO,  NO,  NO,  NO,  NO,  NO),
            row(LICENSE_UNSUSPEND,      ANY, NO,  NO,  NO,  NO,  NO,  NO),
            row(LICENSE_REVOKE,         ANY, NO,  NO,  NO,  NO,  NO,  NO),
            row(AUDIT_READ,             ANY, OWN, OWN, OWN, OWN, NO,  NO),
            row(AUDIT_PURGE,            ANY, NO,  NO,  NO,  NO,  NO,  NO),
            row(AUDIT_ERASE,            ANY, NO,  NO,  NO,  NO,  NO,  NO),
            // An organization admin grants access to its own organization, and only to its reseller's staff.
            row(ACCESS_GRANT,           ANY, NO,  NO,  NO,  NO,  OWN, NO),
            row(ACCESS_REVOKE,          ANY, NO,  NO,  NO,  NO,  OWN, NO),
            row(ACCESS_LIST,            ANY, OWN, OWN, OWN, OWN, OWN, NO),
            // A reseller's endpoints receive its own events; registering them at all is the vendor's
            // choice (ResellerKit.Builder#resellerWebhooks, none by default: WebhookOperations).
            row(WEBHOOK_REGISTER,       ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(WEBHOOK_READ,           ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(WEBHOOK_LIST,           ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(WEBHOOK_DELETE,         ANY, OWN, NO,  NO,  NO,  NO,  NO),
            row(WEBHOOK_REPLAY,         ANY, OWN, NO,  NO,  NO,  NO,  NO));

    /**
     * What an access grant can lend, per operation: only operations on one resource of one
     * organization. An operation not here (grants, quotas, resellers, lists, the trail) is never
     * allowed by a grant, whatever it names.
     */
    static final Map<Operation, AccessPermission> DELEGABLE = Map.of(
            ORGANIZATION_READ, AccessPermission.ORGANIZATION_READ,
            ORGANIZATION_UPDATE, AccessPermission.ORGANIZATION_UPDATE,
            USER_CREATE, AccessPermission.USER_CREATE,
            USER_READ, AccessPermission.USER_READ,
            USER_UPDATE, AccessPermission.USER_UPDATE,
            USER_DELETE, AccessPermission.USER_DELETE,
            LICENSE_READ, AccessPermission.LICENSE_READ);

    /** The one role a grantee may create, change, delete or hand out under a grant: no escalation by delegation. */
    static final Role MANAGED_UNDER_GRANT = USER;

    /**
     * Where a holder of a role belongs. A user of an organization belongs to the organization's
     * reseller too.
     */
    enum Placement {
        /** No reseller and no organization: the vendor's staff. */
        VENDOR("belongs to no reseller and no organization"),
        /** A reseller and no organization: a reseller's staff; no customer-user slot of the reseller. */
        IN_RESELLER("belongs to a reseller and to no organization"),
        /** An organization. */
        IN_ORGANIZATION("belongs to an organization"),
        /** A reseller, an organization, or neither. */
        NOWHERE(null);

        private final String rule;

        Placement(String rule) {
            this.rule = rule;
        }

        boolean allows(boolean inReseller, boolean inOrganization) {
            return switch (this) {
                case VENDOR -> !inReseller && !inOrganization;
                case IN_RESELLER -> inReseller && !inOrganization;
                case IN_ORGANIZATION -> inOrganization;
                case NOWHERE -> true;
            };
        }
    }

    /** Where a role's holder belongs, and the roles it may grant, and manage in users who hold them. */
    record RoleRule(Placement placement, Set<Role> grants) {
    }

    /** Per role: where its holder belongs and which roles it grants; only the vendor grants its own rank. */
    static final Map<Role, RoleRule> ROLES = roles(Map.of(
            ADMIN,              rule(VENDOR,          EnumSet.allOf(Role.class)),
            RESELLER_ADMIN,     rule(IN_RESELLER,     EnumSet.of(RESELLER_SALES, RESELLER_SUPPORT, RESELLER_READ_ONLY,
                                                              ORGANIZATION_ADMIN, USER)),
            RESELLER_SALES,     rule(IN_RESELLER,     EnumSet.of(ORGANIZATION_ADMIN, USER)),
            RESELLER_SUPPORT,   rule(IN_RESELLER,     EnumSet.noneOf(Role.class)),
            RESELLER_READ_ONLY, rule(IN_RESELLER,     EnumSet.noneOf(Role.class)),
            ORGANIZATION_ADMIN, rule(IN_ORGANIZATION, EnumSet.of(USER)),
            USER,               rule(NOWHERE,         EnumSet.noneOf(Role.class))));

    /** The operations whose target is a list: narrowed to the actor's reach by {@link Scope}, not checked here. */
    private static final Set<Operation> LISTS = EnumSet.of(RESELLER_LIST, USER_LIST, ORGANIZATION_LIST, LICENSE_LIST);

    private final Clock clock;

    /** {@code clock} tells when a reseller's contract has ended. */
    PermissionPolicy(Clock clock) {
        this.clock = clock;
    }

    /**
     * The outcome of a check.
     *
     * @param denial  why the actor may not, or null if it may
     * @param grantId the access grant that allowed it, or null if the actor's own rights did
     */
    record Decision(String denial, String grantId) {
        boolean allowed() {
            return denial == null;
        }
    }

    /**
     * Whether the actor may do this: by its own rights ({@link #denial}), or else by one of
     * {@code grants} (the actor's, read only when needed) that lends the operation on the target's
     * organization at this moment. A reseller's standing is never overridden by a grant.
     */
    Decision decide(Actor actor, Operation op, Target target, Supplier<List<AccessGrant>> grants) {
        Optional<String> standing = standingDenial(actor, op);
        if (standing.isPresent()) {
            return new Decision(standing.get(), null);
        }
        Optional<String> own = roleDenial(actor, op, target);
        if (own.isEmpty()) {
            return new Decision(null, null);
        }
        AccessPermission permission = DELEGABLE.get(op);
        if (permission == null || target.organizationId() == null) {
            return new Decision(own.get(), null);
        }
        if ((isUserChange(op) && target.subjectRole() != null && target.subjectRole() != MANAGED_UNDER_GRANT)
                || (target.grantedRole() != null && target.grantedRole() != MANAGED_UNDER_GRANT)) {
            return new Decision(own.get(), null);
        }
        Instant now = clock.instant();
        String hint = "";
        for (AccessGrant g : grants.get()) {
            if (g.allows(target.organizationId(), permission, now)) {
                return new Decision(null, g.id());
            }
            if (g.organizationId().equals(target.organizationId()) && g.permissions().contains(permission)) {
                hint = "; its access grant " + g.id() + " is " + g.statusAt(now).name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return new Decision(own.get() + hint, null);
    }

    /** Why the actor may not do this by its own rights, or empty if it may; access grants are not consulted. */
    Optional<String> denial(Actor actor, Operation op, Target target) {
        return standingDenial(actor, op).or(() -> roleDenial(actor, op, target));
    }

    /** A reseller's staff lose access with their reseller's standing. */
    private Optional<String> standingDenial(Actor actor, Operation op) {
        Role role = actor.role();
        if (isResellerStaff(role)) {
            ResellerStatus standing = actor.resellerStanding(clock.instant());
            if (standing == ResellerStatus.TERMINATED) {
                return deny(whose(actor, standing) + " is terminated: its staff have no access");
            }
            if (op.writes() && (standing == ResellerStatus.SUSPENDED || standing == ResellerStatus.INVITED)) {
                return deny(whose(actor, standing) + " is " + standing + ": its staff may read but change nothing");
            }
        }
        return Optional.empty();
    }

    private String whose(Actor actor, ResellerStatus standing) {
        return actor.reseller().standingAt(clock.instant()) == standing ? "the reseller" : "a reseller above it";
    }

    private static Optional<String> roleDenial(Actor actor, Operation op, Target target) {
        Role role = actor.role();
        Cell cell = TABLE.get(op).get(role);
        if (cell == NO) {
            return deny(onlyTheVendor(op) ? "only the vendor may " + op.describe()
                    : role + " may not " + op.describe());
        }
        if (cell == OWN && !LISTS.contains(op) && !Scope.covers(actor, target)) {
            return deny(role + " may not " + op.describe() + " outside " + Scope.describe(actor));
        }
        Set<Role> grants = ROLES.get(role).grants();
        if (target.subjectRole() != null && isUserChange(op) && !grants.contains(target.subjectRole())) {
            return deny(role + " may not " + op.describe() + " of a " + target.subjectRole());
        }
        if (target.grantedRole() != null && !grants.contains(target.grantedRole())) {
            return deny(role + " may not grant role " + target.grantedRole());
        }
        return Optional.empty();
    }

    /** True if the role is a reseller's staff: placed in a reseller, outside its organizations. */
    static boolean isResellerStaff(Role role) {
        return ROLES.get(role).placement() == IN_RESELLER;
    }

    /**
     * Refuses a user of {@code role} placed so, with a validation error on {@code role}.
     *
     * @param inReseller     true if the user would belong to a reseller (its own, or its organization's)
     * @param inOrganization true if the user would belong to an organization
     */
    static void checkPlacement(Role role, boolean inReseller, boolean inOrganization) {
        Placement placement = ROLES.get(role).placement();
        String article = "aeiou".indexOf(role.code().charAt(0)) >= 0 ? "an " : "a ";
        InputValidator.require(placement.allows(inReseller, inOrganization), "role", "Placement",
                article + role.code() + " " + placement.rule);
    }

    /**
     * The table as Markdown, as README.md shows it: "yes" anywhere, "own" inside the actor's reach,
     * "-" denied.
     */
    static String markdown() {
        StringBuilder md = new StringBuilder("| operation |");
        COLUMNS.forEach(role -> md.append(' ').append(role.code()).append(" |"));
        md.append("\n|---|");
        COLUMNS.forEach(role -> md.append("---|"));
        for (Operation op : Operation.values()) {
            md.append("\n| ").append(op.describe()).append(" |");
            COLUMNS.forEach(role -> md.append(switch (TABLE.get(op).get(role)) {
                case ANY -> " yes |";
                case OWN -> " own |";
                case NO -> " - |";
            }));
        }
        return md.append('\n').toString();
    }

    private static boolean isUserChange(Operation op) {
        return op == USER_CREATE || op == USER_UPDATE || op == USER_DELETE;
    }

    private static boolean onlyTheVendor(Operation op) {
        return TABLE.get(op).entrySet().stream().allMatch(e -> (e.getKey() == ADMIN) == (e.getValue() != NO));
    }

    private static Optional<String> deny(String reason) {
        return Optional.of(reason);
    }

    private record Row(Operation op, Cell[] cells) {
    }

    private static Row row(Operation op, Cell... cells) {
        return new Row(op, cells);
    }

    private static RoleRule rule(Placement placement, Set<Role> grants) {
        return new RoleRule(placement, Set.copyOf(grants));
    }

    /** The rows as a map; refuses, when the class loads, a table that leaves an operation or a role out. */
    private static Map<Operation, Map<Role, Cell>> table(Row... rows) {
        Map<Operation, Map<Role, Cell>> table = new EnumMap<>(Operation.class);
        for (Row r : rows) {
            if (r.cells().length != COLUMNS.size() || table.containsKey(r.op())) {
                throw new IllegalStateException("the permission table's row " + r.op() + " is malformed or repeated");
            }
            Map<Role, Cell> cells = new EnumMap<>(Role.class);
            for (int i = 0; i < r.cells().length; i++) {
                cells.put(COLUMNS.get(i), r.cells()[i]);
            }
            table.put(r.op(), Map.copyOf(cells));
        }
        if (table.size() != Operation.values().length || COLUMNS.size() != Role.values().length) {
            throw new IllegalStateException("the permission table leaves an operation or a role out");
        }
        return Map.copyOf(table);
    }

    /** The role rules; refuses, when the class loads, one that leaves a role out or grants at or above its own rank. */
    private static Map<Role, RoleRule> roles(Map<Role, RoleRule> rules) {
        if (rules.size() != Role.values().length) {
            throw new IllegalStateException("the role rules leave a role out");
        }
        rules.forEach((role, rule) -> {
            if (role != ADMIN && rule.grants().stream().anyMatch(g -> !g.isBelow(role))) {
                throw new IllegalStateException(role + " would grant a role at or above its own");
            }
        });
        return rules;
    }
}
