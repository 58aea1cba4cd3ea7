/**
 * ResellerKit's Spring Boot auto-configuration: {@link io.resellerkit.spring.ResellerKitAutoConfiguration}
 * and its {@code resellerkit.*} settings, {@link io.resellerkit.spring.ResellerKitProperties}; the HTTP
 * JSON API, {@link io.resellerkit.spring.web.ResellerKitApiAutoConfiguration}; metrics and the storage's
 * health in {@code io.resellerkit.spring.metrics}.
 */
module io.resellerkit.spring {
    requires transitive io.resellerkit.core;
    requires io.resellerkit.inmemory;
    requires io.resellerkit.jdbc;
    requires org.slf4j;
    requires spring.beans;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.context;
    requires spring.core;
    requires spring.jdbc;
    // The HTTP API: the host brings Spring MVC, the servlet API and Jackson 3, or goes without the API.
    requires static spring.web;
    requires static spring.webmvc;
    requires static jakarta.servlet;
    requires static tools.jackson.core;
    requires static tools.jackson.databind;
    requires static io.swagger.v3.oas.annotations;
    // Optional: metrics only with Micrometer, the storage's health only with Spring Boot's health API.
    requires static micrometer.core;
    requires static spring.boot.health;

    exports io.resellerkit.spring;
    exports io.resellerkit.spring.web;
    exports io.resellerkit.spring.metrics;
    // Spring instantiates the package-private configuration classes and binds the properties record.
    opens io.resellerkit.spring to spring.beans, spring.core, spring.context, spring.boot;
    opens io.resellerkit.spring.web to spring.beans, spring.core, spring.context, spring.boot, spring.web,
            spring.webmvc, tools.jackson.databind;
    opens io.resellerkit.spring.metrics to spring.beans, spring.core, spring.context, spring.boot;
}
