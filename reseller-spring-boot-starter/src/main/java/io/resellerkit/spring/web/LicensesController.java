package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.License;
import io.resellerkit.model.LicenseId;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.UserId;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.spring.web.ApiModels.AllocateLicenseJson;
import io.resellerkit.spring.web.ApiModels.AssignLicenseJson;
import io.resellerkit.spring.web.ApiModels.CreateLicenseJson;
import io.resellerkit.spring.web.ApiModels.LicenseJson;
import io.resellerkit.spring.web.ApiModels.PageJson;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/licenses}: the vendor creates and allocates licenses; a reseller admin assigns those
 * allocated to its reseller to its users and organizations, and takes them back.
 */
@RestController
@RequestMapping("${resellerkit.api.base-path:/api/resellerkit}/v3/licenses")
public class LicensesController {
    private final ResellerKit kit;

    /** A controller on {@code kit}. */
    public LicensesController(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /**
     * Creates a license, allocated to {@code resellerId} when given: the vendor, or a reseller admin
     * within its reseller's license quota (its own reseller when {@code resellerId} is left out).
     */
    @PostMapping
    public ResponseEntity<LicenseJson> create(@Parameter(hidden = true) RequestContext context, @RequestBody CreateLicenseJson body) {
        License l = kit.licenses().create(context, new CreateLicense(body.key(), body.productId(),
                Http.required("allowedActivations", body.allowedActivations()), body.expiresAt(),
                Http.id("resellerId", body.resellerId(), ResellerId::of), body.metadata()));
        return Http.versioned(HttpStatus.CREATED, l.version(), LicenseJson.of(l));
    }

    /** Lists licenses, oldest first, as far as the acting user sees. */
    @GetMapping
    public ResponseEntity<PageJson<LicenseJson>> list(@Parameter(hidden = true) RequestContext context, HttpServletRequest request,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<String> resellerId, @RequestParam(required = false) List<String> userId,
            @RequestParam(required = false) List<String> organizationId,
            @RequestParam(required = false) List<String> productId,
            @RequestParam(required = false) Boolean suspended, @RequestParam(required = false) Boolean revoked) {
        LicenseQuery query = LicenseQuery.all()
                .withResellerIds(Http.ids("resellerId", resellerId, ResellerId::of))
                .withAssignedUsers(Http.ids("userId", userId, UserId::of))
                .withAssignedOrganizations(Http.ids("organizationId", organizationId, OrganizationId::of))
                .withProductIds(productId == null ? null : Set.copyOf(productId))
                .withSuspended(suspended).withRevoked(revoked);
        return Http.page(request, kit.licenses().list(context, query, Http.page(limit, cursor)), LicenseJson::of);
    }

    /** Reads a license. */
    @GetMapping("/{id}")
    public ResponseEntity<LicenseJson> get(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        return json(kit.licenses().get(context, licenseId(id)));
    }

    /** Assigns a license to a user or an organization (exactly one of the two), as Cryptlex's PATCH does. */
    @PatchMapping("/{id}")
    public ResponseEntity<LicenseJson> assign(@Parameter(hidden = true) RequestContext context, @PathVariable String id,
            @RequestBody AssignLicenseJson body) {
        if ((body.userId() == null) == (body.organizationId() == null)) {
            throw ValidationException.of("userId", "OneOf", "exactly one of userId and organizationId must be given");
        }
        LicenseId lid = licenseId(id);
        return json(body.userId() != null
                ? kit.licenses().assignToUser(context, lid, Http.id("userId", body.userId(), UserId::of))
                : kit.licenses().assignToOrganization(context, lid,
                        Http.id("organizationId", body.organizationId(), OrganizationId::of)));
    }

    /** Allocates an unallocated, unassigned license to a reseller (the vendor only). */
    @PostMapping("/{id}/allocate")
    public ResponseEntity<LicenseJson> allocate(@Parameter(hidden = true) RequestContext context, @PathVariable String id,
            @RequestBody AllocateLicenseJson body) {
        return json(kit.licenses().allocate(context, licenseId(id),
                Http.required("resellerId", Http.id("resellerId", body.resellerId(), ResellerId::of))));
    }

    /** Takes a license back from its reseller (the vendor only). */
    @PostMapping("/{id}/take-back")
    public ResponseEntity<LicenseJson> takeBack(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        return json(kit.licenses().allocate(context, licenseId(id), null));
    }

    /** Takes a license back from its user or organization. */
    @PostMapping("/{id}/unassign")
    public ResponseEntity<LicenseJson> unassign(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        return json(kit.licenses().unassign(context, licenseId(id)));
    }

    /** Suspends a license. */
    @PostMapping("/{id}/suspend")
    public ResponseEntity<LicenseJson> suspend(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        return json(kit.licenses().suspend(context, licenseId(id)));
    }

    /** Lifts a license's suspension. */
    @PostMapping("/{id}/unsuspend")
    public ResponseEntity<LicenseJson> unsuspend(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        return json(kit.licenses().unsuspend(context, licenseId(id)));
    }

    /** Revokes a license for good. */
    @PostMapping("/{id}/revoke")
    public ResponseEntity<LicenseJson> revoke(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        return json(kit.licenses().revoke(context, licenseId(id)));
    }

    private static ResponseEntity<LicenseJson> json(License l) {
        return Http.versioned(HttpStatus.OK, l.version(), LicenseJson.of(l));
    }

    private static LicenseId licenseId(String id) {
        return Http.id("id", id, LicenseId::of);
    }
}
