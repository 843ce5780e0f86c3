package io.voicegate.launcher.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvTest {

    static final Variable COLOUR = Variable.of("COLOUR", "blue", "A colour.", "red");
    static final Variable COUNT = Variable.of("COUNT", "3", "A count.", "7");
    static final Variable FLAG = Variable.of("FLAG", "false", "A flag.", "true");
    static final Variable ORIGINS = Variable.of("ORIGINS", "", "Origins.", "https://a");
    static final Variable TOKEN = Variable.secret("TOKEN", "A secret.", "s3cr3t");

    @Test
    void the_environment_wins_over_dot_env_which_wins_over_defaults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), """
                # comment
                COLOUR=green
                export COUNT="5"
                FLAG=yes # trailing comment
                """);
        var env = Env.load(Map.of("COLOUR", "red"), dir);
        assertThat(env.text(COLOUR)).isEqualTo("red");
        assertThat(env.integer(COUNT, 0, 10)).isEqualTo(5);
        assertThat(env.bool(FLAG)).isTrue();
    }

    @Test
    void without_a_dot_env_the_defaults_apply(@TempDir Path dir) {
        var env = Env.load(Map.of(), dir);
        assertThat(env.text(COLOUR)).isEqualTo("blue");
        assertThat(env.integer(COUNT, 0, 10)).isEqualTo(3);
        assertThat(env.optional(ORIGINS)).isEmpty();
    }

    @Test
    void lists_are_comma_separated_or_json_arrays() {
        assertThat(new Env(Map.of("ORIGINS", "https://a, https://b,,")).list(ORIGINS)).containsExactly("https://a", "https://b");
        assertThat(new Env(Map.of("ORIGINS", "[\"https://a\", \"https://b\"]")).list(ORIGINS)).containsExactly("https://a", "https://b");
        assertThatThrownBy(() -> new Env(Map.of("ORIGINS", "[https://a]")).list(ORIGINS))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("ORIGINS: expected");
    }

    @Test
    void malformed_values_name_the_variable_and_what_is_expected() {
        assertThatThrownBy(() -> new Env(Map.of("COUNT", "many")).integer(COUNT, 0, 10))
                .isInstanceOf(ConfigException.class).hasMessage("COUNT: expected an integer from 0 to 10, got 'many'");
        assertThatThrownBy(() -> new Env(Map.of("COUNT", "11")).integer(COUNT, 0, 10))
                .hasMessage("COUNT: expected an integer from 0 to 10, got '11'");
        assertThatThrownBy(() -> new Env(Map.of("FLAG", "perhaps")).bool(FLAG))
                .hasMessage("FLAG: expected true or false, got 'perhaps'");
    }

    @Test
    void a_secret_value_is_never_echoed_in_an_error() {
        assertThatThrownBy(() -> new Env(Map.of("TOKEN", "s3cr3t-value")).integer(TOKEN, 0, 1))
                .hasMessageStartingWith("TOKEN: expected").hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void every_variable_has_a_description_and_a_unique_name() {
        var names = LauncherConfig.variables().stream().map(Variable::name).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(LauncherConfig.variables()).allSatisfy(v -> assertThat(v.description()).isNotBlank());
        assertThat(Help.text(LauncherConfig.variables())).contains(names.toArray(String[]::new));
        assertThat(names).containsAll(List.of("HOST", "PORT", "DATABASE_URL", "DATABASE_POOL_SIZE", "LOG_LEVEL", "TLS_PORT",
                "TLS_CERT_FILE", "TLS_KEY_FILE", "TLS_SELF_SIGNED"));
    }
}
