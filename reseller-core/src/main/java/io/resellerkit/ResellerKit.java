package io.resellerkit;

import io.resellerkit.command.CreateUser;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.IdGenerator;
import io.resellerkit.spi.Storage;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The entry point: reseller management on the storage adapter the host picks.
 *
 * <pre>{@code
 * ResellerKit kit = ResellerKit.builder(new InMemoryStorage()).build();
 * User vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
 * RequestContext asVendor = RequestContext.of(vendor.id());
 * Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 3, 1));
 * }</pre>
 *
 * Thread-safe; one instance serves the whole application.
 */
public final class ResellerKit {
    private final Core core;
    private final ResellerService resellers;
    private final UserService users;
    private final OrganizationService organizations;
    private final LicenseService licenses;
    private final AuditService audit;

    private ResellerKit(Builder b) {
        this.core = new Core(b.storage, b.clock, b.ids != null ? b.ids : new UuidV7Generator(b.clock));
        this.resellers = new ResellerService(core);
        this.users = new UserService(core);
        this.organizations = new OrganizationService(core);
        this.licenses = new LicenseService(core);
        this.audit = new AuditService(core);
    }

    /** Starts a kit on {@code storage}, with the system clock and time-ordered UUIDs by default. */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    /** Resellers: create, read, update, quotas, suspension, delete, list. */
    public ResellerService resellers() {
        return resellers;
    }

    /** Users: create, read, update, delete, list. */
    public UserService users() {
        return users;
    }

    /** Organizations: create, read, update, delete, list. */
    public OrganizationService organizations() {
        return organizations;
    }

    /** Licenses: create, allocate, assign, unassign, suspend, revoke, list. */
    public LicenseService licenses() {
        return licenses;
    }

    /** The audit trail: query and export. */
    public AuditService audit() {
        return audit;
    }

    /**
     * Creates the first vendor admin, which every later call can act as. Refused once any
     * admin exists. Its {@code user.created} event names the new admin as its own actor.
     *
     * @throws ConflictException of kind INVALID_STATE if an admin exists already
     */
    public User bootstrapAdmin(CreateUser command) {
        Core.required("command", command);
        core.validator.validate(command);
        if (Role.fromCode(command.role()).orElse(null) != Role.ADMIN
                || command.resellerId() != null || command.organizationId() != null) {
            throw InputValidator.invalid("role", "Bootstrap", "must be admin, with no reseller or organization");
        }
        return core.storage.unitOfWork().write(() -> {
            if (!core.storage.users().find(UserQuery.all().withRoles(Set.of(Role.ADMIN)), null, 1).isEmpty()) {
                throw new ConflictException(ConflictException.Kind.INVALID_STATE, "an admin exists already");
            }
            var now = core.now();
            User u = new User(UserId.of(core.newId()), command.firstName(), command.lastName(),
                    Core.email(command.email()), Role.ADMIN, null, null, command.metadata(), 1, now, now);
            core.storage.users().insert(u);
            Call call = new Call(RequestContext.of(u.id()), new Actor(u.id(), Role.ADMIN, null, null, null));
            core.auditor.changed(call, AuditAction.USER_CREATED, "user", u.id().value(), null, null, u);
            return u;
        });
    }

    /** Configures a {@link ResellerKit}. */
    public static final class Builder {
        private final Storage storage;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;

        private Builder(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** The clock for created, updated and event times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The generator of ids; it must be unique across every JVM sharing the storage. */
        public Builder idGenerator(IdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** The kit. */
        public ResellerKit build() {
            return new ResellerKit(this);
        }
    }
}
