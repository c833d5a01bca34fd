package io.waybill.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.authorization.ScopeRepresentation;

/**
 * Where the realm's schema is generated from. Keycloak's representations are recursive (groups in
 * groups, policies through scopes); a structural schema cannot be, so the recursive fields become
 * free-form below their first level, as the Keycloak operator's own CRD does for the same classes.
 */
@SchemaSwap(originalType = ScopeRepresentation.class, fieldName = "policies", targetType = JsonNode.class)
@SchemaSwap(originalType = ScopeRepresentation.class, fieldName = "resources", targetType = JsonNode.class)
@SchemaSwap(originalType = ComponentExportRepresentation.class, fieldName = "subComponents", targetType = JsonNode.class)
@SchemaSwap(originalType = GroupRepresentation.class, fieldName = "subGroups", targetType = JsonNode.class)
final class RealmSchema {

    public RealmRepresentation realm;

    private RealmSchema() {
    }
}
