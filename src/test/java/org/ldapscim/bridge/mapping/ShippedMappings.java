package org.ldapscim.bridge.mapping;

import java.util.List;
import org.ldapscim.bridge.config.ConfigLoader;

/** The mapping files shipped under {@code config/}, read from the class path and compiled. */
final class ShippedMappings {
    private ShippedMappings() {
    }

    /** The User and Group mappings of one shipped directory ({@code demo}, {@code openldap}, ...). */
    static List<ResourceMapping> of(String directory) {
        String users = "config/" + directory + "/users.yaml";
        String groups = "config/" + directory + "/groups.yaml";
        return MappingCompiler.compile(List.of(ConfigLoader.readMapping(users), ConfigLoader.readMapping(groups)),
                List.of(users, groups));
    }

    static ResourceMapping users(String directory) {
        return of(directory).get(0);
    }

    static ResourceMapping groups(String directory) {
        return of(directory).get(1);
    }
}
