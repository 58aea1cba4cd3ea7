package io.resellerkit;

import io.resellerkit.command.CreateUser;
import io.resellerkit.engine.Engine;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.IdGenerator;
import io.resellerkit.spi.Storage;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

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
    private final Engine engine;

    private ResellerKit(Builder b) {
        this.engine = new Engine(b.storage, b.clock, b.ids);
    }

    /** Starts a kit on {@code storage}, with the system clock and time-ordered UUIDs by default. */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    /** Resellers: create, read, update, quotas, suspension, delete, list. */
    public ResellerService resellers() {
        return engine.resellers();
    }

    /** Users: create, read, update, delete, list. */
    public UserService users() {
        return engine.users();
    }

    /** Organizations: create, read, update, delete, list. */
    public OrganizationService organizations() {
        return engine.organizations();
    }

    /** Licenses: create, allocate, assign, unassign, suspend, revoke, list. */
    public LicenseService licenses() {
        return engine.licenses();
    }

    /** The audit trail: query and export. */
    public AuditService audit() {
        return engine.audit();
    }

    /**
     * Creates the first vendor admin, which every later call can act as. Refused once any
     * admin exists. Its {@code user.created} event names the new admin as its own actor.
     *
     * @throws ConflictException of kind INVALID_STATE if an admin exists already
     */
    public User bootstrapAdmin(CreateUser command) {
        return engine.bootstrapAdmin(command);
    }

    /**
     * The id of the user with this email (compared without case), for a host that authenticated
     * someone by email and must now name the acting user of a {@link RequestContext}, as an HTTP
     * layer does with its principal. It has no {@code RequestContext} and checks no permission,
     * because there is no actor yet: finding out who acts is what it is for. It reveals only
     * whether an email belongs to a user, which the host's own authentication already vouched
     * for; it writes nothing, not even an audit event. Text that cannot be an email (null, blank,
     * too long, with control characters) finds nobody.
     */
    public Optional<UserId> userIdByEmail(String email) {
        return engine.userIdByEmail(email);
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
