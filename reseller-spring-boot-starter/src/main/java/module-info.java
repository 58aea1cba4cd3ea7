/**
 * ResellerKit's Spring Boot auto-configuration: {@link io.resellerkit.spring.ResellerKitAutoConfiguration}
 * and its {@code resellerkit.*} settings, {@link io.resellerkit.spring.ResellerKitProperties}.
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

    exports io.resellerkit.spring;
    // Spring instantiates the package-private configuration classes and binds the properties record.
    opens io.resellerkit.spring to spring.beans, spring.core, spring.context, spring.boot;
}
