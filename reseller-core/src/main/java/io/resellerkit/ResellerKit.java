package io.resellerkit;

import io.resellerkit.command.CreateUser;
import io.resellerkit.engine.Engine;
import io.resellerkit.engine.ObservedServices;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.IdGenerator;
import io.resellerkit.spi.Storage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
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
    private final ObservedServices observed;
    private final ResellerService resellers;
    private final UserService users;
    private final OrganizationService organizations;
    private final LicenseService licenses;
    private final AuditService audit;
    private final AccessService access;
    private final WebhookService webhooks;

    private ResellerKit(Builder b) {
        this.engine = new Engine(b.storage, b.clock, b.ids, b.idempotencyKeyTtl, b.transferTokenTtl,
                b.maxTierDepth, b.accessGrantMaxPeriod, b.webhookTargets, b.resellerWebhooks);
        this.observed = new ObservedServices(b.observer);
        this.resellers = observed.wrap(ResellerService.class, "reseller", engine.resellers());
        this.users = observed.wrap(UserService.class, "user", engine.users());
        this.organizations = observed.wrap(OrganizationService.class, "organization", engine.organizations());
        this.licenses = observed.wrap(LicenseService.class, "license", engine.licenses());
        this.audit = observed.wrap(AuditService.class, "audit", engine.audit());
        this.access = observed.wrap(AccessService.class, "access", engine.access());
        this.webhooks = observed.wrap(WebhookService.class, "webhook", engine.webhooks());
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

    /** Organizations: create, read, update, delete, list, transfer to another reseller. */
    public OrganizationService organizations() {
        return organizations;
    }

    /** Licenses: create, allocate, assign, unassign, suspend, revoke, list. */
    public LicenseService licenses() {
        return licenses;
    }

    /** The audit trail: query, export, verify, and retention and erasure. */
    public AuditService audit() {
        return audit;
    }

    /** Time-bound delegated access to organizations: grant, revoke, list. */
    public AccessService access() {
        return access;
    }

    /**
     * Webhook endpoints and their delivery log, permission-checked: register, list, get, delete,
     * deliveries, replay. The storage must keep webhooks ({@link Storage#webhooks()}).
     */
    public WebhookService webhooks() {
        return webhooks;
    }

    /**
     * Creates the first vendor admin, which every later call can act as. Refused once any
     * admin exists. Its {@code user.created} event names the new admin as its own actor.
     *
     * @throws ConflictException of kind INVALID_STATE if an admin exists already
     */
    public User bootstrapAdmin(CreateUser command) {
        return observed.observe("user.bootstrap_admin", () -> engine.bootstrapAdmin(command));
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

    /** How long an idempotency key counts after its write, unless the builder says otherwise: 24 hours. */
    public static final Duration DEFAULT_IDEMPOTENCY_KEY_TTL = Duration.ofHours(24);

    /** The longest time an idempotency key may count: 366 days. */
    public static final Duration MAX_IDEMPOTENCY_KEY_TTL = Duration.ofDays(366);

    /** How long a transfer token works after its issue, unless the builder says otherwise: 7 days. */
    public static final Duration DEFAULT_TRANSFER_TOKEN_TTL = Duration.ofDays(7);

    /**
     * How many tiers of resellers may stand below the vendor, unless the builder says otherwise: 4
     * (a reseller without a parent is tier 1, its child tier 2, and so on).
     */
    public static final int DEFAULT_MAX_TIER_DEPTH = 4;
    /** The longest period an access grant may have, unless the builder says otherwise: 90 days. */
    public static final Duration DEFAULT_ACCESS_GRANT_MAX_PERIOD = Duration.ofDays(90);

    /** Configures a {@link ResellerKit}. */
    public static final class Builder {
        private final Storage storage;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;
        private OperationObserver observer;
        private Duration idempotencyKeyTtl = DEFAULT_IDEMPOTENCY_KEY_TTL;
        private Duration transferTokenTtl = DEFAULT_TRANSFER_TOKEN_TTL;
        private int maxTierDepth = DEFAULT_MAX_TIER_DEPTH;
        private Duration accessGrantMaxPeriod = DEFAULT_ACCESS_GRANT_MAX_PERIOD;
        private Predicate<URI> webhookTargets = uri -> true;
        private int resellerWebhooks;

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

        /**
         * Told of every public call when it ends, with its name, outcome and duration (for
         * metrics); see {@link OperationObserver}. None by default.
         */
        public Builder observer(OperationObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * How long an idempotency key counts after the write that claimed it (24 hours by
         * default), measured on the kit's clock; after that the key is treated as never used.
         * See {@link RequestContext#idempotencyKey()}.
         *
         * @throws IllegalArgumentException unless it is positive and at most {@link #MAX_IDEMPOTENCY_KEY_TTL}
         */
        public Builder idempotencyKeyTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            // An expiry must stay storable (before year 10000): a year is far beyond any client's retries.
            if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_IDEMPOTENCY_KEY_TTL) > 0) {
                throw new IllegalArgumentException("idempotencyKeyTtl must be positive and at most "
                        + MAX_IDEMPOTENCY_KEY_TTL + ", but was " + ttl);
            }
            this.idempotencyKeyTtl = ttl;
            return this;
        }

        /**
         * How long a transfer token works after its issue (7 days by default), measured on the
         * kit's clock. See {@link OrganizationService#issueTransferToken}.
         *
         * @throws IllegalArgumentException unless it is positive
         */
        public Builder transferTokenTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("transferTokenTtl must be positive, but was " + ttl);
            }
            this.transferTokenTtl = ttl;
            return this;
        }

        /**
         * How many tiers of resellers may stand below the vendor ({@value ResellerKit#DEFAULT_MAX_TIER_DEPTH} by
         * default): a reseller without a parent is tier 1, a child of it tier 2; creating a reseller
         * deeper than this is refused. 1 turns tiers off.
         *
         * @throws IllegalArgumentException unless it is from 1 to 16
         */
        public Builder maxTierDepth(int depth) {
            // Every call loads an actor's subtree and every create may walk its ancestors: keep it small.
            if (depth < 1 || depth > 16) {
                throw new IllegalArgumentException("maxTierDepth must be from 1 to 16, but was " + depth);
            }
            this.maxTierDepth = depth;
            return this;
        }

        /**
         * The longest period from an access grant's start to its end (90 days by default); see
         * {@link AccessService#grant}.
         *
         * @throws IllegalArgumentException unless it is positive and at most 366 days
         */
        public Builder accessGrantMaxPeriod(Duration max) {
            Objects.requireNonNull(max, "max");
            if (max.isNegative() || max.isZero() || max.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("accessGrantMaxPeriod must be positive and at most 366 days, but was "
                        + max);
            }
            this.accessGrantMaxPeriod = max;
            return this;
        }

        /**
         * Which URLs {@link WebhookService#register} accepts (every http and https one by default).
         * Webhooks make the server send requests to addresses its users chose: restrict them (refuse
         * private and loopback addresses, or allow a list of hosts) against server-side request
         * forgery, before {@link #resellerWebhooks} lets resellers register; give the senders
         * ({@link io.resellerkit.webhook.WebhookSender.Builder#allowedTargets}) the same check, as
         * they check again before every request.
         */
        public Builder webhookTargets(Predicate<URI> allowed) {
            this.webhookTargets = Objects.requireNonNull(allowed, "allowed");
            return this;
        }

        /**
         * How many webhook endpoints a reseller's admin may register for its reseller (0 by default:
         * only the vendor registers endpoints). Every endpoint of the reseller counts, the vendor's too;
         * the vendor itself is never refused.
         *
         * @throws IllegalArgumentException unless it is from 0 to 100
         */
        public Builder resellerWebhooks(int max) {
            // Every event is matched against every endpoint: keep the per-reseller count small.
            if (max < 0 || max > 100) {
                throw new IllegalArgumentException("resellerWebhooks must be from 0 to 100, but was " + max);
            }
            this.resellerWebhooks = max;
            return this;
        }

        /** The kit. */
        public ResellerKit build() {
            return new ResellerKit(this);
        }
    }

    /** For {@link AuditVerification#check}, which may not reach into the engine itself. */
    static AuditVerification.Break checkChain(long fromSeq, String fromHash,
                                              List<ChainedEvent> events) {
        return Engine.checkChain(fromSeq, fromHash, events);
    }
}
