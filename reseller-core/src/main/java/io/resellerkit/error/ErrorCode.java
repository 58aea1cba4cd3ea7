package io.resellerkit.error;

/** The machine-readable kind of every ResellerKit error. Codes are stable across versions. */
public enum ErrorCode {
    NOT_FOUND("not_found"),
    ACCESS_DENIED("access_denied"),
    QUOTA_EXCEEDED("quota_exceeded"),
    VALIDATION_FAILED("validation_failed"),
    CONFLICT("conflict"),
    STORAGE_ERROR("storage_error");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The stable code, such as {@code quota_exceeded}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
