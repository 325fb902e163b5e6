package org.ldapscim.bridge.config;

/**
 * Configuration that cannot be used, named by its key path ({@code ldap.urls[0]}) with a hint at the fix.
 * Thrown at start-up and by {@code check-config}; never caught to fall back to a default.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String keyPath;
    private final String hint;

    public ConfigException(String keyPath, String problem, String hint) {
        super(problem);
        this.keyPath = keyPath;
        this.hint = hint;
    }

    public ConfigException(String keyPath, String problem, String hint, Throwable cause) {
        super(problem, cause);
        this.keyPath = keyPath;
        this.hint = hint;
    }

    public String keyPath() {
        return keyPath;
    }

    public String hint() {
        return hint;
    }

    /** One line for an operator: where, what, and how to fix it. */
    public String describe() {
        StringBuilder line = new StringBuilder();
        if (keyPath != null && !keyPath.isEmpty()) {
            line.append(keyPath).append(": ");
        }
        line.append(getMessage());
        if (hint != null && !hint.isEmpty()) {
            line.append(" (hint: ").append(hint).append(')');
        }
        return line.toString();
    }
}
