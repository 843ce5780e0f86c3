package io.voicegate.launcher.config;

/** A configuration value is malformed; the message names the variable and what is expected, never a secret. */
public final class ConfigException extends RuntimeException {

    public ConfigException(Variable variable, String expected) {
        super(variable.name() + ": expected " + expected);
    }

    public ConfigException(Variable variable, String expected, String got) {
        super(variable.name() + ": expected " + expected + (variable.secret() ? "" : ", got '" + got + "'"));
    }
}
