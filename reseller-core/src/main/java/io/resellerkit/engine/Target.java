package io.resellerkit.engine;

import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;

/**
 * What an operation acts on, as the permission policy sees it: the resource, and where it
 * sits (reseller, organization, user).
 *
 * @param resourceId  null for a create or a list
 * @param userId      for a user, itself; for a license, its assigned user
 * @param subjectRole for a user, its role today
 * @param grantedRole for a user create or update, the role it would get
 */
record Target(String resourceType, String resourceId, ResellerId resellerId, OrganizationId organizationId,
              UserId userId, Role subjectRole, Role grantedRole) {

    static Target reseller(Reseller r) {
        return new Target("reseller", r.id().value(), r.id(), null, null, null, null);
    }

    /**
     * A reseller as a thing to manage (change, suspend, delete): it sits in its parent, so the
     * staff of the resellers above it reach it, and nobody but the vendor reaches a top-level one.
     */
    static Target managedReseller(Reseller r) {
        return new Target("reseller", r.id().value(), r.parentId(), null, null, null, null);
    }

    /** A reseller to create under {@code parent} (null: directly under the vendor). */
    static Target newReseller(ResellerId parent) {
        return new Target("reseller", null, parent, null, null, null, null);
    }

    static Target user(User u) {
        return new Target("user", u.id().value(), u.resellerId(), u.organizationId(), u.id(), u.role(), null);
    }

    static Target userUpdate(User u, Role newRole) {
        return new Target("user", u.id().value(), u.resellerId(), u.organizationId(), u.id(), u.role(), newRole);
    }

    static Target newUser(ResellerId reseller, OrganizationId organization, Role role) {
        return new Target("user", null, reseller, organization, null, null, role);
    }

    static Target users(ResellerId reseller, OrganizationId organization) {
        return new Target("user", null, reseller, organization, null, null, null);
    }

    static Target organization(Organization o) {
        return new Target("organization", o.id().value(), o.resellerId(), o.id(), null, null, null);
    }

    /** An organization as it would sit after a transfer to {@code reseller}. */
    static Target arriving(Organization o, ResellerId reseller) {
        return new Target("organization", o.id().value(), reseller, o.id(), null, null, null);
    }

    static Target newOrganization(ResellerId reseller) {
        return new Target("organization", null, reseller, null, null, null, null);
    }

    static Target license(License l) {
        return new Target("license", l.id().value(), l.resellerId(), l.assignedOrganization(), l.assignedUser(),
                null, null);
    }

    static Target newLicense(ResellerId reseller) {
        return new Target("license", null, reseller, null, null, null, null);
    }

    static Target auditTrail(ResellerId reseller) {
        return new Target("audit", null, reseller, null, null, null, null);
    }

    static Target list(String resourceType) {
        return new Target(resourceType, null, null, null, null, null, null);
    }
}
