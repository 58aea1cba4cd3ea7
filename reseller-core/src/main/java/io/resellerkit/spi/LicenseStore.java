package io.resellerkit.spi;

import io.resellerkit.model.License;
import io.resellerkit.model.LicenseId;
import io.resellerkit.query.LicenseQuery;

/**
 * Stores licenses. A license key is unique across the store: {@code insert} throws a
 * DUPLICATE conflict when another license holds it.
 */
public interface LicenseStore extends EntityStore<LicenseId, License, LicenseQuery> {
}
