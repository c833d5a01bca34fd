package io.waybill.deploy.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where things are in the repository, seen from this module (deploy/k8s). */
final class Project {

    static final Path MODULE = Path.of(System.getProperty("waybill.k8s.dir", ".")).toAbsolutePath().normalize();
    static final Path ROOT = MODULE.getParent().getParent();
    static final Path BASE = MODULE.resolve("base");
    static final Path OVERLAYS = MODULE.resolve("overlays");
    static final Path COMPONENTS = MODULE.resolve("components");

    private Project() {
    }

    /** Every overlay directory: each is a deployable variant and must pass every check. */
    static List<Path> overlays() {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path overlay(String name) {
        return OVERLAYS.resolve(name);
    }
}
