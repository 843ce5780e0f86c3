package io.voicegate.launcher;

import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.launcher.config.Variable;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration reference lists every variable the launcher reads, with its default. */
class ReadmeTest {

    @Test
    void every_variable_is_in_the_readme_configuration_table_with_its_default() throws Exception {
        var readme = Files.readString(Path.of("..", "README.md"));
        for (Variable variable : LauncherConfig.variables()) {
            var row = "| `" + variable.name() + "` | "
                    + (variable.defaultValue().isEmpty() ? "unset" : "`" + variable.defaultValue() + "`") + " |";
            assertThat(readme).as("README row for " + variable.name()).contains(row);
        }
    }
}
