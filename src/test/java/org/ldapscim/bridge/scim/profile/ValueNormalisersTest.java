package org.ldapscim.bridge.scim.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.AttributeDefinition.Type;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.scim.schema.StandardSchemas;

/** Each value normaliser alone, on the attribute types it is for and on those it must leave alone. */
class ValueNormalisersTest {
    private static final AttributeDefinition ACTIVE = StandardSchemas.user().attribute("active").orElseThrow();
    private static final AttributeDefinition TITLE = StandardSchemas.user().attribute("title").orElseThrow();
    private static final AttributeDefinition MANAGER =
            StandardSchemas.enterpriseUser().attribute("manager").orElseThrow();
    private static final AttributeDefinition EMAILS = StandardSchemas.user().attribute("emails").orElseThrow();

    private static AttributeDefinition ofType(Type type) {
        return new AttributeDefinition.Builder().setName("n").setType(type).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"True", "true", "TRUE", " true "})
    void trueInAnyCaseIsTrue(String text) {
        assertEquals(BooleanNode.TRUE, new BooleanFromString().normalise(ACTIVE, TextNode.valueOf(text)));
    }

    @Test
    void falseInAnyCaseIsFalse() {
        assertEquals(BooleanNode.FALSE, new BooleanFromString().normalise(ACTIVE, TextNode.valueOf("False")));
    }

    @Test
    void booleanTextIsLeftAloneWhereItIsNoBooleanOrMeansNothing() {
        JsonNode yes = TextNode.valueOf("yes");
        assertSame(yes, new BooleanFromString().normalise(ACTIVE, yes));
        JsonNode truth = TextNode.valueOf("true");
        assertSame(truth, new BooleanFromString().normalise(TITLE, truth));
    }

    @Test
    void integerAndDecimalTextBecomeNumbers() {
        assertEquals(LongNode.valueOf(-42),
                new NumberFromString().normalise(ofType(Type.INTEGER), TextNode.valueOf("-42")));
        assertEquals(new BigDecimal("2.50"),
                new NumberFromString().normalise(ofType(Type.DECIMAL), TextNode.valueOf("2.50")).decimalValue());
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"4.2", "12abc", "", "99999999999999999999", "0x10"})
    void textThatIsNoIntegerIsLeftAlone(String text) {
        JsonNode value = TextNode.valueOf(text);
        assertSame(value, new NumberFromString().normalise(ofType(Type.INTEGER), value));
    }

    @Test
    void numericTextForAStringAttributeIsLeftAlone() {
        JsonNode value = TextNode.valueOf("42");
        assertSame(value, new NumberFromString().normalise(TITLE, value));
    }

    @Test
    void numbersForAStringAttributeBecomeTheirDecimalText() {
        TextFromNumber text = new TextFromNumber();
        assertEquals(TextNode.valueOf("12345"), text.normalise(TITLE, LongNode.valueOf(12345)));
        assertEquals(TextNode.valueOf("10000000000"),
                text.normalise(TITLE, JsonNodeFactory.instance.numberNode(new BigDecimal("1E10"))));
        JsonNode number = LongNode.valueOf(1);
        assertSame(number, text.normalise(ACTIVE, number));
    }

    @Test
    void aBareIdForTheManagerBecomesItsValue() {
        assertEquals(JsonNodeFactory.instance.objectNode().put("value", "26118915-6090-4610-87e4-49d8ca9f808d"),
                new BareStringAsValue().normalise(MANAGER, TextNode.valueOf("26118915-6090-4610-87e4-49d8ca9f808d")));
    }

    @Test
    void aBareStringIsLeftAloneForMultiValuedOrSimpleAttributes() {
        JsonNode value = TextNode.valueOf("a@example.com");
        assertSame(value, new BareStringAsValue().normalise(EMAILS, value));
        assertSame(value, new BareStringAsValue().normalise(TITLE, value));
    }
}
