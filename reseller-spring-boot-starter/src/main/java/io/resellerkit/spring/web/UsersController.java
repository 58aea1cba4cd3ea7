package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.TextMatch;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spring.web.ApiModels.CreateUserJson;
import io.resellerkit.spring.web.ApiModels.PageJson;
import io.resellerkit.spring.web.ApiModels.PatchUserJson;
import io.resellerkit.spring.web.ApiModels.UserJson;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
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

/** {@code /v3/users}: users, within the acting user's scope and its reseller's quotas. */
@RestController
@RequestMapping("${resellerkit.api.base-path:/api/resellerkit}/v3/users")
public class UsersController {
    private final ResellerKit kit;

    /** A controller on {@code kit}. */
    public UsersController(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /** Creates a user, taking a slot of its reseller's and organization's {@code allowedUsers}. */
    @PostMapping
    public ResponseEntity<UserJson> create(@Parameter(hidden = true) RequestContext context, @RequestBody CreateUserJson body) {
        User u = kit.users().create(context, new CreateUser(body.firstName(), body.lastName(), body.email(),
                Http.required("role", Http.role("role", body.role())),
                Http.id("resellerId", body.resellerId(), ResellerId::of),
                Http.id("organizationId", body.organizationId(), OrganizationId::of), body.metadata()));
        return Http.versioned(HttpStatus.CREATED, u.version(), UserJson.of(u));
    }

    /** Lists users, oldest first, as far as the acting user sees. */
    @GetMapping
    public ResponseEntity<PageJson<UserJson>> list(@Parameter(hidden = true) RequestContext context, HttpServletRequest request,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<String> resellerId,
            @RequestParam(required = false) List<String> organizationId,
            @RequestParam(required = false) List<String> role, @RequestParam(required = false) String email) {
        UserQuery query = UserQuery.all()
                .withResellerIds(Http.ids("resellerId", resellerId, ResellerId::of))
                .withOrganizationIds(Http.ids("organizationId", organizationId, OrganizationId::of))
                .withRoles(role == null ? null : role.stream().map(r -> Http.role("role", r)).collect(Collectors.toSet()))
                .withEmail(email == null ? null : TextMatch.equalTo(email));
        return Http.page(request, kit.users().list(context, query, Http.page(limit, cursor)), UserJson::of);
    }

    /** Reads a user. */
    @GetMapping("/{id}")
    public ResponseEntity<UserJson> get(@Parameter(hidden = true) RequestContext context, @PathVariable String id) {
        User u = kit.users().get(context, userId(id));
        return Http.versioned(HttpStatus.OK, u.version(), UserJson.of(u));
    }

    /** Changes a user; fields left out stay. {@code If-Match}: 412 unless still at that version. */
    @PatchMapping("/{id}")
    public ResponseEntity<UserJson> patch(@Parameter(hidden = true) RequestContext context, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody PatchUserJson body) {
        User u = kit.users().update(context, userId(id), new UpdateUser(body.firstName(), body.lastName(),
                body.email(), Http.role("role", body.role()), body.metadata(),
                Http.id("organizationId", body.organizationId(), OrganizationId::of), Http.expectedVersion(ifMatch)));
        return Http.versioned(HttpStatus.OK, u.version(), UserJson.of(u));
    }

    /** Deletes a user and frees its quota slots; {@code If-Match} as for PATCH. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@Parameter(hidden = true) RequestContext context, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = Http.expectedVersion(ifMatch);
        if (expected == null) {
            kit.users().delete(context, userId(id));
        } else {
            kit.users().delete(context, userId(id), expected);
        }
        return ResponseEntity.noContent().build();
    }

    private static UserId userId(String id) {
        return Http.id("id", id, UserId::of);
    }
}
