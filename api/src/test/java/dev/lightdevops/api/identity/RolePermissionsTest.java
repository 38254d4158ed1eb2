package dev.lightdevops.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The api's shipped role table and the anonymous caller it yields, bound from api.yml as the app binds it. */
class RolePermissionsTest {

    private static AuthProperties auth(Map<String, Object> overrides) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("api", new ClassPathResource("api.yml"))) {
            if (source.getSource() instanceof Map<?, ?> map) {
                map.forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
            }
        }
        properties.replaceAll((key, value) -> String.valueOf(value).replaceAll("\\$\\{[A-Z_]+:(.*)}", "$1"));
        properties.putAll(overrides);
        return new Binder(new MapConfigurationPropertySource(properties)).bind("devops.auth", AuthProperties.class)
                .get();
    }

    @Test
    void shippedRolesGrantTheIssuesDefaults() throws Exception {
        RolePermissions roles = new RolePermissions(auth(Map.of()));

        assertThat(roles.permissionsOf(List.of("observer"))).containsExactlyInAnyOrder("read_logs", "read_metrics",
                "read_deployments", "read_operations");
        assertThat(roles.permissionsOf(List.of("Developer"))).contains("deploy_staging", "cancel_own")
                .doesNotContain("deploy_production", "rollback_production", "cancel_any");
        assertThat(roles.permissionsOf(List.of("developer_prod_access"))).contains("deploy_production",
                "rollback_production", "cancel_any");
        assertThat(roles.permissionsOf(List.of("Nobody"))).isEmpty();
    }

    @Test
    void anonymousCallersNeverGetProductionWhateverTheirRole() throws Exception {
        AuthProperties auth = auth(Map.of("devops.auth.allow-anonymous", "true",
                "devops.auth.anonymous-role", "Developer_prod_access"));

        Caller anonymous = new CallerResolver(auth, new RolePermissions(auth)).anonymousCaller();

        assertThat(anonymous.anonymous()).isTrue();
        assertThat(anonymous.permissions()).contains("deploy_staging")
                .doesNotContain("deploy_production", "rollback_production", "cancel_any");
    }

    @Test
    void aTypoInAConfiguredPermissionStopsTheStart() throws Exception {
        AuthProperties auth = auth(Map.of("devops.auth.roles.[Typo]", "read_logz"));

        assertThatThrownBy(() -> new RolePermissions(auth)).hasMessageContaining("read_logz");
    }

    @Test
    void claimPathsReachTenantRolesEvenWhenTheTenantIdHasDots() {
        Map<String, Object> claims = Map.of("tenants", Map.of("acme.eu", Map.of("roles", List.of("Developer"))));

        assertThat(TokenClaims.at(claims, "tenants.acme.eu.roles")).isEqualTo(List.of("Developer"));
        assertThat(TokenClaims.at(claims, "tenants.other.roles")).isNull();
    }
}
