package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.TextMatch;
import io.resellerkit.spring.web.ApiModels.CreateOrganizationJson;
import io.resellerkit.spring.web.ApiModels.IssueTransferTokenJson;
import io.resellerkit.spring.web.ApiModels.TransferOrganizationJson;
import io.resellerkit.spring.web.ApiModels.TransferTokenJson;
import io.resellerkit.spring.web.ApiModels.OrganizationJson;
import io.resellerkit.spring.web.ApiModels.PageJson;
import io.resellerkit.spring.web.ApiModels.PatchOrganizationJson;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/organizations}: customer organizations, within their reseller's {@code allowedOrganizations}. */
@RestController
@RequestMapping("${resellerkit.api.base-path:/api/resellerkit}/v3/organizations")
public class OrganizationsController {
    private final ResellerKit kit;

    /** A controller on {@code kit}. */
    public OrganizationsController(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /** Creates an organization, taking a slot of its reseller's {@code allowedOrganizations}. */
    @PostMapping
    public ResponseEntity<OrganizationJson> create(@Parameter(hidden = true) RequestContext context, @RequestBody CreateOrganizationJson body) {
        Organization o = kit.organizations().create(context, new CreateOrganization(body.name(), body.email(),
                body.address(), Http.required("allowedUsers", body.allowedUsers()),
                Http.id("resellerId", body.resellerId(), ResellerId::of), body.metadata()));
        return Http.versioned(HttpStatus.CREATED, o.version(), OrganizationJson.of(o));
    }

    /** Lists organizations, oldest first, as far as the acting user sees. */
    @GetMapping
    public ResponseEntity<PageJson<OrganizationJson>> list(@Parameter(hidden = true) RequestContext context, HttpServletRequest request,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<String> resellerId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String email) {
        OrganizationQuery query = OrganizationQuery.all()
                .withResellerIds(Http.ids("resellerId", resellerId, ResellerId::of))
                .withName(name == null ? null : TextMatch.contains(name))
                .withEmail(email == null ? null : TextMatch.equalTo(email));
        return Http.page(request, kit.organizations().list(context, query, Http.page(limit, cursor)),
                OrganizationJson::of);
    }

    /** Reads an organization. */
    @GetMapping("/{id}")
    public ResponseEntity<OrganizationJson> get(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        Organization o = kit.organizations().get(context, organizationId(id));
        return Http.versioned(HttpStatus.OK, o.version(), OrganizationJson.of(o));
    }

    /** Changes an organization; fields left out stay. {@code If-Match}: 412 unless still at that version. */
    @PatchMapping("/{id}")
    public ResponseEntity<OrganizationJson> patch(@Parameter(hidden = true) RequestContext context, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody PatchOrganizationJson body) {
        Organization o = kit.organizations().update(context, organizationId(id), new UpdateOrganization(body.name(),
                body.email(), body.address(), body.allowedUsers(), body.metadata(), Http.expectedVersion(ifMatch)));
        return Http.versioned(HttpStatus.OK, o.version(), OrganizationJson.of(o));
    }

    /** Deletes an organization and frees its slot; {@code If-Match} as for PATCH. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@Parameter(hidden = true) RequestContext context, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = Http.expectedVersion(ifMatch);
        if (expected == null) {
            kit.organizations().delete(context, organizationId(id));
        } else {
            kit.organizations().delete(context, organizationId(id), expected);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Issues a token that lets the receiving reseller's admin take the organization over once,
     * until it expires; the secret ({@code token}) is in this response only.
     */
    @PostMapping("/{id}/transfer-tokens")
    public ResponseEntity<TransferTokenJson> issueTransferToken(@Parameter(hidden = true) RequestContext context,
            @PathVariable String id, @RequestBody IssueTransferTokenJson body) {
        var token = kit.organizations().issueTransferToken(context, organizationId(id),
                Http.required("toResellerId", Http.id("toResellerId", body.toResellerId(), ResellerId::of)));
        return ResponseEntity.status(HttpStatus.CREATED).body(TransferTokenJson.of(token));
    }

    /**
     * Moves the organization with its users and licenses to another reseller: by the vendor
     * without a token, or by the receiving reseller's admin with one.
     */
    @PostMapping("/{id}/transfer")
    public ResponseEntity<OrganizationJson> transfer(@Parameter(hidden = true) RequestContext context,
            @PathVariable String id, @RequestBody TransferOrganizationJson body) {
        Organization o = kit.organizations().transfer(context, organizationId(id),
                Http.required("toResellerId", Http.id("toResellerId", body.toResellerId(), ResellerId::of)), body.token());
        return Http.versioned(HttpStatus.OK, o.version(), OrganizationJson.of(o));
    }

    private static OrganizationId organizationId(String id) {
        return Http.id("id", id, OrganizationId::of);
    }
}
