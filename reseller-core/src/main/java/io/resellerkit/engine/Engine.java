package io.resellerkit.engine;

import io.resellerkit.model.AuditAction;
import io.resellerkit.AccessService;
import io.resellerkit.AuditService;
import io.resellerkit.AuditVerification;
import io.resellerkit.spi.AuditTrail.ChainedEvent;
import io.resellerkit.spi.ChainCheckpoint;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.ChainLink;
import io.resellerkit.LicenseService;
import io.resellerkit.OrganizationService;
import io.resellerkit.ResellerKit;
import io.resellerkit.ResellerService;
import io.resellerkit.UserService;
import io.resellerkit.WebhookService;
import io.resellerkit.command.Constraints;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.PlainText;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.Entity;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.TextMatch;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.IdGenerator;
import io.resellerkit.spi.Storage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The engine behind {@link io.resellerkit.ResellerKit}: the services, and what they all share
 * (storage, the operation runner, the auditor, quotas, time and ids). Not part of the API: the
 * package is not exported; hosts use {@code ResellerKit}.
 */
public final class Engine {
    final Storage storage;
    final OperationRunner runner;
    final Auditor auditor;
    final Quotas quotas;
    final FilterReach filterReach;
    final Tiers tiers;
    /** How long a transfer token works after its issue. */
    final Duration transferTokenTtl;
    /** The longest period an access grant may have. */
    final Duration accessGrantMaxPeriod;
    final PermissionPolicy policy;
    private static final Pattern PLAIN_TEXT = Pattern.compile(PlainText.PATTERN);
    final InputValidator validator = new InputValidator();
    private final Clock clock;
    private final IdGenerator ids;
    private final ResellerService resellers;
    private final UserOperations users;
    private final OrganizationService organizations;
    private final LicenseService licenses;
    private final AuditService audit;
    private final AccessService access;
    private final WebhookService webhooks;

    /**
     * An engine on {@code storage}; {@code ids} null for time-ordered UUIDs from {@code clock};
     * idempotency keys count for {@code idempotencyKeyTtl} after their write; transfer tokens work
     * for {@code transferTokenTtl} after their issue; resellers stand at most {@code maxTierDepth}
     * tiers deep; access grants last at most {@code accessGrantMaxPeriod}; webhook endpoints go
     * only to {@code webhookTargets}, and a reseller's staff register at most {@code resellerWebhooks}.
     */
    public Engine(Storage storage, Clock clock, IdGenerator ids, Duration idempotencyKeyTtl, Duration transferTokenTtl,
                  int maxTierDepth, Duration accessGrantMaxPeriod, Predicate<URI> webhookTargets,
                  int resellerWebhooks) {
        this.storage = storage;
        this.transferTokenTtl = transferTokenTtl;
        this.accessGrantMaxPeriod = accessGrantMaxPeriod;
        this.clock = clock;
        this.ids = ids != null ? ids : new UuidV7Generator(clock);
        this.tiers = new Tiers(storage.resellers(), maxTierDepth);
        this.auditor = new Auditor(storage.auditTrail(), this::now, this.ids);
        this.policy = new PermissionPolicy(clock);
        this.runner = new OperationRunner(storage, validator, policy, auditor, clock::instant, idempotencyKeyTtl, tiers);
        this.filterReach = new FilterReach(storage, policy);
        this.quotas = new Quotas(storage.usageCounters(), tiers);
        this.resellers = new ResellerOperations(this);
        this.users = new UserOperations(this);
        this.organizations = new OrganizationOperations(this);
        this.licenses = new LicenseOperations(this);
        this.audit = new AuditOperations(this);
        this.access = new AccessOperations(this);
        this.webhooks = new WebhookOperations(this, webhookTargets, resellerWebhooks);
    }

    public ResellerService resellers() {
        return resellers;
    }

    public UserService users() {
        return users;
    }

    public OrganizationService organizations() {
        return organizations;
    }

    public LicenseService licenses() {
        return licenses;
    }

    public AuditService audit() {
        return audit;
    }

    public AccessService access() {
        return access;
    }

    public WebhookService webhooks() {
        return webhooks;
    }

    /** See {@link io.resellerkit.ResellerKit#bootstrapAdmin}. */
    public User bootstrapAdmin(CreateUser command) {
        return users.bootstrapAdmin(command);
    }

    /** See {@link io.resellerkit.ResellerKit#userIdByEmail}. */
    public Optional<UserId> userIdByEmail(String email) {
        if (email == null || email.isBlank() || email.length() > Constraints.MAX_EMAIL
                || !PLAIN_TEXT.matcher(email).matches()) {
            return Optional.empty();
        }
        UserQuery query = UserQuery.all().withEmail(TextMatch.equalTo(email(email)));
        return storage.unitOfWork().read(() -> storage.users().find(query, null, 1))
                .stream().findFirst().map(User::id);
    }

    /** See {@link io.resellerkit.AuditVerification#check}: the chain's head is taken to be its last event. */
    public static AuditVerification.Break checkChain(long fromSeq, String fromHash, List<ChainedEvent> events) {
        required("fromHash", fromHash, "events", events);
        if (events.isEmpty()) {
            return null;
        }
        ChainLink last = events.get(events.size() - 1).link();
        String chain = last.chain();
        ChainCheck check = new ChainCheck(new ChainHead(chain, last.seq(), last.hash()),
                new ChainCheckpoint(chain, fromSeq, fromHash, null, null));
        return check.firstBreak(events.iterator());
    }

    /** The clock's time, to the microsecond (see {@link #stored}). */
    Instant now() {
        return stored(clock.instant());
    }

    /**
     * A time as every adapter stores it: to the microsecond, finer digits dropped (databases
     * would round them, up into the next year at the end of 9999), so a time reads back as
     * it was written.
     */
    static Instant stored(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    String newId() {
        return ids.newId();
    }

    /**
     * Stores a change with its audit event. A change that changes no field is neither stored
     * nor versioned nor audited: a retried request does not break its caller's next version check.
     */
    <E extends Entity<?>> E update(Call call, AuditAction action, String resourceType, ResellerId reseller, E before,
                                   E after, Consumer<E> store) {
        if (Auditor.diff(before.auditFields(), after.auditFields()).isEmpty()) {
            return before;
        }
        store.accept(after);
        auditor.changed(call, action, resourceType, before.id().toString(), reseller, before, after);
        return after;
    }

    /** Blank optional text is stored as absent. */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A reseller by id: the one the call already loaded for its actor, or from storage. */
    Reseller reseller(Call call, ResellerId id) {
        Reseller own = call.actor().reseller();
        return own != null && own.id().equals(id) ? own : existing(storage.resellers().findById(id), "reseller", id);
    }

    /** Refuses a missing argument, naming it. */
    static void required(Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                throw ValidationException.of((String) namesAndValues[i], "NotNull", "must not be null");
            }
        }
    }

    /** The value, or a not-found error naming what was asked for. */
    static <T> T existing(Optional<T> value, String resourceType, Object id) {
        return value.orElseThrow(() -> new NotFoundException(resourceType, String.valueOf(id)));
    }

    /**
     * Refuses the call if {@code reread} (a row read again) is gone or no longer at {@code reseller}.
     * Read once the call has appended an event, it sees any transfer that committed meanwhile: the
     * event holds the reseller's audit chain, which a transfer holds until it commits. Without
     * this, a row attached to a moved customer at read committed would stay at the old reseller.
     */
    static <T> void requireStillAt(ResellerId reseller, Optional<T> reread, Function<T, ResellerId> resellerOf,
                                   String what) {
        if (reread.filter(row -> java.util.Objects.equals(resellerOf.apply(row), reseller)).isEmpty()) {
            throw new ConflictException(ConflictException.Kind.STALE_VERSION,
                    "the " + what + " was deleted or moved to another reseller meanwhile; try again");
        }
    }

    /** Refuses a change made against an older version than the one stored. */
    static void checkVersion(Long expectedVersion, Entity<?> stored) {
        if (expectedVersion != null && expectedVersion != stored.version()) {
            throw new ConflictException(ConflictException.Kind.STALE_VERSION,
                    "expected version " + expectedVersion + " but it is " + stored.version());
        }
    }

    /** For partial updates: the new value if given, else the old one. */
    static <T> T either(T given, T current) {
        return given != null ? given : current;
    }

    /** For optional text in partial updates: null keeps, empty clears. */
    static String optionalText(String given, String current) {
        if (given == null) {
            return current;
        }
        return given.isEmpty() ? null : given;
    }

    /** Emails compare without case; they are stored lower-case. */
    static String email(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
