/**
 * ResellerKit's core: the API a host calls ({@code io.resellerkit} and its command, query, model
 * and error packages), the storage ports an adapter implements ({@code io.resellerkit.spi}) and listeners that follow the
 * audit trail ({@code io.resellerkit.tail}) and webhooks on them ({@code io.resellerkit.webhook}).
 * The engine that runs them ({@code io.resellerkit.engine}) is not exported.
 */
module io.resellerkit.core {
    requires transitive jakarta.validation;
    requires org.hibernate.validator;
    requires org.slf4j;
    // Webhook deliveries: the JDK's own HTTP client, no dependency.
    requires java.net.http;

    exports io.resellerkit;
    exports io.resellerkit.command;
    exports io.resellerkit.error;
    exports io.resellerkit.model;
    exports io.resellerkit.query;
    exports io.resellerkit.spi;
    exports io.resellerkit.tail;
    exports io.resellerkit.webhook;

    // Hibernate Validator reads the constraints on commands, queries and page requests, and
    // instantiates our constraint validators.
    opens io.resellerkit to org.hibernate.validator;
    opens io.resellerkit.command to org.hibernate.validator;
    opens io.resellerkit.query to org.hibernate.validator;
}
