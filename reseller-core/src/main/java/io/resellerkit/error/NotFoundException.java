package io.resellerkit.error;

/** The resource does not exist (or no longer does). */
public final class NotFoundException extends ResellerKitException {
    private final String resourceType;
    private final String resourceId;

    public NotFoundException(String resourceType, String resourceId) {
        this(resourceType, resourceId, null);
    }

    /** As above, with the failure that showed it missing (such as a storage error). */
    public NotFoundException(String resourceType, String resourceId, Throwable cause) {
        super(ErrorCode.NOT_FOUND, resourceType + " " + resourceId + " not found", cause);
        this.resourceType = resourceType;
        this.resourceId = resourceId;
    }

    /** Such as {@code user}. */
    public String resourceType() {
        return resourceType;
    }

    /** The id that was asked for. */
    public String resourceId() {
        return resourceId;
    }
}
