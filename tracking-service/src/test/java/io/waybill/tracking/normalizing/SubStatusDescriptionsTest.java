package io.waybill.tracking.normalizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.carriers.spi.CarrierAdapterFactory;
import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.carriers.spi.StatusTable;
import io.waybill.tracking.gettingtrackings.StatusDescriptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sub-status a normalization table (any version, tracking-service's own and each carrier plug-in's) or the
 * code can produce has words in every supported language. The tables are found on the class path, not listed here,
 * so a new table or entry without a description fails this test.
 */
class SubStatusDescriptionsTest {

    private static final Pattern TABLE = Pattern.compile("[a-z0-9-]+\\.v\\d+\\.properties");

    @Test
    void everySubStatusATableOrTheCodeCanProduceIsDescribedInEveryLanguage() throws Exception {
        Set<String> produced = producible();
        Map<String, List<String>> missing = new TreeMap<>();
        for (String language : StatusDescriptions.LANGUAGES) {
            Properties words = words(language);
            List<String> undescribed = produced.stream()
                    .filter(s -> words.getProperty(s) == null || words.getProperty(s).isBlank()).toList();
            if (!undescribed.isEmpty()) {
                missing.put(language, undescribed);
            }
        }
        assertThat(missing).as("sub-statuses without words in i18n/sub-statuses[_<language>].properties").isEmpty();
    }

    @Test
    void theBundlesDescribeOnlySubStatusesThatCanOccurAndAllTheSameOnes() throws Exception {
        Set<String> produced = producible();
        for (String language : StatusDescriptions.LANGUAGES) {
            assertThat(words(language).stringPropertyNames()).as("keys of the %s bundle (a typo, or a stale entry?)", language)
                    .containsExactlyInAnyOrderElementsOf(produced);
        }
    }

    @Test
    void theViewGetsTheWordsOfTheAskedLanguageAndNothingForNoOrAnUndescribedSubStatus() {
        assertThat(StatusDescriptions.describeSubStatus("delivery_failed.recipient_absent", "es"))
                .isEqualTo("El destinatario estaba ausente");
        assertThat(StatusDescriptions.describeSubStatus("customs.held", "sv")).isEqualTo("Kvarhållet i tullen");
        assertThat(StatusDescriptions.describeSubStatus("exception.unmapped", "en")).isEqualTo("Carrier update not yet classified");
        assertThat(StatusDescriptions.describeSubStatus(null, "fr")).isNull();
        assertThat(StatusDescriptions.describeSubStatus("in_transit.teleported", "pt")).isNull();
    }

    /** The tables' sub-statuses (each table's includes exception.unmapped, what the code makes of an unknown code). */
    private static Set<String> producible() throws Exception {
        Set<String> produced = new TreeSet<>();
        produced.add(NormalizedStatus.UNMAPPED.subStatus());
        for (StatusTable table : tables()) {
            produced.addAll(table.subStatuses());
        }
        return produced;
    }

    /**
     * Every {@code <name>.v<N>.properties} in tracking-service's {@code normalization/} and next to each carrier
     * plug-in's factory (where a carrier's tables live), on the class path as directories or jars.
     */
    private static List<StatusTable> tables() throws Exception {
        Set<String> folders = new TreeSet<>(List.of("normalization"));
        ServiceLoader.load(CarrierAdapterFactory.class).stream()
                .forEach(p -> folders.add(p.type().getPackageName().replace('.', '/')));
        List<StatusTable> tables = new ArrayList<>();
        for (String folder : folders) {
            Set<String> files = new TreeSet<>();
            for (URL url : Collections.list(SubStatusDescriptionsTest.class.getClassLoader().getResources(folder))) {
                files.addAll(list(url, folder));
            }
            files.removeIf(f -> !TABLE.matcher(f.substring(f.lastIndexOf('/') + 1)).matches());
            assertThat(files).as("status tables in %s", folder).isNotEmpty();
            files.forEach(f -> tables.add(StatusTable.load(SubStatusDescriptionsTest.class, "/" + f)));
        }
        return tables;
    }

    private static List<String> list(URL url, String folder) throws IOException, URISyntaxException {
        if ("file".equals(url.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.map(p -> folder + "/" + p.getFileName()).toList();
            }
        }
        if ("jar".equals(url.getProtocol())) {
            // a JarFile of our own: closing the connection's cached one would pull it from under the class loader
            try (JarFile jar = new JarFile(Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI()).toFile())) {
                return jar.stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith(folder + "/") && n.indexOf('/', folder.length() + 1) < 0).toList();
            }
        }
        throw new IllegalStateException("Cannot list " + url);
    }

    /** One language's own file, without the English fallback a ResourceBundle would add. */
    private static Properties words(String language) throws IOException {
        String file = "/i18n/sub-statuses" + ("en".equals(language) ? "" : "_" + language) + ".properties";
        Properties words = new Properties();
        try (InputStream in = SubStatusDescriptionsTest.class.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return words;
    }
}
