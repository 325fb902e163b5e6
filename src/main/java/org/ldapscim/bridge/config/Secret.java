package org.ldapscim.bridge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A password or key that must never be printed. In YAML it is written as one of
 * {@code {env: NAME}}, {@code {file: /path}} or {@code {credential: name}} (a systemd credential under
 * {@code $CREDENTIALS_DIRECTORY}); a literal string is accepted for local testing only.
 * The value is resolved when the configuration is loaded, so a missing file fails at start-up.
 */
@JsonDeserialize(using = Secret.YamlReader.class)
public final class Secret {
    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value));
    }

    public static Secret empty() {
        return EMPTY;
    }

    static Secret fromSource(Map<String, String> source) {
        if (source.size() != 1) {
            throw new IllegalArgumentException("a secret takes exactly one of env, file or credential");
        }
        var entry = source.entrySet().iterator().next();
        return switch (entry.getKey()) {
            case "env" -> fromEnvironment(entry.getValue());
            case "file" -> fromFile(Path.of(entry.getValue()));
            case "credential" -> fromCredential(entry.getValue());
            default -> throw new IllegalArgumentException(
                    "unknown secret source '" + entry.getKey() + "'; use env, file or credential");
        };
    }

    private static Secret fromEnvironment(String name) {
        String found = System.getenv(name);
        if (found == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return of(found);
    }

    private static Secret fromCredential(String name) {
        String directory = System.getenv("CREDENTIALS_DIRECTORY");
        if (directory == null) {
            throw new IllegalArgumentException("CREDENTIALS_DIRECTORY is not set (is the service started by systemd"
                    + " with LoadCredential=" + name + ":...?)");
        }
        return fromFile(Path.of(directory, name));
    }

    private static Secret fromFile(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read secret file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "<masked>";
    }

    static final class YamlReader extends JsonDeserializer<Secret> {
        @Override
        public Secret deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return of(parser.getText());
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return (Secret) context.handleUnexpectedToken(Secret.class, parser);
            }
            Map<String, String> source = parser.readValueAs(
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
            try {
                return fromSource(source);
            } catch (IllegalArgumentException e) {
                throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(parser, e.getMessage(), source, Secret.class);
            }
        }
    }
}
