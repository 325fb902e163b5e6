package org.ldapscim.bridge.journal;

import java.util.regex.Pattern;

/** Hides passwords that a JDBC URL may carry, so the URL can appear in logs and messages. */
final class JdbcUrls {

    static final String MASK = "<masked>";

    // Covers "?password=x&...", ";password=x" and the "(password=x)" address form of MariaDB.
    private static final Pattern PASSWORD_PROPERTY =
            Pattern.compile("(?i)\\b(password|pwd)=[^&;)]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:]*):[^/@]*@");

    private JdbcUrls() {
    }

    static String mask(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        String masked = PASSWORD_PROPERTY.matcher(jdbcUrl).replaceAll("$1=" + MASK);
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1:" + MASK + "@");
    }
}
