package io.resellerkit.spring.web;

import static io.resellerkit.spring.web.Http.required;

import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.UpdateReseller;
import io.resellerkit.model.Organization;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.User;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.TextMatch;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spring.web.ApiModels.ContractEndJson;
import io.resellerkit.spring.web.ApiModels.CreateResellerJson;
import io.resellerkit.spring.web.ApiModels.OrganizationUsageJson;
import io.resellerkit.spring.web.ApiModels.PageJson;
import io.resellerkit.spring.web.ApiModels.PatchResellerJson;
import io.resellerkit.spring.web.ApiModels.ResellerJson;
import io.resellerkit.spring.web.ApiModels.UsageJson;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/resellers}: the vendor's resellers, their quotas, suspension and usage. */
@RestController
@RequestMapping("${resellerkit.api.base-path:/api/resellerkit}/v3/resellers")
public class ResellersController {
    private final ResellerKit kit;

    /** A controller on {@code kit}. */
    public ResellersController(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /** Creates a reseller with its quotas: the vendor, or, under a parent, a reseller admin of a reseller above it. */
    @PostMapping
    public ResponseEntity<ResellerJson> create(@Parameter(hidden = true) RequestContext context, @RequestBody CreateResellerJson body) {
        Reseller r = kit.resellers().create(context, new CreateReseller(body.name(), body.email(), body.phone(),
                body.companyAddress(), required("allowedUsers", body.allowedUsers()),
                required("allowedOrganizations", body.allowedOrganizations()), body.metadata(),
                Boolean.TRUE.equals(body.invited()), body.contractEndsAt(),
                Http.id("parentId", body.parentId(), ResellerId::of)));
        return Http.versioned(HttpStatus.CREATED, r.version(), ResellerJson.of(r));
    }

    /** Lists resellers, oldest first; a reseller's staff see their own and those below it. */
    @GetMapping
    public ResponseEntity<PageJson<ResellerJson>> list(@Parameter(hidden = true) RequestContext context, HttpServletRequest request,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<String> status, @RequestParam(required = false) String name,
            @RequestParam(required = false) String email) {
        ResellerQuery query = ResellerQuery.all()
                .withStatuses(status == null ? null : status.stream().map(s -> Http.status("status", s))
                        .collect(Collectors.toSet()))
                .withName(name == null ? null : TextMatch.contains(name))
                .withEmail(email == null ? null : TextMatch.equalTo(email));
        return Http.page(request, kit.resellers().list(context, query, Http.page(limit, cursor)), ResellerJson::of);
    }

    /** Reads a reseller. */
    @GetMapping("/{id}")
    public ResponseEntity<ResellerJson> get(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        Reseller r = kit.resellers().get(context, resellerId(id));
        return Http.versioned(HttpStatus.OK, r.version(), ResellerJson.of(r));
    }

    /**
     * Changes a reseller's details and quotas; fields left out stay. With {@code If-Match}, refused
     * (412) unless the reseller is still at that version.
     */
    @PatchMapping("/{id}")
    public ResponseEntity<ResellerJson> patch(@Parameter(hidden = true) RequestContext context, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody PatchResellerJson body) {
        ResellerId rid = resellerId(id);
        Long expected = Http.expectedVersion(ifMatch);
        Reseller r = null;
        boolean details = body.name() != null || body.email() != null || body.phone() != null
                || body.companyAddress() != null || body.metadata() != null;
        boolean quotas = body.allowedUsers() != null || body.allowedOrganizations() != null
                || body.allowedLicenses() != null;
        if (details && quotas) {
            // Two changes of the core, each in a unit of its own: together they could half-apply.
            throw ValidationException.of("allowedUsers", "SeparatePatch",
                    "change the quotas in a PATCH of their own, not with name, email, phone, address or metadata");
        }
        if (details) {
            r = kit.resellers().update(context, rid, new UpdateReseller(body.name(), body.email(), body.phone(),
                    body.companyAddress(), body.metadata(), expected));
            expected = r.version();
        }
        if (quotas) {
            r = kit.resellers().changeQuotas(context, rid,
                    new ChangeQuotas(body.allowedUsers(), body.allowedOrganizations(), body.allowedLicenses(), expected));
        }
        if (r == null) {
            // Nothing to change: still the precondition and the permission of a read.
            r = kit.resellers().get(context, rid);
            if (expected != null && expected != r.version()) {
                throw new Http.PreconditionFailedException();
            }
        }
        return Http.versioned(HttpStatus.OK, r.version(), ResellerJson.of(r));
    }

    /** Suspends a reseller: its admins keep read access only. */
    @PostMapping("/{id}/suspend")
    public ResponseEntity<ResellerJson> suspend(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        Reseller r = kit.resellers().suspend(context, resellerId(id));
        return Http.versioned(HttpStatus.OK, r.version(), ResellerJson.of(r));
    }

    /** Lifts a suspension, or activates an invited reseller. */
    @PostMapping("/{id}/reactivate")
    public ResponseEntity<ResellerJson> reactivate(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        Reseller r = kit.resellers().reactivate(context, resellerId(id));
        return Http.versioned(HttpStatus.OK, r.version(), ResellerJson.of(r));
    }

    /** Ends the partnership for good: its admins lose all access; its customers keep working. */
    @PostMapping("/{id}/terminate")
    public ResponseEntity<ResellerJson> terminate(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        Reseller r = kit.resellers().terminate(context, resellerId(id));
        return Http.versioned(HttpStatus.OK, r.version(), ResellerJson.of(r));
    }

    /** Sets (or, with null, removes) the end of the reseller's contract. */
    @PutMapping("/{id}/contract-end")
    public ResponseEntity<ResellerJson> contractEnd(@Parameter(hidden = true) RequestContext context, @PathVariable String id,
            @RequestBody ContractEndJson body) {
        Reseller r = kit.resellers().changeContractEnd(context, resellerId(id), body.contractEndsAt());
        return Http.versioned(HttpStatus.OK, r.version(), ResellerJson.of(r));
    }

    /** Deletes a reseller that has no users, organizations or licenses left; {@code If-Match} as for PATCH. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@Parameter(hidden = true) RequestContext context, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = Http.expectedVersion(ifMatch);
        if (expected == null) {
            kit.resellers().delete(context, resellerId(id));
        } else {
            kit.resellers().delete(context, resellerId(id), expected);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * A reseller's quotas and their use, and each of its organizations' cap and users. The
     * per-organization counts are read page by page, so this costs a read of the reseller's users.
     */
    @GetMapping("/{id}/usage")
    public UsageJson usage(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        ResellerId rid = resellerId(id);
        var usage = kit.resellers().usage(context, rid);
        List<Organization> organizations = all(cursor -> kit.organizations().list(context,
                OrganizationQuery.all().inReseller(rid), cursor));
        Map<String, Long> members = new HashMap<>();
        for (User u : all(cursor -> kit.users().list(context, UserQuery.all().withResellerIds(java.util.Set.of(rid)), cursor))) {
            if (u.organizationId() != null) {
                members.merge(u.organizationId().value(), 1L, Long::sum);
            }
        }
        return UsageJson.of(usage, organizations.stream().map(o -> new OrganizationUsageJson(o.id().value(), o.name(),
                o.allowedUsers(), members.getOrDefault(o.id().value(), 0L))).toList());
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> pages) {
        List<T> all = new ArrayList<>();
        Page<T> page = pages.apply(PageRequest.first(PageRequest.MAX_LIMIT));
        all.addAll(page.items());
        while (page.hasNext()) {
            page = pages.apply(PageRequest.after(page.nextCursor(), PageRequest.MAX_LIMIT));
            all.addAll(page.items());
        }
        return all;
    }

    private static ResellerId resellerId(String id) {
        return Http.id("id", id, ResellerId::of);
    }
}
