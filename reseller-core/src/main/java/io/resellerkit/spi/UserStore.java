package io.resellerkit.spi;

import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.UserQuery;

/**
 * Stores users. A user's email is unique across the store: {@code insert} and {@code update}
 * throw a DUPLICATE conflict when another user holds it.
 */
public interface UserStore extends EntityStore<UserId, User, UserQuery> {
}
