package io.waybill.carriers.spi;

import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.TrackingStatus;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A carrier code normalized: Waybill's {@link TrackingStatus} and, optionally, its sub-status
 * {@code <status>.<reason>} in lower snake case (e.g. {@code delivery_failed.recipient_absent}), whose
 * first part is always the status. A code no table knows is {@link #UNMAPPED}: EXCEPTION with
 * {@code exception.unmapped} (ADR 0043).
 */
public record NormalizedStatus(TrackingStatus status, String subStatus) {

    private static final Pattern SUB_STATUS = Pattern.compile("[a-z_]+\\.[a-z0-9_]+");

    /** What a code no mapping table knows becomes. */
    public static final NormalizedStatus UNMAPPED = new NormalizedStatus(TrackingStatus.EXCEPTION,
            StatusChanged.UNMAPPED_SUB_STATUS);

    public NormalizedStatus {
        Objects.requireNonNull(status, "status");
        if (subStatus != null && !(SUB_STATUS.matcher(subStatus).matches()
                && subStatus.startsWith(status.name().toLowerCase(Locale.ROOT) + "."))) {
            throw new IllegalArgumentException("sub-status '" + subStatus + "' is not '"
                    + status.name().toLowerCase(Locale.ROOT) + ".<reason>' in lower snake case");
        }
    }

    public static NormalizedStatus of(TrackingStatus status) {
        return new NormalizedStatus(status, null);
    }

    /**
     * Reads a table value: a status ({@code in_transit}, case-insensitive) or a sub-status
     * ({@code delivery_failed.recipient_absent}). An unknown status is an {@link IllegalArgumentException}.
     */
    public static NormalizedStatus parse(String value) {
        String text = value.strip();
        int dot = text.indexOf('.');
        String status = dot < 0 ? text : text.substring(0, dot);
        TrackingStatus parsed;
        try {
            parsed = TrackingStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + status + "' is not a tracking status", e);
        }
        if (parsed == TrackingStatus.UNMAPPED) {
            throw new IllegalArgumentException("UNMAPPED is not for tables: leave the code out instead");
        }
        return new NormalizedStatus(parsed, dot < 0 ? null : text);
    }

    /** True for a code no table knew (also the pre-v1.1 {@link TrackingStatus#UNMAPPED} of stored events). */
    @SuppressWarnings("deprecation")
    public boolean unmapped() {
        return status == TrackingStatus.UNMAPPED || StatusChanged.UNMAPPED_SUB_STATUS.equals(subStatus);
    }

    /** Events stored before v1.1 say UNMAPPED; read them as what an unmapped code is now. */
    @SuppressWarnings("deprecation")
    public static NormalizedStatus upgrade(TrackingStatus status, String subStatus) {
        return status == TrackingStatus.UNMAPPED ? UNMAPPED : new NormalizedStatus(status, subStatus);
    }
}
