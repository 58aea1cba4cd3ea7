package io.resellerkit.spi;

import io.resellerkit.model.Reseller;
import io.resellerkit.model.User;
import java.util.Objects;

/**
 * A user with the reseller it belongs to, as read to resolve the actor of a call.
 *
 * @param user     the user
 * @param reseller the user's reseller, or null if it has none or it is gone
 */
public record UserAndReseller(User user, Reseller reseller) {
    public UserAndReseller {
        Objects.requireNonNull(user, "user");
    }
}
