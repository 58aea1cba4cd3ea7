package io.resellerkit.engine;

import io.resellerkit.RequestContext;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.spi.AccessGrants;
import java.util.List;

/**
 * One call in progress: the caller's context, the actor it resolved to, the actor's access grants
 * (loaded once, the first time its own rights do not suffice) and the grant the call acted under,
 * which every event it writes records.
 */
final class Call {
    private final RequestContext context;
    private final Actor actor;
    private List<AccessGrant> grants;
    private String grantUsed;
    private Target grantTarget;

    Call(RequestContext context, Actor actor) {
        this.context = context;
        this.actor = actor;
    }

    RequestContext context() {
        return context;
    }

    Actor actor() {
        return actor;
    }

    /** The grants lent to the actor, in any status; read from {@code store} once per call. */
    List<AccessGrant> grants(AccessGrants store) {
        if (grants == null) {
            grants = store.findByGrantee(actor.id());
        }
        return grants;
    }

    /** Records that the call acted under a grant, on {@code target}; the first one named stays. */
    void actedUnder(String grantId, Target target) {
        if (grantUsed == null) {
            grantUsed = grantId;
            grantTarget = target;
        }
    }

    /** What the call first reached under its grant, or null. */
    Target grantTarget() {
        return grantTarget;
    }

    /** The grant the call acted under so far, or null. */
    String grantUsed() {
        return grantUsed;
    }
}
