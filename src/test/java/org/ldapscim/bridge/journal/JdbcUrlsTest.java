package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void masksAPasswordOption() {
        assertEquals("jdbc:mariadb://db/j?user=u&password=<masked>&a=b",
                JdbcUrls.mask("jdbc:mariadb://db/j?user=u&password=p@ss&a=b"));
    }

    @Test
    void masksThePasswordOfTheAddressForm() {
        assertEquals("jdbc:mariadb://address=(host=db)(port=3306)(password=<masked>)/j",
                JdbcUrls.mask("jdbc:mariadb://address=(host=db)(port=3306)(password=p)/j"));
    }

    @Test
    void masksAPasswordInTheUserInfo() {
        assertEquals("jdbc:mysql://u:<masked>@db:3306/j", JdbcUrls.mask("jdbc:mysql://u:p4ss@db:3306/j"));
    }

    @Test
    void leavesAUrlWithoutPasswordAlone() {
        assertEquals("jdbc:mariadb://127.0.0.1:3306/bridge_journal?connectTimeout=2000",
                JdbcUrls.mask("jdbc:mariadb://127.0.0.1:3306/bridge_journal?connectTimeout=2000"));
    }
}
