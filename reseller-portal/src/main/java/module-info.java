/**
 * ResellerKit's reseller portal: a web UI served from this jar under {@code resellerkit.portal.path},
 * a client of the starter's HTTP API. {@link io.resellerkit.portal.ResellerKitPortalAutoConfiguration}
 * mounts it.
 */
module io.resellerkit.portal {
    requires io.resellerkit.spring;
    requires spring.beans;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.context;
    requires spring.core;
    requires spring.web;
    requires spring.webmvc;
    requires jakarta.servlet;
    // Optional: the host's CSRF token goes into the page only when the host runs Spring Security.
    requires static spring.security.web;

    exports io.resellerkit.portal;
    opens io.resellerkit.portal to spring.beans, spring.core, spring.context, spring.boot, spring.web, spring.webmvc;
}
