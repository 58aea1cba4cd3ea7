package io.resellerkit.command;

import io.resellerkit.model.ResellerId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Creates many customers of one reseller in one call: organizations, each with its users. Each
 * row is validated as its single create is; an error names the row, as in
 * {@code customers[12].users[3].email}.
 *
 * @param resellerId the reseller every customer belongs to
 * @param customers  1 to {@value #MAX_ROWS} customers, with at most {@value #MAX_ROWS} users among them
 */
public record ImportCustomers(@NotNull ResellerId resellerId,
                              @NotNull @Size(min = 1, max = MAX_ROWS) List<@NotNull @Valid Customer> customers) {

    /** The most customers, and the most users among them, in one import. */
    public static final int MAX_ROWS = 10_000;

    public ImportCustomers {
        // Copied, nulls kept: validation names a null row rather than a copy failing on it.
        customers = customers == null ? null : Collections.unmodifiableList(new ArrayList<>(customers));
    }

    /** An import of these customers into {@code resellerId}. */
    public static ImportCustomers of(ResellerId resellerId, List<Customer> customers) {
        return new ImportCustomers(resellerId, customers);
    }

    /**
     * One customer: its organization (its {@code resellerId} left out, or the import's) and its
     * users (their placement left out: they go into this organization).
     */
    public record Customer(@NotNull @Valid CreateOrganization organization,
                           @NotNull @Size(max = MAX_ROWS) List<@NotNull @Valid CreateUser> users) {

        public Customer {
            users = users == null ? null : Collections.unmodifiableList(new ArrayList<>(users));
        }

        /** An organization with these users. */
        public static Customer of(CreateOrganization organization, CreateUser... users) {
            return new Customer(organization, Arrays.asList(users));
        }
    }
}
