package io.resellerkit.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A vendor's application with ResellerKit's starter: the HTTP API under {@code /api/resellerkit},
 * on H2 in memory (or PostgreSQL by property), seeded with {@link DemoData} and protected by the
 * demo logins of {@link DemoSecurity}.
 */
@SpringBootApplication
public class ExampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
