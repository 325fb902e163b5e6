package org.ldapscim.bridge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.controls.PermissiveModifyRequestControl;
import com.unboundid.ldif.LDIFAddChangeRecord;
import com.unboundid.ldif.LDIFDeleteChangeRecord;
import com.unboundid.ldif.LDIFModifyChangeRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.mapping.MappingCompiler;
import org.ldapscim.bridge.mapping.ResourceMapping;

class WithheldChangesTest {
    private static final List<ResourceMapping> DEMO = MappingCompiler.compile(
            List.of(ConfigLoader.readMapping("config/demo/users.yaml"), ConfigLoader.readMapping("config/demo/groups.yaml")),
            List.of("users.yaml", "groups.yaml"));

    @Test
    void passwordValuesAreMaskedAsTextOrBase64AndControlsAreLeftOut() {
        byte[] quoted = "\"Secret-1!\"".getBytes(StandardCharsets.UTF_16LE);
        String ldif = WithheldChanges.ldif(List.of(
                new LDIFAddChangeRecord("uid=a,dc=example,dc=com", new Attribute("uid", "a"),
                        new Attribute("userPassword", "Secret-1!"), new Attribute("unicodePwd", quoted)),
                new LDIFModifyChangeRecord("uid=a,dc=example,dc=com", new Modification[] {
                        new Modification(ModificationType.REPLACE, "userPassword;binary", "Secret-2!"),
                        new Modification(ModificationType.REPLACE, "title", "Boss")},
                        List.<Control>of(new PermissiveModifyRequestControl())),
                new LDIFDeleteChangeRecord("uid=a,dc=example,dc=com")), DEMO);

        assertEquals("""
                dn: uid=a,dc=example,dc=com
                changetype: add
                uid: a
                userPassword: <secret>
                unicodePwd: <secret>

                dn: uid=a,dc=example,dc=com
                changetype: modify
                replace: userPassword;binary
                userPassword;binary: <secret>
                -
                replace: title
                title: Boss
                -

                dn: uid=a,dc=example,dc=com
                changetype: delete

                """, ldif);
    }
}
