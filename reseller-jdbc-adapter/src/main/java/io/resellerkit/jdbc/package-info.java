/**
 * ResellerKit's storage on PostgreSQL or H2 through plain JDBC: {@link io.resellerkit.jdbc.JdbcStorage}.
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.builder(dataSource)     // the host's pool
 *         .tablePrefix("rk_")                               // the default
 *         .statementTimeout(Duration.ofSeconds(5))
 *         .build();                                         // detects the dialect, installs the schema
 * ResellerKit kit = ResellerKit.builder(storage).build();
 * }</pre>
 *
 * <h2>Schema</h2>
 * The scripts ship in this jar, one folder per database, with Flyway-style names:
 * {@code io/resellerkit/jdbc/schema/postgresql/V1__create_tables.sql} and
 * {@code io/resellerkit/jdbc/schema/h2/V1__create_tables.sql}, then {@code V2__idempotency_keys.sql}
 * in the same folders. Every table and index name starts
 * with the placeholder {@code ${prefix}}, which is replaced by the table prefix ({@code rk_}
 * unless set; up to 20 of {@code a-z 0-9 _}). By default {@code build()} applies the versions a
 * database lacks and records them in {@code <prefix>schema_migrations}, on one connection.
 * Installers in several JVMs at once take turns on PostgreSQL (an advisory lock, and the scripts
 * run in its transaction). H2's DDL commits at once, so there installers in one JVM take turns on
 * a lock in memory, and the H2 scripts ({@code IF NOT EXISTS}) and the version row (a
 * {@code MERGE}) may be applied twice, which makes a race between JVMs (H2's server mode)
 * harmless. Hosts that run Flyway or Liquibase set {@code installSchema(false)} and run the same
 * scripts themselves, with {@code ${prefix}} set as a placeholder value (Flyway:
 * {@code flyway.placeholders.prefix=rk_}); {@code build()} then checks that every table of every
 * shipped version exists under the prefix and otherwise fails at once with a
 * {@link io.resellerkit.error.StorageException} naming the first missing version (their tools
 * record versions in tables of their own, so the tables themselves are checked). The adapter's
 * tests install exactly these files.
 *
 * <h2>Units of work</h2>
 * A unit of work is one JDBC transaction on one connection taken from the data source, bound to
 * the calling thread; nested units join it inside a savepoint, so a nested unit that throws is
 * undone alone and the outer unit may catch the failure and go on. It commits when the work returns and rolls back when
 * it throws, and the exception comes out unchanged. Writing units run at the connection's
 * isolation level unless {@code writeIsolation(...)} says otherwise; quotas hold exactly at read
 * committed and at serializable. Reading units run read-only at the connection's own level
 * (read committed, usually): each of their statements sees committed data, and they cost no
 * extra round trips. A unit the database refuses for a serialization failure or a deadlock
 * (SQLState {@code 40001}, {@code 40P01}, and H2's {@code 90131}) runs again from its start.
 * Before each new run it pauses for a random time between zero and a bound that starts at 10 ms
 * and doubles with each refusal up to 1 s (exponential backoff with full jitter, so that the
 * losers of one race do not meet again at once). It keeps doing so for up to {@code retryFor}
 * after the unit first started (30 seconds by default; no pause runs past it) and, if
 * {@code maxAttempts} is set, for at most that many runs (no such bound by default); then the
 * call fails with a transient {@link io.resellerkit.error.StorageException} ("giving up"). Each
 * new run is logged at debug, a give-up at warn. Read committed is the better level for quotas:
 * there the counter's row lock makes concurrent takers wait their turn, and nobody is refused.
 * At serializable, takers of one hot counter (many creates under one reseller at once) are
 * refused by the database and run again: in our test, 32 threads creating 320 users in one
 * reseller all succeed with the defaults (with the former bound of 5 attempts, about half gave
 * up), but a call may take seconds when many contend.
 *
 * <p>A store call that fails with a conflict leaves its unit usable, as in the in-memory adapter:
 * on PostgreSQL, inserts use {@code ON CONFLICT DO NOTHING} and report a taken id or unique value
 * from the row count, because a failed statement would spoil the rest of the transaction. Two
 * cases remain: an {@code update} of a user to an email another user holds, and an insert or
 * update that refers to a missing row, fail the statement, and on PostgreSQL the rest of that
 * unit then fails too. ResellerKit's core never carries on after a failed store call, so only
 * code that drives the stores directly can notice.
 *
 * <h2>Joining the host's transactions</h2>
 * A host that manages its own transactions (Spring's {@code @Transactional}, Jakarta
 * transactions, or its own JDBC code) can make every unit of work run inside them:
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.builder(dataSource)
 *         .joinHostTransactions(new HostConnections() {
 *             public Connection current() { return DataSourceUtils.getConnection(dataSource); }
 *             public void release(Connection c) { DataSourceUtils.releaseConnection(c, dataSource); }
 *         })
 *         .build();
 * }</pre>
 *
 * Every unit then runs on the connection {@link io.resellerkit.jdbc.HostConnections#current()}
 * returns. While the host has a transaction open on it (auto-commit off), the adapter never
 * commits it, never closes it, never changes its auto-commit or isolation, and never retries:
 * the host decides. Each outermost writing unit is wrapped in a savepoint: if it throws (a quota
 * refusal, a conflict), the adapter rolls back to the savepoint, so the host's earlier work in the
 * same transaction survives and the connection stays usable, also on PostgreSQL. A call's changes
 * and their audit events commit or roll back with the host's transaction. A serialization
 * failure or deadlock comes out as a transient {@link io.resellerkit.error.StorageException}; the
 * host retries its own transaction. Where the host has no transaction open (the connection is in
 * auto-commit mode, as Spring's {@code DataSourceUtils} hands out outside
 * {@code @Transactional}), the unit runs as a transaction of its own on that connection: the
 * adapter turns auto-commit off, commits or rolls back, turns it back on, and hands the
 * connection back; it is retried like any unit.
 *
 * <p>The audit event of a refused call ({@code access.denied}, {@code quota.exceeded}) is
 * different: it is stored on a connection of the adapter's own, taken from the data source given
 * to the builder, in a transaction of its own that commits at once (retried like any unit). So
 * it stays in the trail whatever the host's transaction does: when the host rolls back, when its
 * transaction is read-only (the caller still gets {@code access_denied}, not a storage error),
 * and when a nested transaction (Spring's {@code PROPAGATION_NESTED}) rolls back to its
 * savepoint. The event may then name an actor or resource that the host's rollback removed. For
 * that the builder's data source must hand out fresh pooled connections, not the host's
 * transactional one (not, for example, Spring's {@code TransactionAwareDataSourceProxy}), and the
 * pool needs one connection to spare beyond those the host's transactions hold. If the event
 * cannot be stored (the pool is exhausted, the database refuses), the caller still gets the
 * refusal, with that failure added as suppressed and a warning logged. {@code writeIsolation},
 * {@code retryFor} and {@code maxAttempts} cannot be combined with
 * {@code joinHostTransactions}: {@code build()} refuses them, since the host's transaction
 * decides its isolation and its retries; the adapter's own transactions here use the defaults.
 *
 * <h2>Timeouts</h2>
 * Every statement has a JDBC query timeout ({@code statementTimeout}, 30 seconds by default,
 * rounded up to whole seconds). Getting a connection is the data source's job: set the pool's
 * connection timeout (HikariCP {@code connectionTimeout}) and the driver's connect and socket
 * timeouts (PostgreSQL {@code connectTimeout}, {@code socketTimeout}, {@code loginTimeout}), so
 * that a dead or unreachable database fails calls promptly instead of hanging them. After an
 * outage the same storage works again without any step, as long as the data source hands out
 * live connections (a fresh connection per call, or a pool that validates them, as HikariCP does).
 *
 * <h2>Errors</h2>
 * SQL errors are classified by SQLState, never by message: {@code 23505} becomes a
 * {@code DUPLICATE} {@link io.resellerkit.error.ConflictException}, a foreign key violation on a
 * delete ({@code 23503}) an {@code IN_USE} one, and on an insert or update ({@code 23503}, H2's
 * {@code 23506}) a {@link io.resellerkit.error.NotFoundException} (see below), other {@code 23}
 * states {@code INVALID_STATE}; connection failures
 * ({@code 08}), cancels and timeouts ({@code 57014}), shutdowns ({@code 57P}) and lock timeouts
 * become transient {@link io.resellerkit.error.StorageException}s, everything else a
 * non-transient one. Messages name the operation and the SQLState, never SQL or values; the
 * driver's exception is the cause.
 *
 * <h2>References between rows, and the lock order</h2>
 * Foreign keys, all {@code NO ACTION}, tie a reseller to its parent reseller (V7), organizations,
 * users and licenses to their reseller,
 * users to their organization, and licenses to their assignee. The core checks for dependants
 * before a delete and for parents before a create; the keys make those checks hold when a delete
 * and a create (or an assignment, or an allocation) of a child race: one of them fails. A delete
 * of a row still referred to fails with an {@code IN_USE} {@code ConflictException}, and nothing
 * is deleted. An insert or update that refers to a row that is missing, or deleted meanwhile,
 * fails with a {@code NotFoundException}; since the SQLState does not say which key failed, it
 * names the nearest row referred to (a license's assignee, then a user's organization, then the
 * reseller), which under the core's rules is the one that is gone. At serializable the loser is
 * often refused for a serialization failure first, runs again, and then fails the same way.
 *
 * <p>PostgreSQL's check of a foreign key locks the parent row (a key-share lock, which other
 * children's writes share and only the parent's delete or key change waits for). H2's does not
 * lock at read committed, so a delete and a create could both commit; on H2 the adapter therefore
 * locks each parent of a row it has just written with {@code SELECT ... FOR UPDATE}, nearest
 * first, and reports a parent deleted meanwhile as not found. On H2, writes of children of one
 * parent take turns.
 *
 * <p>Every writing unit of work takes its locks in this order, so that two units never wait for
 * each other in a circle:
 * <ol>
 *   <li>with an idempotency key, the acting user's expired keys (deleted) and then its key's row
 *       in {@code <prefix>idempotency_keys} (inserted: a concurrent claim of the same key waits
 *       here, before the write has locked anything else);</li>
 *   <li>the row it inserts, updates or deletes (one per unit);</li>
 *   <li>the rows that row refers to, by the foreign key's lock on PostgreSQL or explicitly on H2,
 *       nearest first: user, organization, reseller;</li>
 *   <li>the head row of the audit event's chain in {@code <prefix>audit_chains} (one chain per
 *       unit: the reseller's or the vendor's), then the event's insert; every unit appends its
 *       event before it touches a counter, and the head stays locked until the commit, so the
 *       writes that concern one reseller take turns from here on (a refusal's event is stored in
 *       a unit of its own, in the reseller's chain of refusals, and so is a read under an access
 *       grant, in its chain of reads: no caller's transaction holds those);</li>
 *   <li>usage counters, in a fixed order: the vendor's admins, the resellers' users, the
 *       resellers' organizations, the organization's users; within a kind, the deepest tier first
 *       (a child reseller's counter before its parent's), then by owner id. A slot that goes on up
 *       to a parent (the child's counter is uncapped) and a child's cap carved out of its parent's
 *       take the parent's row last, so creates in sibling resellers never wait in a circle.</li>
 * </ol>
 *
 * <h2>Quotas</h2>
 * Usage counters live in {@code <prefix>usage_counters}, one row per counter with its count and
 * its cap ({@code -1} for unlimited), created in the unit of work that creates the owner (a
 * reseller, an organization; the vendor's admins' counter at {@code bootstrapAdmin}) and
 * deleted with it. Taking a slot is one conditional
 * {@code UPDATE ... SET used = used + 1 WHERE ... AND (cap = -1 OR used < cap)} that returns the
 * new count, in the unit of work that stores the row, so the database's row lock decides.
 * Changing a cap is an {@code UPDATE} of the same row, so a cap lowered while creates run waits
 * for (or is waited on by) each take, and the count never passes the cap in force. Freeing a slot
 * is a conditional decrement that never goes below zero (for the admins, below one: the last
 * admin stays). Carving a child's cap out of its parent's counter, or sending a slot on up to a
 * parent, is the same conditional {@code UPDATE} by an amount ({@code UsageCounters.tryAdd}); an
 * amount of 0 locks the row and reads it.
 *
 * <h2>Audit export</h2>
 * {@link io.resellerkit.jdbc.AuditJsonLines} writes events as JSON lines. With
 * {@code AuditService.export} they come from the database in keyset pages of 100, each page in a
 * short read transaction of its own, so an export of any length holds neither memory nor a
 * long-running transaction.
 */
package io.resellerkit.jdbc;
