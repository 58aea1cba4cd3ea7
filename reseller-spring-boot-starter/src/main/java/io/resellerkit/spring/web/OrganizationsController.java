package io.resellerkit.spring.web;

import io.resellerkit.OrganizationService.Imported;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.ImportCustomers;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.TextMatch;
import io.resellerkit.spring.web.ApiModels.CreateOrganizationJson;
import io.resellerkit.spring.web.ApiModels.CreateUserJson;
import io.resellerkit.spring.web.ApiModels.ImportCustomersJson;
import io.resellerkit.spring.web.ApiModels.ImportResultJson;
import io.resellerkit.spring.web.ApiModels.ImportedCustomerJson;
import io.resellerkit.spring.web.ApiModels.IssueTransferTokenJson;
import io.resellerkit.spring.web.ApiModels.TransferOrganizationJson;
import io.resellerkit.spring.web.ApiModels.TransferTokenJson;
import io.resellerkit.spring.web.ApiModels.OrganizationJson;
import io.resellerkit.spring.web.ApiModels.PageJson;
import io.resellerkit.spring.web.ApiModels.PatchOrganizationJson;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
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

    /**
     * Imports customers (organizations with their users) into one reseller, all or nothing, under
     * the single creates' rules; an error names the row ({@code customers[3].users[1].email}).
     */
    @PostMapping("/import")
    public ResponseEntity<ImportResultJson> importCustomers(@Parameter(hidden = true) RequestContext context,
                                                            @RequestBody ImportCustomersJson body) {
        List<ImportCustomers.Customer> customers = null;
        if (body.customers() != null) {
            customers = new ArrayList<>(body.customers().size());
            for (int i = 0; i < body.customers().size(); i++) {
                customers.add(customer("customers[" + i + "]", body.customers().get(i)));
            }
        }
        Imported done = kit.organizations().importCustomers(context,
                new ImportCustomers(Http.id("resellerId", body.resellerId(), ResellerId::of), customers));
        return ResponseEntity.status(HttpStatus.CREATED).body(ImportResultJson.of(done));
    }

    /** One customer of an import body; a missing part is left null for the core to name. */
    private static ImportCustomers.Customer customer(String row, ImportedCustomerJson json) {
        if (json == null) {
            return null;
        }
        CreateOrganizationJson o = json.organization();
        CreateOrganization organization = o == null ? null : new CreateOrganization(o.name(), o.email(), o.address(),
                Http.required(row + ".organization.allowedUsers", o.allowedUsers()),
                Http.id(row + ".organization.resellerId", o.resellerId(), ResellerId::of), o.metadata());
        List<CreateUser> users = null;
        if (json.users() != null) {
            users = new ArrayList<>(json.users().size());
            for (int j = 0; j < json.users().size(); j++) {
                CreateUserJson u = json.users().get(j);
                String field = row + ".users[" + j + "]";
                users.add(u == null ? null : new CreateUser(u.firstName(), u.lastName(), u.email(),
                        Http.required(field + ".role", Http.role(field + ".role", u.role())),
                        Http.id(field + ".resellerId", u.resellerId(), ResellerId::of),
                        Http.id(field + ".organizationId", u.organizationId(), OrganizationId::of), u.metadata()));
            }
        }
        return new ImportCustomers.Customer(organization, users);
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
