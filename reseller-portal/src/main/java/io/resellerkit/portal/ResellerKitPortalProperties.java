package io.resellerkit.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's settings, under {@code resellerkit.portal.*}.
 *
 * @param enabled Whether the portal is served.
 * @param path    Where the portal is mounted: a path such as {@code /resellerkit} (the page is
 *                {@code path + "/"}); one or more segments of letters, digits, '-' and '_'.
 */
@ConfigurationProperties("resellerkit.portal")
public record ResellerKitPortalProperties(@DefaultValue("true") boolean enabled,
                                          @DefaultValue("/resellerkit") String path) {
    /** Checks the path, so a typo fails at startup instead of serving the portal somewhere odd. */
    public ResellerKitPortalProperties {
        if (path == null || !path.matches("(/[A-Za-z0-9_-]+)+")) {
            throw new IllegalArgumentException("resellerkit.portal.path must look like /resellerkit "
                    + "(segments of letters, digits, '-' and '_', no trailing '/'), not " + path);
        }
    }
}
