package org.ldapscim.bridge.scim.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnquotedFilterValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "userName sw O | userName sw \"O\"",
        "meta.Created gt 2015-10-10T14:38:21.8617979-07:00 | meta.Created gt \"2015-10-10T14:38:21.8617979-07:00\"",
        "name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)"
                + " | name.FamilyName eq \"Employee\" and (emails.Value co \"example.com\" or emails.Value co \"example.org\")",
        "emails[type eq work].value Eq b@x | emails[type eq \"work\"].value Eq \"b@x\"",
        "active eq True | active eq true",
        "manager eq NULL | manager eq null",
        "x.count ge 10 | x.count ge 10",
        "x.rate lt -1.5e3 | x.rate lt -1.5e3",
        "userName eq 007 | userName eq \"007\"",
        "path\\x eq a\\b | path\\x eq \"a\\\\b\"",
    })
    void quotesBareComparisonValues(String bare, String quoted) {
        assertEquals(quoted, UnquotedFilterValues.quoted(bare));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "userName eq \"O\"",
        "userName eq \"a b\" and not (title pr)",
        "emails[type eq \"work\" and value co \"@\"]",
        "title pr",
        "displayName eq \"eq x\"",
        "userName eq \"unterminated",
        "and or not",
        "",
    })
    void leavesWhatIsNotABareValueAlone(String filter) {
        assertEquals(filter, UnquotedFilterValues.quoted(filter));
    }
}
