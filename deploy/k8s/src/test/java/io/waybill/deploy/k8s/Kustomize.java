package io.waybill.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the way {@code kubectl apply -k} would, and
 * returns the objects. Needs kubectl on the PATH (or {@code KUBECTL}); there is no cluster involved.
 */
final class Kustomize {

    static final ObjectMapper YAML = new YAMLMapper();
    private static final Map<Path, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    static List<ObjectNode> render(Path kustomization) {
        return RENDERED.computeIfAbsent(kustomization.toAbsolutePath().normalize(), Kustomize::run);
    }

    private static List<ObjectNode> run(Path dir) {
        try {
            Process process = new ProcessBuilder(kubectl(), "kustomize", dir.toString())
                    .redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + err);
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<ObjectNode> parse(String yaml) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc instanceof ObjectNode object) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    static String kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(p -> !p.isBlank())
                .map(p -> Path.of(p, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
        return found.map(Path::toString).orElseThrow(() -> new AssertionError(
                "kubectl is needed to render the Kustomize overlays (kubectl kustomize) and was not found on the PATH."
                        + " Install kubectl 1.27 or newer (its built-in Kustomize v5 reads `labels` and `components`;"
                        + " Debian 12's kubernetes-client 1.20 is too old) or set KUBECTL to its path."));
    }
}
