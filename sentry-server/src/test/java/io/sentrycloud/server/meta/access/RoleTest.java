package io.sentrycloud.server.meta.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void eachRoleMayWhatTheRolesBeforeItMay() {
        assertThat(Role.ADMIN.allows(Role.EDITOR)).isTrue();
        assertThat(Role.ADMIN.allows(Role.VIEWER)).isTrue();
        assertThat(Role.EDITOR.allows(Role.VIEWER)).isTrue();
        assertThat(Role.EDITOR.allows(Role.ADMIN)).isFalse();
        assertThat(Role.VIEWER.allows(Role.EDITOR)).isFalse();
        assertThat(Role.VIEWER.allows(Role.VIEWER)).isTrue();
    }

    @Test
    void rolesReadAndWriteTheirLowerCaseNames() {
        for (Role r : Role.values()) {
            assertThat(Role.of(r.id())).isEqualTo(r);
        }
        assertThatThrownBy(() -> Role.of("ADMIN")).hasMessageContaining("viewer, editor or admin");
    }
}
