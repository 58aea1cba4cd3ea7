package io.resellerkit.engine;

import io.resellerkit.RequestContext;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.spi.Storage;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every operation takes: validate the input, resolve the actor from storage,
 * run the work in one unit of work (so a change and its event commit together), and, if the
 * work was refused, store the refusal's event in a unit of its own after the rollback, one that
 * commits whatever the host's transaction does.
 */
final class OperationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(OperationRunner.class);
    private final Storage storage;
    private final InputValidator validator;
    private final PermissionPolicy policy;
    private final Auditor auditor;

    OperationRunner(Storage storage, InputValidator validator, PermissionPolicy policy, Auditor auditor) {
        this.storage = storage;
        this.validator = validator;
        this.policy = policy;
        this.auditor = auditor;
    }

    /**
     * Runs a change to resources of {@code resourceType} (named in the refusal of an unknown
     * actor). {@code inputs} are validated first; nothing is read before they pass.
     */
    <T> T write(RequestContext context, String resourceType, Function<Call, T> work, Object... inputs) {
        return run(context, resourceType, true, work, inputs);
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
        Actor[] resolved = new Actor[1];
        Supplier<T> unit = () -> {
            resolved[0] = resolve(context, resourceType);
            return work.apply(new Call(context, resolved[0]));
        };
        try {
            return writes ? storage.unitOfWork().write(unit) : storage.unitOfWork().read(unit);
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

    /** The actor as stored now; an unknown actor is refused. */
    private Actor resolve(RequestContext context, String resourceType) {
        Optional<User> user = storage.users().findById(context.actorId());
        if (user.isEmpty()) {
            throw new Refusal(new AccessDeniedException("the acting user does not exist"), AuditAction.ACCESS_DENIED,
                    Target.list(resourceType), null);
        }
        User u = user.get();
        Reseller reseller = u.role() == Role.RESELLER_ADMIN && u.resellerId() != null
                ? storage.resellers().findById(u.resellerId()).orElse(null) : null;
        return Actor.of(u, reseller);
    }

    /** Refuses the call unless the policy allows it. */
    void require(Call call, Operation op, Target target) {
        policy.denial(call.actor(), op, target).ifPresent(reason -> {
            throw denied(call, target, reason);
        });
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
