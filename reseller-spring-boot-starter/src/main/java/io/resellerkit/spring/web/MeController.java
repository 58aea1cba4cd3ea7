package io.resellerkit.spring.web;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.model.User;
import io.resellerkit.spring.web.ApiModels.UserJson;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/me}: the acting user itself (id, email, role, reseller, organization), so a client such
 * as the reseller portal knows whom it acts for without knowing how the host authenticates.
 */
@RestController
@RequestMapping("${resellerkit.api.base-path:/api/resellerkit}/v3/me")
public class MeController {
    private final ResellerKit kit;

    /** A controller on {@code kit}. */
    public MeController(ResellerKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /** The acting user, read as any user may read itself. */
    @GetMapping
    public ResponseEntity<UserJson> me(@Parameter(hidden = true) RequestContext context) {
        User u = kit.users().get(context, context.actorId());
        return Http.versioned(HttpStatus.OK, u.version(), UserJson.of(u));
    }
}
