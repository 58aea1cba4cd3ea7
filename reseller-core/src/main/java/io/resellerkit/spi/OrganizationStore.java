package io.resellerkit.spi;

import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.query.OrganizationQuery;

/** Stores organizations. */
public interface OrganizationStore extends EntityStore<OrganizationId, Organization, OrganizationQuery> {
}
