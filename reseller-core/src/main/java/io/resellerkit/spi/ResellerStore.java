package io.resellerkit.spi;

import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.query.ResellerQuery;

/** Stores resellers. */
public interface ResellerStore extends EntityStore<ResellerId, Reseller, ResellerQuery> {
}
