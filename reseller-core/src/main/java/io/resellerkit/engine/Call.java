package io.resellerkit.engine;

import io.resellerkit.RequestContext;

/** One call in progress: the caller's context and the actor it resolved to. */
record Call(RequestContext context, Actor actor) {
}
