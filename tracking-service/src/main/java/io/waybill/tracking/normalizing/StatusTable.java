package io.waybill.tracking.normalizing;

import io.waybill.contracts.TrackingStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A carrier code → normalized status table kept in a versioned resource file,
 * {@code normalization/<name>.v<version>.properties}. Loading fails on a value that is not a
 * {@link TrackingStatus}, so a typo in a table stops the start instead of mapping events wrongly.
 */
public final class StatusTable {

    private final String name;
    private final int version;
    private final Map<String, TrackingStatus> codes;

    private StatusTable(String name, int version, Map<String, TrackingStatus> codes) {
        this.name = name;
        this.version = version;
        this.codes = Map.copyOf(codes);
    }

    public static StatusTable load(String name, int version) {
        String resource = "normalization/" + name + ".v" + version + ".properties";
        try (InputStream in = StatusTable.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No normalization table " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, TrackingStatus> codes = new HashMap<>();
            for (String code : properties.stringPropertyNames()) {
                String value = properties.getProperty(code).trim();
                try {
                    codes.put(code, TrackingStatus.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(resource + ": " + code + " maps to " + value + ", not a status", e);
                }
            }
            return new StatusTable(name, version, codes);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** The status of the first code the table knows (most specific first); empty when none is known. */
    public Optional<TrackingStatus> status(String... mostSpecificFirst) {
        for (String code : mostSpecificFirst) {
            if (code != null && codes.containsKey(code)) {
                return Optional.of(codes.get(code));
            }
        }
        return Optional.empty();
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }
}
