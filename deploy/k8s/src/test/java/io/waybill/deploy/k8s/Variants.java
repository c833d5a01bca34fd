package io.waybill.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything that can be deployed: each overlay, and prod with the Ingress component instead of the HTTPRoute. */
final class Variants {

    private Variants() {
    }

    static List<Path> all() {
        List<Path> variants = new ArrayList<>(Project.overlays());
        variants.add(prodWithIngress());
        return variants;
    }

    /** A kustomization in target/ that adds components/ingress to the prod overlay. */
    static Path prodWithIngress() {
        Path dir = Project.MODULE.resolve("target/kustomize-variants/prod-with-ingress");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kustomization.yaml"), """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                      - ../../../overlays/prod
                    components:
                      - ../../../components/ingress
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
