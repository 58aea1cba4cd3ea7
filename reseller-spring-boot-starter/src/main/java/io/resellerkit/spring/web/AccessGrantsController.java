package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.GrantAccess;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.UserId;
import io.resellerkit.spring.web.ApiModels.AccessGrantJson;
import io.resellerkit.spring.web.ApiModels.GrantAccessJson;
import io.resellerkit.spring.web.ApiModels.PageJson;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Time-bound delegated access to one organization: {@code /v3/organizations/{id}/access-grants}
 * to grant and list, {@code /v3/access-grants/{grantId}/revoke} to revoke. Who may do what is the
 * core's {@link io.resellerkit.AccessService}.
 */
@RestController
@RequestMapping("${resellerkit.api.base-path:/api/resellerkit}/v3")
public class AccessGrantsController {
    private final ResellerKit kit;

    /** A controller on {@code kit}. */
    public AccessGrantsController(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /** Lends a user the listed permissions on the organization, from {@code validFrom} (default now) until {@code validUntil}. */
    @PostMapping("/organizations/{id}/access-grants")
    public ResponseEntity<AccessGrantJson> grant(@Parameter(hidden = true) RequestContext context,
            @PathVariable String id, @RequestBody GrantAccessJson body) {
        AccessGrant g = kit.access().grant(context, new GrantAccess(Http.id("id", id, OrganizationId::of),
                Http.required("granteeId", Http.id("granteeId", body.granteeId(), UserId::of)),
                permissions(body), body.validFrom(), Http.required("validUntil", body.validUntil())));
        return ResponseEntity.status(HttpStatus.CREATED).body(AccessGrantJson.of(g, g.createdAt()));
    }

    /** The organization's grants, whatever their status, oldest first (never paged: a handful per organization). */
    @GetMapping("/organizations/{id}/access-grants")
    public PageJson<AccessGrantJson> list(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        var now = java.time.Instant.now();
        return new PageJson<>(kit.access().list(context, Http.id("id", id, OrganizationId::of)).stream()
                .map(g -> AccessGrantJson.of(g, now)).toList(), null);
    }

    /** Ends the grant at once. */
    @PostMapping("/access-grants/{grantId}/revoke")
    public AccessGrantJson revoke(@Parameter(hidden = true) RequestContext context, @PathVariable String grantId) {
        AccessGrant g = kit.access().revoke(context, grantId);
        return AccessGrantJson.of(g, g.revokedAt());
    }

    private static Set<AccessPermission> permissions(GrantAccessJson body) {
        Set<AccessPermission> out = new LinkedHashSet<>();
        for (String code : Http.required("permissions", body.permissions())) {
            out.add(AccessPermission.fromCode(code).orElseThrow(() -> io.resellerkit.error.ValidationException.of(
                    "permissions", "OneOf", "must each be one of " + java.util.Arrays.toString(AccessPermission.values()))));
        }
        return out;
    }
}
