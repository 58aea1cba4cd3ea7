package io.resellerkit.spring;

/**
 * Spring Boot's own DataSource and transaction manager auto-configurations, looked up by name: they
 * moved to another package and jar in Spring Boot 4, and these tests also run on Spring Boot 3.5
 * (the {@code spring-boot-3.5} profile).
 */
final class BootJdbc {
    private BootJdbc() {
    }

    static Class<?> dataSourceAutoConfiguration() {
        return either("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration");
    }

    static Class<?> transactionManagerAutoConfiguration() {
        return either("org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration");
    }

    private static Class<?> either(String boot4, String boot3) {
        try {
            return Class.forName(boot4);
        } catch (ClassNotFoundException e) {
            try {
                return Class.forName(boot3);
            } catch (ClassNotFoundException again) {
                again.addSuppressed(e);
                throw new IllegalStateException("neither Spring Boot 4's nor 3's DataSource auto-configuration is there", again);
            }
        }
    }
}
