package io.resellerkit.benchmarks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.repository.query.Param;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * The peer a vendor would otherwise pick: "create a user under a quota, with an audit row" in
 * Spring Data JPA on Hibernate, written the way their documentation recommends: entities with
 * generated UUID ids (so {@code save} persists without a merge), a repository method with
 * {@code @Lock(PESSIMISTIC_WRITE)} that locks the reseller row holding the counter, and one
 * {@code @Transactional} service method. It resolves the actor and checks its role and
 * reseller, like the library; it keeps no hash chain and validates nothing, so it does less
 * work than the library. Tables of its own ({@code jpa_*}, created by Hibernate) with the indexes
 * an application needs to list a reseller's users and filter its audit trail (five on the audit
 * table, where the library keeps eight), on the same database and the same {@link BenchPool} as
 * the library.
 */
public final class JpaPeer implements AutoCloseable {
    private final AnnotationConfigApplicationContext context;
    private final Users users;

    /** Starts Spring and Hibernate on {@code dataSource}. */
    JpaPeer(DataSource dataSource) {
        context = new AnnotationConfigApplicationContext();
        // Wrapped, so closing the context does not close the pool it shares with the library.
        context.registerBean(DataSource.class, () -> new DelegatingDataSource(dataSource));
        context.register(Config.class);
        context.refresh();
        users = context.getBean(Users.class);
    }

    /** The service: the quota check and both inserts in one transaction. */
    Users users() {
        return users;
    }

    /** A reseller with its cap and an admin who acts in it; returns the admin's id and the reseller's. */
    String[] resellerWithAdmin(int allowedUsers) {
        return context.getBean(Setup.class).resellerWithAdmin(allowedUsers);
    }

    @Override
    public void close() {
        context.close();
    }

    /** Refused: the actor may not create users in the reseller. */
    static final class AccessDenied extends RuntimeException {
        AccessDenied() {
            super("access denied", null, false, false);
        }
    }

    /** Refused: the reseller's cap is used up. */
    static final class QuotaExceeded extends RuntimeException {
        QuotaExceeded() {
            super("quota exceeded", null, false, false);
        }
    }

    /** The reseller, with its cap and the count of users against it. */
    @Entity(name = "ResellerEntity")
    @Table(name = "jpa_resellers")
    public static class ResellerEntity {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        UUID id;
        String name;
        String status;
        int allowedUsers;
        int usedUsers;

        protected ResellerEntity() {
        }
    }

    /** A user: staff or customer of a reseller. */
    @Entity(name = "UserEntity")
    @Table(name = "jpa_users", indexes = @Index(columnList = "resellerId, createdAt"))
    public static class UserEntity {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        UUID id;
        String firstName;
        String lastName;
        @Column(unique = true)
        String email;
        String role;
        UUID resellerId;
        Instant createdAt;
        Instant updatedAt;

        protected UserEntity() {
        }

        UserEntity(String firstName, String lastName, String email, String role, UUID resellerId) {
            this.firstName = firstName;
            this.lastName = lastName;
            this.email = email;
            this.role = role;
            this.resellerId = resellerId;
            this.createdAt = Instant.now();
            this.updatedAt = createdAt;
        }
    }

    /** The audit row. */
    @Entity(name = "AuditEventEntity")
    @Table(name = "jpa_audit_events", indexes = {@Index(columnList = "occurredAt"),
        @Index(columnList = "resellerId, occurredAt"), @Index(columnList = "actorId, occurredAt"),
        @Index(columnList = "action, occurredAt"), @Index(columnList = "resourceType, resourceId, occurredAt")})
    public static class AuditEventEntity {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        UUID id;
        Instant occurredAt;
        UUID actorId;
        String action;
        String resourceType;
        UUID resourceId;
        UUID resellerId;
        @Column(length = 2000)
        String changes;
        String requestId;

        protected AuditEventEntity() {
        }
    }

    /** Resellers, with the counter row locked for update. */
    public interface ResellerRepository extends JpaRepository<ResellerEntity, UUID> {
        @Lock(LockModeType.PESSIMISTIC_WRITE)
        @Query("select r from ResellerEntity r where r.id = :id")
        Optional<ResellerEntity> findForUpdate(@Param("id") UUID id);
    }

    /** Users. */
    public interface UserRepository extends JpaRepository<UserEntity, UUID> {
    }

    /** Audit rows. */
    public interface AuditRepository extends JpaRepository<AuditEventEntity, UUID> {
    }

    /** The service a Spring developer would write. */
    public static class Users {
        private final ResellerRepository resellers;
        private final UserRepository users;
        private final AuditRepository audit;

        public Users(ResellerRepository resellers, UserRepository users, AuditRepository audit) {
            this.resellers = resellers;
            this.users = users;
            this.audit = audit;
        }

        /** Creates a customer user in {@code resellerId} acting as {@code actorId}; returns its id. */
        @Transactional
        public UUID create(UUID actorId, UUID resellerId, String firstName, String lastName, String email,
                           String requestId) {
            UserEntity actor = users.findById(actorId).orElseThrow(AccessDenied::new);
            if (!"reseller-admin".equals(actor.role) || !resellerId.equals(actor.resellerId)) {
                throw new AccessDenied();
            }
            ResellerEntity reseller = resellers.findForUpdate(resellerId).orElseThrow(AccessDenied::new);
            if (!"active".equals(reseller.status)) {
                throw new AccessDenied();
            }
            if (reseller.allowedUsers != -1 && reseller.usedUsers >= reseller.allowedUsers) {
                throw new QuotaExceeded();
            }
            reseller.usedUsers++;
            UserEntity user = users.save(new UserEntity(firstName, lastName, email, "user", resellerId));
            AuditEventEntity event = new AuditEventEntity();
            event.occurredAt = user.createdAt;
            event.actorId = actorId;
            event.action = "user.created";
            event.resourceType = "user";
            event.resourceId = user.id;
            event.resellerId = resellerId;
            event.changes = "[{\"field\":\"firstName\",\"old\":null,\"new\":\"" + firstName + "\"},"
                    + "{\"field\":\"lastName\",\"old\":null,\"new\":\"" + lastName + "\"},"
                    + "{\"field\":\"email\",\"old\":null,\"new\":\"" + email + "\"},"
                    + "{\"field\":\"role\",\"old\":null,\"new\":\"user\"},"
                    + "{\"field\":\"resellerId\",\"old\":null,\"new\":\"" + resellerId + "\"}]";
            event.requestId = requestId;
            audit.save(event);
            return user.id;
        }
    }

    /** Fixtures, outside the measurement. */
    public static class Setup {
        private final ResellerRepository resellers;
        private final UserRepository users;

        public Setup(ResellerRepository resellers, UserRepository users) {
            this.resellers = resellers;
            this.users = users;
        }

        @Transactional
        public String[] resellerWithAdmin(int allowedUsers) {
            ResellerEntity r = new ResellerEntity();
            r.name = "JPA reseller";
            r.status = "active";
            r.allowedUsers = allowedUsers;
            r = resellers.save(r);
            UserEntity admin = users.save(new UserEntity("Rita", "Reseller", Fixtures.uniqueEmail(), "reseller-admin", r.id));
            return new String[] {admin.id.toString(), r.id.toString()};
        }
    }

    /** Spring's configuration, without Spring Boot: what Boot's JPA auto-configuration would set up. */
    @Configuration
    @EnableTransactionManagement
    @EnableJpaRepositories(considerNestedRepositories = true, basePackageClasses = JpaPeer.class,
            includeFilters = @org.springframework.context.annotation.ComponentScan.Filter(
                    type = org.springframework.context.annotation.FilterType.ASSIGNABLE_TYPE,
                    classes = {ResellerRepository.class, UserRepository.class, AuditRepository.class}))
    public static class Config {
        @Bean
        public LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource) {
            LocalContainerEntityManagerFactoryBean emf = new LocalContainerEntityManagerFactoryBean();
            emf.setDataSource(dataSource);
            emf.setManagedTypes(PersistenceManagedTypes.of(List.of(ResellerEntity.class.getName(),
                    UserEntity.class.getName(), AuditEventEntity.class.getName()), List.of()));
            emf.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
            // The entities carry no constraints; Bean Validation would also need an EL implementation.
            emf.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "update", "jakarta.persistence.validation.mode", "none"));
            return emf;
        }

        @Bean
        public PlatformTransactionManager transactionManager(EntityManagerFactory emf) {
            return new JpaTransactionManager(emf);
        }

        @Bean
        public Users users(ResellerRepository resellers, UserRepository users, AuditRepository audit) {
            return new Users(resellers, users, audit);
        }

        @Bean
        public Setup setup(ResellerRepository resellers, UserRepository users) {
            return new Setup(resellers, users);
        }
    }
}
