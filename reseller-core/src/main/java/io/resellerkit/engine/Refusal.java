package io.resellerkit.engine;

import io.resellerkit.model.AuditAction;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.model.ResellerId;

/**
 * Carries a refused attempt out of its (rolled back) unit of work, so that the refusal's own
 * audit event can be stored after it. Never leaves the core: callers get {@link #error}.
 *
 * @param action     {@code access.denied} or {@code quota.exceeded}
 * @param concerning the reseller the event concerns
 */
final class Refusal extends RuntimeException {
    final ResellerKitException error;
    final AuditAction action;
    final Target target;
    final ResellerId concerning;

    Refusal(ResellerKitException error, AuditAction action, Target target, ResellerId concerning) {
        super(error.getMessage(), null, false, false);
        this.error = error;
        this.action = action;
        this.target = target;
        this.concerning = concerning;
    }
}
