package dev.lightdevops.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void aLibpqUrlBecomesAJdbcUrlWithTheCredentialsTakenOut() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://history:s%40cret@db.internal:6543/devops?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/devops?sslmode=require");
        assertThat(url.username()).isEqualTo("history");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.toString()).doesNotContain("s@cret");
    }

    @Test
    void aJdbcUrlIsTakenAsItIs() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://localhost/devops").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost/devops");
    }

    @Test
    void somethingElseIsRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db/devops"))
                .hasMessageContaining("postgres://user:password@host:port/database");
    }
}
