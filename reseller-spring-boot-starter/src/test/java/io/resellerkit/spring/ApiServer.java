package io.resellerkit.spring;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateUser;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A host application serving the HTTP API on a random port, as the tests drive it: Spring Boot's
 * own auto-configuration (Tomcat, Spring MVC, Jackson 3, a DataSource when a URL is given), with a
 * test filter standing in for Spring Security: it sets the servlet principal named by the
 * {@value #PRINCIPAL} header, which the API's default resolver takes as a user's email.
 */
final class ApiServer implements AutoCloseable {
    static final String PRINCIPAL = "X-Test-Principal";
    static final String BASE = "/api/resellerkit/v3";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    final ConfigurableApplicationContext context;
    final ResellerKit kit;
    final User vendor;
    final RequestContext asVendor;
    private final String root;

    private ApiServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.kit = context.getBean(ResellerKit.class);
        this.vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        this.asVendor = RequestContext.of(vendor.id());
        this.root = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** A host on a new, empty embedded PostgreSQL database. */
    static ApiServer onPostgres(Class<?>... configurations) {
        return onPostgres(List.of(), configurations);
    }

    /** A host on a new, empty embedded PostgreSQL database, with these properties besides. */
    static ApiServer onPostgres(List<String> properties, Class<?>... configurations) {
        List<String> all = new ArrayList<>(properties);
        all.add("spring.datasource.url=" + Databases.newPostgres());
        return start(all, configurations);
    }

    /** A host without a DataSource: the kit in memory. */
    static ApiServer inMemory(Class<?>... configurations) {
        return start(List.of(), configurations);
    }

    private static ApiServer start(List<String> properties, Class<?>... configurations) {
        List<Class<?>> sources = new ArrayList<>(List.of(Host.class));
        sources.addAll(List.of(configurations));
        List<String> all = new ArrayList<>(properties);
        all.addAll(List.of("server.port=0", "spring.main.banner-mode=off", "spring.jmx.enabled=false",
                // The API document as OpenApiDocumentTest compares it: the API's paths, in a stable order.
                "springdoc.api-docs.version=openapi_3_1", "springdoc.writer-with-order-by-keys=true",
                "springdoc.paths-to-match=/api/resellerkit/**"));
        return new ApiServer(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .properties(all.toArray(String[]::new)).run());
    }

    /** A request to the API as the user with {@code email} (null: unauthenticated). */
    static HttpRequest.Builder request(String email) {
        HttpRequest.Builder b = HttpRequest.newBuilder();
        return email == null ? b : b.header(PRINCIPAL, email);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String path) {
        try {
            return CLIENT.send(request.uri(URI.create(root + path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String email, String path) {
        return send(request(email).GET(), path);
    }

    HttpResponse<String> post(String email, String path, String json) {
        return send(request(email).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), path);
    }

    HttpResponse<String> patch(String email, String path, String json, String ifMatch) {
        HttpRequest.Builder b = request(email).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        return send(ifMatch == null ? b : b.header("If-Match", ifMatch), path);
    }

    HttpResponse<String> delete(String email, String path, String ifMatch) {
        HttpRequest.Builder b = request(email).DELETE();
        return send(ifMatch == null ? b : b.header("If-Match", ifMatch), path);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The single number a query returns, on the host's database. */
    long count(String sql) {
        return Databases.number(context.getBean(DataSource.class), sql);
    }

    /** Rows of every table the API writes to, to show that a refused request wrote nothing. */
    Map<String, Long> rows() {
        Map<String, Long> rows = new HashMap<>();
        for (String table : List.of("resellers", "users", "organizations", "licenses")) {
            rows.put(table, count("SELECT count(*) FROM rk_" + table));
        }
        rows.put("audit_events", count("SELECT count(*) FROM rk_audit_events WHERE action NOT IN ('access.denied', 'quota.exceeded')"));
        return rows;
    }

    @Override
    public void close() {
        context.close();
    }

    /** The host application. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Host {
        /** Stands in for Spring Security: the principal named by a header. */
        @Bean
        FilterRegistrationBean<Filter> testAuthentication() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                String name = http.getHeader(PRINCIPAL);
                chain.doFilter(name == null ? request : new HttpServletRequestWrapper(http) {
                    @Override
                    public Principal getUserPrincipal() {
                        return () -> name;
                    }
                }, response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
