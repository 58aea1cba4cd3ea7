package io.resellerkit.engine;

import io.resellerkit.RequestContext;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.StorageException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Entity;
import io.resellerkit.model.LicenseId;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.IdempotencyKeys;
import io.resellerkit.spi.IdempotencyKeys.StoredKey;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UserAndReseller;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every operation takes: validate the input, resolve the actor from storage,
 * run the work in one unit of work (so a change and its event commit together), and, if the
 * work was refused, store the refusal's event in a unit of its own after the rollback, one that
 * commits whatever the host's transaction does.
 *
 * <p>A write whose context carries an idempotency key claims the key first in its unit of work,
 * before anything is written or a quota slot taken, and records its result there: the key
 * commits with the write or not at all. If the actor holds the key already (committed; a
 * concurrent holder is waited for by the store), the unit rolls back and the stored key is read
 * in a fresh unit: the same operation with the same arguments replays the first result (the
 * resource as it is now, read with the actor's rights of now; nothing for a delete); anything else
 * is refused with {@code IDEMPOTENCY_KEY_REUSED}. An expired key counts as absent and is removed
 * by the claim.
 */
final class OperationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(OperationRunner.class);
    /** How often a write runs again when its key expired or vanished between its claim and the replay. */
    private static final int MAX_KEY_ATTEMPTS = 3;
    /** What a replay returns when the stored key turned out expired or gone: run the write again. */
    private static final Object RUN_AGAIN = new Object();
    private final Storage storage;
    private final InputValidator validator;
    private final PermissionPolicy policy;
    private final Auditor auditor;
    private final Supplier<Instant> clock;
    private final Duration keyTtl;
    private final Tiers tiers;

    /**
     * @param clock  the time keys are claimed and checked at
     * @param keyTtl how long an idempotency key counts after its write
     */
    OperationRunner(Storage storage, InputValidator validator, PermissionPolicy policy, Auditor auditor,
                    Supplier<Instant> clock, Duration keyTtl, Tiers tiers) {
        this.tiers = tiers;
        this.storage = storage;
        this.validator = validator;
        this.policy = policy;
        this.auditor = auditor;
        this.clock = clock;
        this.keyTtl = keyTtl;
    }

    /**
     * Runs a change to resources of {@code resourceType} (named in the refusal of an unknown
     * actor), which returns one of them or nothing. {@code arguments} are everything the caller
     * passed besides the context (ids, the command, an expected version): validated first, so
     * nothing is read before they pass, and, with an idempotency key, what tells one write from
     * another together with {@code op}.
     */
    <T> T write(RequestContext context, String resourceType, Operation op, Function<Call, T> work, Object... arguments) {
        if (context == null || context.idempotencyKey() == null) {
            return run(context, resourceType, true, work, arguments);
        }
        String fingerprint = Fingerprint.of(op, arguments);
        for (int attempt = 1; attempt <= MAX_KEY_ATTEMPTS; attempt++) {
            try {
                return run(context, resourceType, true, call -> {
                    claim(context, fingerprint);
                    T result = work.apply(call);
                    complete(context, resourceType, result);
                    return result;
                }, arguments);
            } catch (KeyHeld held) {
                Object replayed = run(context, resourceType, false, call -> replay(call, fingerprint));
                if (replayed != RUN_AGAIN) {
                    @SuppressWarnings("unchecked") // the stored resource is of the write's own type
                    T result = (T) replayed;
                    return result;
                }
            }
        }
        throw new StorageException("the idempotency key kept expiring or vanishing while the write ran "
                + MAX_KEY_ATTEMPTS + " times", null, true);
    }

    /** Runs a read of resources of {@code resourceType}. */
    <T> T read(RequestContext context, String resourceType, Function<Call, T> work, Object... inputs) {
        return run(context, resourceType, false, work, inputs);
    }

    private <T> T run(RequestContext context, String resourceType, boolean writes, Function<Call, T> work,
                      Object... inputs) {
        Engine.required("context", context);
        for (Object input : inputs) {
            validator.validate(input);
        }
        Call[] resolved = new Call[1];
        Supplier<T> unit = () -> {
            resolved[0] = new Call(context, resolve(context, resourceType));
            return work.apply(resolved[0]);
        };
        try {
            T result = writes ? storage.unitOfWork().write(unit) : storage.unitOfWork().read(unit);
            if (!writes && resolved[0].grantUsed() != null) {
                // Every use of a grant is audited; a read only returns once its use is recorded.
                storage.unitOfWork().writeIndependently(() -> {
                    auditor.readUnderGrant(resolved[0]);
                    return null;
                });
            }
            return result;
        } catch (Refusal refusal) {
            LOG.debug("refused: {} on {} {} ({})", refusal.action, refusal.target.resourceType(),
                    refusal.target.resourceId(), refusal.error.code());
            try {
                storage.unitOfWork().writeIndependently(() -> {
                    auditor.refused(context, resolved[0], refusal);
                    return null;
                });
            } catch (RuntimeException failure) {
                // The caller must learn the real refusal, not that its event could not be stored.
                LOG.warn("could not store the {} event of a refused call ({}); the refusal is thrown with it suppressed",
                        refusal.action, failure.getClass().getName());
                refusal.error.addSuppressed(failure);
            }
            throw refusal.error;
        }
    }

    /** The actor's key is held already, by a committed write; thrown out of the unit so that it rolls back. */
    private static final class KeyHeld extends RuntimeException {
        KeyHeld(ConflictException duplicate) {
            super("the idempotency key is held", duplicate, false, false);
        }
    }

    /** Claims the context's key for this write, first in its unit; expired keys of the actor go first. */
    private void claim(RequestContext context, String fingerprint) {
        IdempotencyKeys keys = storage.idempotencyKeys();
        Instant now = Engine.stored(clock.get());
        keys.forgetExpired(context.actorId(), now);
        try {
            keys.claim(context.actorId(), context.idempotencyKey(), fingerprint, Engine.stored(now.plus(keyTtl)));
        } catch (ConflictException e) {
            if (e.kind() != ConflictException.Kind.DUPLICATE) {
                throw e;
            }
            throw new KeyHeld(e);
        }
    }

    /** Records what the write returned: a resource's type and id, or nothing. */
    private void complete(RequestContext context, String resourceType, Object result) {
        boolean resource = result instanceof Entity<?>;
        storage.idempotencyKeys().complete(context.actorId(), context.idempotencyKey(), resource ? resourceType : null,
                resource ? ((Entity<?>) result).id().toString() : null);
    }

    /**
     * The first result of the write the key was claimed for, if it is this write; {@link #RUN_AGAIN}
     * if the key expired or is gone since the claim failed.
     */
    private Object replay(Call call, String fingerprint) {
        RequestContext context = call.context();
        Optional<StoredKey> stored = storage.idempotencyKeys().find(context.actorId(), context.idempotencyKey());
        if (stored.isEmpty() || !stored.get().expiresAt().isAfter(Engine.stored(clock.get()))) {
            return RUN_AGAIN;
        }
        StoredKey key = stored.get();
        if (!key.fingerprint().equals(fingerprint)) {
            throw new ConflictException(ConflictException.Kind.IDEMPOTENCY_KEY_REUSED,
                    "the idempotency key was used for another operation or other arguments");
        }
        if (key.resourceType() == null) {
            return null;
        }
        return current(call, key.resourceType(), key.resourceId());
    }

    /** A write's result as it is now, if the actor may still read it. */
    private Object current(Call call, String type, String id) {
        switch (type) {
            case "reseller" -> {
                var r = Engine.existing(storage.resellers().findById(ResellerId.of(id)), type, id);
                require(call, Operation.RESELLER_READ, Target.reseller(r));
                return r;
            }
            case "user" -> {
                var u = Engine.existing(storage.users().findById(UserId.of(id)), type, id);
                require(call, Operation.USER_READ, Target.user(u));
                return u;
            }
            case "organization" -> {
                var o = Engine.existing(storage.organizations().findById(OrganizationId.of(id)), type, id);
                require(call, Operation.ORGANIZATION_READ, Target.organization(o));
                return o;
            }
            case "license" -> {
                var l = Engine.existing(storage.licenses().findById(LicenseId.of(id)), type, id);
                require(call, Operation.LICENSE_READ, Target.license(l));
                return l;
            }
            default -> throw new IllegalStateException("an idempotency key names an unknown resource type " + type);
        }
    }

    /** The actor as stored now; an unknown actor is refused. */
    private Actor resolve(RequestContext context, String resourceType) {
        Optional<UserAndReseller> found = storage.findUserAndReseller(context.actorId());
        if (found.isEmpty()) {
            throw new Refusal(new AccessDeniedException("the acting user does not exist"), AuditAction.ACCESS_DENIED,
                    Target.list(resourceType), null);
        }
        User u = found.get().user();
        Reseller reseller = PermissionPolicy.isResellerStaff(u.role()) ? found.get().reseller() : null;
        // Their standing also depends on the resellers above theirs: a suspended parent stops its channel.
        List<Reseller> chain = reseller != null && reseller.parentId() != null ? tiers.chain(reseller) : List.of();
        // Staff reach their reseller's whole subtree: loaded at most once per call, when asked.
        return Actor.of(u, reseller, chain.isEmpty() ? chain : chain.subList(1, chain.size()),
                () -> reseller != null ? tiers.subtree(reseller.id()) : Set.of());
    }

    /**
     * Refuses the call unless the policy allows it, by the actor's own rights or by one of its
     * access grants; a grant that allowed it is recorded in the call, for its events.
     */
    void require(Call call, Operation op, Target target) {
        PermissionPolicy.Decision d = policy.decide(call.actor(), op, target, () -> call.grants(storage.accessGrants()));
        if (!d.allowed()) {
            throw denied(call, target, d.denial());
        }
        if (d.grantId() != null) {
            call.actedUnder(d.grantId(), target);
        }
    }

    /** A refusal for an access the actor may not have; its event concerns the actor's reseller. */
    static Refusal denied(Call call, Target target, String reason) {
        ResellerId concerning = call.actor().resellerId() != null ? call.actor().resellerId() : target.resellerId();
        return new Refusal(new AccessDeniedException(reason), AuditAction.ACCESS_DENIED, target, concerning);
    }

    /** A refusal for a list that asks for more than the actor's scope. */
    static Refusal outsideScope(Call call, String resourceType) {
        return denied(call, Target.list(resourceType), call.actor().role() + " may not list " + resourceType
                + "s outside " + Scope.describe(call.actor()));
    }

    /** A refusal for a used-up quota; its event concerns the reseller whose quota it is. */
    static Refusal quotaExceeded(Target target, ResellerId reseller, String quota, long limit, long usage) {
        return new Refusal(new QuotaExceededException(quota, limit, usage), AuditAction.QUOTA_EXCEEDED, target, reseller);
    }
}
