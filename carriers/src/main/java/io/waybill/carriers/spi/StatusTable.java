package io.waybill.carriers.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A carrier code → normalized status (and sub-status) table kept in a versioned resource file,
 * {@code <name>.v<version>.properties}, next to the class that uses it (a carrier's table lives in the
 * carrier's package). Values are a status or a sub-status ({@code in_transit},
 * {@code delivery_failed.recipient_absent}; see {@link NormalizedStatus#parse}). Loading fails on a value
 * that is not a status or a well-formed sub-status, so a typo stops the start instead of mapping events
 * wrongly. A changed mapping is a new file (a new version), never an edit in place (ADR 0042).
 */
public final class StatusTable {

    private static final Pattern FILE = Pattern.compile("(?:.*/)?([a-z0-9-]+)\\.v(\\d+)\\.properties");

    private final String name;
    private final int version;
    private final Map<String, NormalizedStatus> codes;

    private StatusTable(String name, int version, Map<String, NormalizedStatus> codes) {
        this.name = name;
        this.version = version;
        this.codes = Map.copyOf(codes);
    }

    /**
     * Loads {@code resource} as {@link Class#getResourceAsStream} finds it from {@code anchor}: relative to the
     * anchor's package, or absolute with a leading {@code /}.
     */
    public static StatusTable load(Class<?> anchor, String resource) {
        Matcher file = FILE.matcher(resource);
        if (!file.matches()) {
            throw new IllegalArgumentException("A status table is named <name>.v<version>.properties, not " + resource);
        }
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No status table " + resource + " next to " + anchor.getName());
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, NormalizedStatus> codes = new HashMap<>();
            for (String code : properties.stringPropertyNames()) {
                String value = properties.getProperty(code);
                try {
                    codes.put(code, NormalizedStatus.parse(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(resource + ": " + code + "=" + value + ": " + e.getMessage(), e);
                }
            }
            return new StatusTable(file.group(1), Integer.parseInt(file.group(2)), codes);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** The entry of the first code the table knows (most specific first); empty when none is known. */
    public Optional<NormalizedStatus> find(String... mostSpecificFirst) {
        for (String code : mostSpecificFirst) {
            if (code != null && codes.containsKey(code)) {
                return Optional.of(codes.get(code));
            }
        }
        return Optional.empty();
    }

    /** The code's entry, or {@link NormalizedStatus#UNMAPPED} when the table does not know it. */
    public NormalizedStatus normalize(String code) {
        return find(code).orElse(NormalizedStatus.UNMAPPED);
    }

    public Set<String> codes() {
        return codes.keySet();
    }

    /**
     * Every sub-status {@link #normalize} can return: the table's own and {@code exception.unmapped} for a code it
     * does not know (what needs a localized description).
     */
    public Set<String> subStatuses() {
        Set<String> subStatuses = new TreeSet<>();
        codes.values().stream().map(NormalizedStatus::subStatus).filter(Objects::nonNull).forEach(subStatuses::add);
        subStatuses.add(NormalizedStatus.UNMAPPED.subStatus());
        return subStatuses;
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }
}
