package org.ldapscim.bridge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code bridge.yaml} and the mapping files it names, strictly: an unknown key, a wrong type or a
 * missing file is a {@link ConfigException} naming the key path, never a silent default.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // Records are bound without a tree: only the parser sees a key given twice.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private ConfigLoader() {
    }

    /** Loads the main file and every mapping it names. */
    public static LoadedConfig load(Path bridgeFile) {
        BridgeConfig bridge = read(bridgeFile, BridgeConfig.class);
        if (bridge.mappings().isEmpty()) {
            throw new ConfigException("mappings", "no mapping files are listed",
                    "list the mapping files, e.g. mappings: [users.yaml, groups.yaml]");
        }
        Path directory = bridgeFile.toAbsolutePath().getParent();
        List<ResourceMappingConfig> resources = new ArrayList<>();
        for (int i = 0; i < bridge.mappings().size(); i++) {
            Path mappingFile = directory.resolve(bridge.mappings().get(i));
            if (!Files.isRegularFile(mappingFile)) {
                throw new ConfigException("mappings[" + i + "]", "file " + mappingFile + " does not exist",
                        "paths are relative to " + directory);
            }
            resources.add(read(mappingFile, ResourceMappingConfig.class));
        }
        return new LoadedConfig(bridge, resources);
    }

    /** Reads the main file alone, for commands that need no mappings. */
    public static BridgeConfig readBridge(Path bridgeFile) {
        return read(bridgeFile, BridgeConfig.class);
    }

    /** Reads one mapping file alone, e.g. a shipped preset checked against a live directory. */
    public static ResourceMappingConfig readMapping(Path mappingFile) {
        return read(mappingFile, ResourceMappingConfig.class);
    }

    /** Reads one mapping file shipped inside the jar. */
    public static ResourceMappingConfig readMapping(String resourceName) {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new ConfigException("", "mapping " + resourceName + " is not on the class path", null);
            }
            return parse(resourceName, YAML.readValue(in, ResourceMappingConfig.class));
        } catch (JsonProcessingException e) {
            throw translate(resourceName, e);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + resourceName + ": " + e.getMessage(), null, e);
        }
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                throw new ConfigException("", file + " is empty", null);
            }
            return parse(file.toString(), YAML.readValue(text, type));
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "file " + file + " does not exist", "pass --config with an existing file");
        } catch (JsonProcessingException e) {
            throw translate(file.toString(), e);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + file + ": " + e.getMessage(), null, e);
        }
    }

    private static <T> T parse(String source, T value) {
        if (value == null) {
            throw new ConfigException("", source + " is empty", null);
        }
        return value;
    }

    /**
     * Explains a binding failure by key path and expected type. The offending value is never quoted:
     * a mistyped path can point the loader at a secret file, and this text reaches logs.
     */
    private static ConfigException translate(String source, JsonProcessingException e) {
        String keyPath = e instanceof JsonMappingException mapping ? keyPath(mapping) : "";
        String where = source + (e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new ConfigException(keyPath, "unknown key '" + unknown.getPropertyName() + "' in " + where,
                    "known keys here: " + unknown.getKnownPropertyIds(), e);
        }
        if (e instanceof InvalidTypeIdException badKind) {
            return new ConfigException(keyPath, "unknown kind '" + badKind.getTypeId() + "' in " + where,
                    "kinds: text, boolean, integer, generalizedTime, lockFlag, bitFlag, reference, memberSearch,"
                            + " password", e);
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == Secret.class) {
            return new ConfigException(keyPath, format.getOriginalMessage() + " in " + where,
                    "a secret is {env: NAME}, {file: /path} or {credential: NAME}", e);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && !(e instanceof ValueInstantiationException)) {
            return new ConfigException(keyPath, "expected " + describe(mismatch.getTargetType()) + " in " + where,
                    "check the value's quoting and type", e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof InputCoercionException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof InputCoercionException overflow) {
            return new ConfigException(keyPath, "the number is out of range in " + where + ": " + range(overflow),
                    null, e);
        }
        if (root instanceof IllegalArgumentException) {
            return new ConfigException(keyPath, root.getMessage() + " in " + where, null, e);
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
            return new ConfigException(keyPath, e.getOriginalMessage().lines().findFirst().orElse("") + " in " + where,
                    "give each key once", e);
        }
        String column = e.getLocation() == null ? "" : " column " + e.getLocation().getColumnNr();
        return new ConfigException(keyPath, "YAML syntax error in " + where + column, "check indentation and quoting", e);
    }

    /** The range of the Java type the number did not fit, which is wider than what the key itself allows. */
    private static String range(InputCoercionException overflow) {
        Class<?> type = overflow.getTargetType();
        if (type == Integer.class || type == int.class) {
            return "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + " is the most it takes";
        }
        if (type == Long.class || type == long.class) {
            return "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + " is the most it takes";
        }
        return "expected " + (type == null ? "a smaller number" : describe(type));
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == Secret.class) {
            return "a secret: {env: NAME}, {file: /path} or {credential: NAME}";
        }
        if (type == ResourceMappingConfig.class) {
            return "a mapping with keys such as resourceType, baseDns and attributes";
        }
        String name = type.getSimpleName().replace("MappingConfig", "").replace("Config", "");
        return "a " + Character.toLowerCase(name.charAt(0)) + name.substring(1) + " section";
    }

    private static String keyPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
