package io.resellerkit.error;

/** The resource does not exist (or no longer does). */
public final class NotFoundException extends ResellerKitException {
    private final String resourceType;
    private final String resourceId;

    public NotFoundException(String resourceType, String resourceId) {
        super(ErrorCode.NOT_FOUND, resourceType + " " + resourceId + " not found", null);
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
