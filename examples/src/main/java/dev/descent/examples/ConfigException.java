package dev.descent.examples;

/** A usage or configuration error: the CLI prints its one-line message and exits 2. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
